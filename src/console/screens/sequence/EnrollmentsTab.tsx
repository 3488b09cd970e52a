import {
  Badge,
  Button,
  Checkbox,
  Dropdown,
  Field,
  Option,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { EnrollmentListItem } from '../../../shared/schemas';
import { useEndpoints, useTimeZone } from '../../app/services';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PagedTable } from '../../components/PagedTable';
import { useCursorPages } from '../../components/Pager';
import { enrollmentsPageQuery, type StatusFilter } from './summary-loading';
import { ResultBar, type Result } from '../../components/ResultBar';
import { RouterLink } from '../../components/RouterLink';
import {
  errorText,
  formatCount,
  formatDateTime,
  plural,
  reasonLabel,
  STATUS_LABELS,
  stepOf,
} from '../../format';
import type { SequenceTabProps } from './tabs';
import { EnrollmentActionsButton, EnrollmentActionsMenu, type ActionsTarget } from './EnrollmentActions';
import { useEnrollmentsStyles } from './EnrollmentsTab.styles';

const STATUS_OPTIONS: [StatusFilter, string][] = [
  ['', 'All statuses'],
  ['active', 'Active'],
  ['paused', 'Paused'],
  ['unenrolled', 'Unenrolled'],
];

/** What the bulk Unenroll acts on: rows ticked, or every enrollment the filter matches (across pages). */
type Selection = { kind: 'ids'; ids: Set<string> } | { kind: 'all' };

type Pending =
  | { kind: 'bulk'; count: number }
  | { kind: 'one'; enrollment: EnrollmentListItem; opener: HTMLElement | null };

/**
 * C3 Enrollments (M2, M5): a paged table with checkboxes and an **Actions** menu per row;
 * **Select all** ticks the page, then **Select all N** every enrollment the filter matches —
 * unenrolled with ONE request `{sequenceId, all: true, status}`, never one per row.
 */
