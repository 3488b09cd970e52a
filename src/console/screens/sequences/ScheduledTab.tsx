import {
  Button,
  Dropdown,
  Field,
  mergeClasses,
  Option,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PageOf } from '../../api/endpoints';
import type { ScheduledItem } from '../../../shared/schemas';
import { useEndpoints, useTimeZone } from '../../app/services';
import { PagedTable } from '../../components/PagedTable';
import { useCursorPages } from '../../components/Pager';
import { ResultBar, type Result } from '../../components/ResultBar';
import { RouterLink } from '../../components/RouterLink';
import { errorText, formatDateTime } from '../../format';
import { useSequencesStyles } from './SequencesHome.styles';

/**
 * C2 Scheduled (M3): the next step of every active enrollment, soonest first, paged and
 * filterable by sequence. Hovering or focusing a row shows **Unenroll**; the row leaves at once
 * (optimistically; back if the server refuses).
 */
export function ScheduledTab() {
  const styles = useSequencesStyles();
  const api = useEndpoints();
  const timeZone = useTimeZone();
  const client = useQueryClient();
  const [sequenceId, setSequenceId] = useState<string>('');
  const pages = useCursorPages();
  const [result, setResult] = useState<Result | null>(null);
  const key = ['scheduled', sequenceId, pages.cursor];
  const sequences = useQuery({ queryKey: ['sequences'], queryFn: () => api.sequences() });
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.scheduled({ sequenceId: sequenceId || undefined, cursor: pages.cursor, limit: 25 }),
    placeholderData: keepPreviousData,
  });
  const unenroll = useMutation({
    mutationFn: (item: ScheduledItem) => api.unenroll(item.id),
    onMutate: async (item) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<PageOf<ScheduledItem>>(key);
      client.setQueryData<PageOf<ScheduledItem>>(
        key,
        (page) => page && { ...page, items: page.items.filter((row) => row.id !== item.id) },
      );
      return { before };
    },
    onError: (error, item, context) => {
      client.setQueryData(key, context?.before);
      setResult({
        intent: 'error',
        text: `${item.contact.name} was not unenrolled: ${errorText(error)}`,
        key: Date.now(),
      });
    },
    onSuccess: (_, item) => {
      setResult({
        intent: 'success',
        text: `${item.contact.name} was unenrolled from ${item.sequenceName}.`,
        key: Date.now(),
      });
      void client.invalidateQueries({ queryKey: ['sequence-overview'] });
    },
  });

  return (
    <div className={styles.panel}>
      <div className={styles.toolbar}>
        <Field label="Sequence">
          <Dropdown
            value={sequences.data?.items.find((s) => s.id === sequenceId)?.name ?? 'All sequences'}
            selectedOptions={[sequenceId]}
            onOptionSelect={(_, data) => {
              setSequenceId(data.optionValue ?? '');
              pages.reset();
            }}
          >
            <Option value="">All sequences</Option>
            {(sequences.data?.items ?? []).map((sequence) => (
              <Option key={sequence.id} value={sequence.id}>
                {sequence.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>
      <ResultBar result={result} onDismiss={() => setResult(null)} />
      <PagedTable
        label="Scheduled steps"
        query={query}
        pages={pages}
        loadingLabel="Loading scheduled steps"
        errorTitle="The scheduled steps could not be loaded"
        empty={{
          title: 'Nothing is scheduled',
          text: 'Enroll contacts in a sequence: the next step of each active enrollment shows here.',
        }}
        header={
          <>
            <TableHeaderCell>Contact</TableHeaderCell>
            <TableHeaderCell>Sequence</TableHeaderCell>
            <TableHeaderCell>Step</TableHeaderCell>
            <TableHeaderCell>Type</TableHeaderCell>
            <TableHeaderCell>Due</TableHeaderCell>
            <TableHeaderCell>
              <span className="visually-hidden">Actions</span>
            </TableHeaderCell>
          </>
        }
        row={(item) => (
          <TableRow key={item.id} className={styles.scheduledRow}>
            <TableCell>
              <RouterLink to={`/contacts/${item.contactId}`}>{item.contact.name}</RouterLink>
            </TableCell>
            <TableCell>
              <RouterLink to={`/sequences/${item.sequenceId}`}>{item.sequenceName}</RouterLink>
            </TableCell>
            <TableCell>
              Step {item.nextStep.number} of {item.totalSteps}
            </TableCell>
            <TableCell>{item.nextStep.type === 'task' ? 'Task' : 'Email'}</TableCell>
            <TableCell>{formatDateTime(item.nextStepAt, timeZone)}</TableCell>
            <TableCell>
              <Button
                size="small"
                className={mergeClasses('row-action', styles.rowAction)}
                aria-label={`Unenroll ${item.contact.email}`}
                disabled={unenroll.isPending && unenroll.variables?.id === item.id}
                onClick={() => unenroll.mutate(item)}
              >
                Unenroll
              </Button>
            </TableCell>
          </TableRow>
        )}
      />
    </div>
  );
}