export default function EnrollmentsTab({ sequence }: SequenceTabProps) {
  const styles = useEnrollmentsStyles();
  const api = useEndpoints();
  const timeZone = useTimeZone();
  const client = useQueryClient();
  const [status, setStatus] = useState<StatusFilter>('');
  const [reason, setReason] = useState('');
  const pages = useCursorPages();
  const [selection, setSelection] = useState<Selection>({ kind: 'ids', ids: new Set() });
  const [pending, setPending] = useState<Pending | null>(null);
  const [actionsOn, setActionsOn] = useState<ActionsTarget | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const bulkButton = useRef<HTMLButtonElement>(null);
  const page = enrollmentsPageQuery(api, sequence.id, { status, reason, cursor: pages.cursor });
  const key = page.queryKey;
  const query = useQuery({ ...page, placeholderData: keepPreviousData });

  const perf = sequence.performance;
  /** How many enrollments the filter matches (the figures are the sequence's own counts). */
  const matching = reason
    ? (perf.unenrolledByReason[reason] ?? 0)
    : status === ''
      ? perf.enrolled
      : perf[status];
  /** Of those, how many a bulk unenroll can still end (active or paused). */
  const current =
    reason || status === 'unenrolled' ? 0 : status === '' ? perf.active + perf.paused : perf[status];

  const rows = query.data?.items ?? [];
  const selectedIds = selection.kind === 'ids' ? selection.ids : new Set(rows.map((row) => row.id));
  const pageAllSelected = rows.length > 0 && rows.every((row) => selectedIds.has(row.id));
  const somePageSelected = rows.some((row) => selectedIds.has(row.id));
  const morePages = pages.page > 1 || Boolean(query.data?.nextCursor);
  const selectedCount = selection.kind === 'all' ? current : selection.ids.size;

  const clearSelection = () => setSelection({ kind: 'ids', ids: new Set() });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['enrollments', sequence.id] });
    void client.invalidateQueries({ queryKey: ['sequence', sequence.id] });
    void client.invalidateQueries({ queryKey: ['sequence-overview'] });
    void client.invalidateQueries({ queryKey: ['scheduled'] });
  };
  const say = (intent: Result['intent'], text: string) => setResult({ intent, text, key: Date.now() });

  const bulk = useMutation({
    mutationFn: () =>
      selection.kind === 'all'
        ? api.unenrollMany({
            sequenceId: sequence.id,
            all: true,
            ...(status === 'active' || status === 'paused' ? { status } : {}),
          })
        : api.unenrollMany({ ids: [...selection.ids] }),
    onSuccess: (counts) => {
      setPending(null);
      clearSelection();
      say(
        'success',
        `${plural(counts.unenrolled, 'contact')} unenrolled` +
          (counts.alreadyUnenrolled ? `; ${formatCount(counts.alreadyUnenrolled)} already unenrolled.` : '.'),
      );
      refresh();
    },
    onError: (error) => {
      setPending(null);
      say('error', `Nothing was unenrolled: ${errorText(error)}`);
    },
  });

  const change = useMutation({
    mutationFn: ({
      action,
      enrollment,
    }: {
      action: 'unenroll' | 'pause' | 'resume';
      enrollment: EnrollmentListItem;
    }) => api[action](enrollment.id),
    onMutate: async ({ action, enrollment }) => {
      // Optimistic: the row shows its new status at once; rolled back if the server refuses.
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData(key);
      const next = action === 'unenroll' ? 'unenrolled' : action === 'pause' ? 'paused' : 'active';
      client.setQueryData<typeof query.data>(
        key,
        (page) =>
          page && {
            ...page,
            items: page.items.map((row) => (row.id === enrollment.id ? { ...row, status: next } : row)),
          },
      );
      return { before };
    },
    onError: (error, { enrollment }, context) => {
      client.setQueryData(key, context?.before);
      setPending(null);
      say('error', `${enrollment.contact.email}: ${errorText(error)}`);
    },
    onSuccess: (_, { action, enrollment }) => {
      setPending(null);
      const done =
        action === 'unenroll' ? 'was unenrolled' : action === 'pause' ? 'is paused' : 'was resumed';
      say('success', `${enrollment.contact.name} ${done}.`);
      refresh();
    },
  });

  const toggleRow = (id: string, checked: boolean) => {
    const ids = new Set(selection.kind === 'ids' ? selection.ids : rows.map((row) => row.id));
    if (checked) ids.add(id);
    else ids.delete(id);
    setSelection({ kind: 'ids', ids });
  };
  const togglePage = (checked: boolean) => {
    const ids = new Set(selection.kind === 'ids' ? selection.ids : []);
    for (const row of rows) {
      if (checked) ids.add(row.id);
      else ids.delete(row.id);
    }
    setSelection({ kind: 'ids', ids });
  };
  const filterChanged = () => {
    pages.reset();
    clearSelection();
  };

  const canBulkUnenroll = selection.kind === 'all' ? current > 0 : selection.ids.size > 0;

  return (
    <>
      <div className={styles.toolbar}>
        <Field label="Status">
          <Dropdown
            value={STATUS_OPTIONS.find(([value]) => value === status)?.[1]}
            selectedOptions={[status]}
            onOptionSelect={(_, data) => {
              setStatus((data.optionValue ?? '') as StatusFilter);
              if (data.optionValue !== 'unenrolled') setReason('');
              filterChanged();
            }}
          >
            {STATUS_OPTIONS.map(([value, label]) => (
              <Option key={value} value={value}>
                {label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Reason">
          <Dropdown
            value={reason ? reasonLabel(reason) : 'Any reason'}
            selectedOptions={[reason]}
            disabled={status !== 'unenrolled'}
            onOptionSelect={(_, data) => {
              setReason(data.optionValue ?? '');
              filterChanged();
            }}
          >
            <Option value="">Any reason</Option>
            {Object.keys(perf.unenrolledByReason).map((code) => (
              <Option key={code} value={code}>
                {reasonLabel(code)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>
      <div className={styles.selection}>
        <Button
          ref={bulkButton}
          appearance="primary"
          disabled={!canBulkUnenroll}
          onClick={() => setPending({ kind: 'bulk', count: selectedCount })}
        >
          Unenroll
        </Button>
        {selection.kind === 'all' ? (
          <>
            <span>All {formatCount(matching)} enrollments that match are selected.</span>
            <Button appearance="transparent" onClick={clearSelection}>
              Clear selection
            </Button>
          </>
        ) : (
          <>
            {selection.ids.size > 0 && <span>{plural(selection.ids.size, 'enrollment')} selected.</span>}
            {pageAllSelected && morePages && (
              <Button appearance="transparent" onClick={() => setSelection({ kind: 'all' })}>
                Select all {formatCount(matching)}
              </Button>
            )}
          </>
        )}
      </div>
      <ResultBar result={result} onDismiss={() => setResult(null)} />
      <PagedTable
        label="Enrollments"
        query={query}
        pages={{
          page: pages.page,
          next: (cursor) => {
            pages.next(cursor);
            if (selection.kind === 'ids') clearSelection();
          },
          previous: () => {
            pages.previous();
            if (selection.kind === 'ids') clearSelection();
          },
        }}
        loadingLabel="Loading enrollments"
        errorTitle="The enrollments could not be loaded"
        empty={{
          title: status || reason ? 'No enrollment matches these filters' : 'No one is enrolled yet',
          text:
            status || reason
              ? 'Choose another status or reason.'
              : 'Enroll contacts in this sequence; each enrollment shows here.',
        }}
        header={
          <>
            <TableHeaderCell className={styles.check}>
              <Checkbox
                aria-label="Select all"
                checked={pageAllSelected ? true : somePageSelected ? 'mixed' : false}
                onChange={(_, data) => togglePage(data.checked === true)}
              />
            </TableHeaderCell>
            <TableHeaderCell>Contact</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Step</TableHeaderCell>
            <TableHeaderCell>Next step</TableHeaderCell>
            <TableHeaderCell>Enrolled by</TableHeaderCell>
            <TableHeaderCell>Reason</TableHeaderCell>
            <TableHeaderCell className={styles.actions}>
              <span className="visually-hidden">Actions</span>
            </TableHeaderCell>
          </>
        }
        row={(row) => (
          <TableRow key={row.id}>
            <TableCell>
              <Checkbox
                aria-label={`Select ${row.contact.email}`}
                checked={selectedIds.has(row.id)}
                onChange={(_, data) => toggleRow(row.id, data.checked === true)}
              />
            </TableCell>
            <TableCell>
              <RouterLink to={`/contacts/${row.contactId}`}>{row.contact.name}</RouterLink>
            </TableCell>
            <TableCell>
              <Badge
                appearance="tint"
                color={row.status === 'active' ? 'success' : row.status === 'paused' ? 'warning' : 'subtle'}
              >
                {STATUS_LABELS[row.status]}
              </Badge>
            </TableCell>
            <TableCell>{stepOf(row)}</TableCell>
            <TableCell>{row.status === 'active' ? formatDateTime(row.nextStepAt, timeZone) : '—'}</TableCell>
            <TableCell>{row.enrolledBy?.name || '—'}</TableCell>
            <TableCell>{row.unenrollment ? reasonLabel(row.unenrollment.reason) : '—'}</TableCell>
            <TableCell>
              <EnrollmentActionsButton
                enrollment={row}
                expanded={actionsOn?.enrollment.id === row.id}
                onOpen={(opener) =>
                  setActionsOn(actionsOn?.opener === opener ? null : { enrollment: row, opener })
                }
              />
            </TableCell>
          </TableRow>
        )}
      />
      <EnrollmentActionsMenu
        target={actionsOn}
        onClose={() => setActionsOn(null)}
        onUnenroll={({ enrollment, opener }) => setPending({ kind: 'one', enrollment, opener })}
        onChange={(action, enrollment) => change.mutate({ action, enrollment })}
      />
      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === 'one'
            ? `Unenroll ${pending.enrollment.contact.name}?`
            : `Unenroll ${plural(pending?.kind === 'bulk' ? pending.count : 0, 'contact')}?`
        }
        confirmLabel="Unenroll"
        busy={bulk.isPending || change.isPending}
        onCancel={() => {
          const opener = pending?.kind === 'one' ? pending.opener : bulkButton.current;
          setPending(null);
          // Back to the control that opened the dialog.
          setTimeout(() => opener?.focus(), 0);
        }}
        onConfirm={() =>
          pending?.kind === 'one'
            ? change.mutate({ action: 'unenroll', enrollment: pending.enrollment })
            : bulk.mutate()
        }
      >
        {pending?.kind === 'one'
          ? `${pending.enrollment.contact.email} will be unenrolled from ${sequence.name}. No further step runs; their history stays.`
          : `${plural(pending?.kind === 'bulk' ? pending.count : 0, 'contact')} will be unenrolled from ${sequence.name}. No further step runs for them; their history and the sequence's figures stay.`}
      </ConfirmDialog>
    </>
  );
}
