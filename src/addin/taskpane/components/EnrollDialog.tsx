import {
  Button,
  Combobox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  OptionGroup,
  Spinner,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { Contact, ContactDetail, Enrollment, Sequence } from '../../../shared/schemas';
import type { SalesApi } from '../../api/client';
import { endedWords, enrollRefusal, errorMessage, formatDate } from '../format';
import { useEnrollDialogStyles } from './EnrollDialog.styles';

export interface EnrollDialogProps {
  open: boolean;
  contact: Contact;
  api: SalesApi;
  /** The signed-in user's id: their sequences are listed first. */
  meId: string | null;
  onEnrolled(enrollment: Enrollment): void;
  onClose(): void;
}

const stepCount = (sequence: Sequence) =>
  `${sequence.steps.length} ${sequence.steps.length === 1 ? 'step' : 'steps'}`;

/**
 * **Enroll in sequence**: a searchable **Sequence** combobox (the user's sequences first, each
 * with its step count) and **Enroll**. A contact who was in the chosen sequence before is told
 * how that ended, and that enrolling again starts over at step 1; the API's refusals (SPEC E2)
 * are said in words. Its own lazy chunk: only a rep who enrolls someone loads it.
 */
export function EnrollDialog({ open, contact, api, meId, onEnrolled, onClose }: EnrollDialogProps) {
  const styles = useEnrollDialogStyles();
  const [sequences, setSequences] = useState<Sequence[] | null>(null);
  const [detail, setDetail] = useState<ContactDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Sequence | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = `${contact.firstName} ${contact.lastName}`.trim() || contact.email;

  useEffect(() => {
    if (!open) return;
    let live = true;
    setLoadError(null);
    Promise.all([api.sequences(), api.contact(contact.id)]).then(
      ([found, about]) => {
        if (!live) return;
        setSequences(found.filter((s) => !s.deletedAt));
        setDetail(about);
      },
      (failure: unknown) => live && setLoadError(`Could not load the sequences: ${errorMessage(failure)}`),
    );
    return () => {
      live = false;
    };
  }, [api, contact.id, open]);

  const [mine, others] = useMemo(() => {
    const words = query.trim().toLowerCase();
    const matching = (sequences ?? []).filter((s) => !words || s.name.toLowerCase().includes(words));
    return [matching.filter((s) => s.ownerId === meId), matching.filter((s) => s.ownerId !== meId)];
  }, [sequences, query, meId]);

  const before = useMemo(
    () =>
      selected && detail
        ? detail.enrollments
            .filter((e) => e.sequenceId === selected.id && e.status === 'unenrolled')
            .sort((a, b) => b.enrolledAt.localeCompare(a.enrolledAt))[0]
        : undefined,
    [selected, detail],
  );

  const enroll = async () => {
    if (!selected) return;
    setBusy(true);
    setError(null);
    try {
      onEnrolled(await api.enroll(selected.id, contact.id));
    } catch (failure: unknown) {
      setError(enrollRefusal(failure, contact));
    } finally {
      setBusy(false);
    }
  };

  const option = (sequence: Sequence) => (
    <Option key={sequence.id} value={sequence.id} text={sequence.name}>
      <span className={styles.option}>
        <span>{sequence.name}</span>
        <span className={styles.steps}>{stepCount(sequence)}</span>
      </span>
    </Option>
  );

  return (
    <Dialog
      open={open}
      modalType="modal"
      onOpenChange={(_event, data) => {
        if (!data.open && !busy) onClose();
      }}
    >
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>Enroll {name}</DialogTitle>
          <DialogContent className={styles.content}>
            {loadError && (
              <MessageBar intent="error">
                <MessageBarBody>{loadError}</MessageBarBody>
              </MessageBar>
            )}
            {!sequences && !loadError ? (
              <Spinner size="small" label="Loading sequences…" />
            ) : (
              sequences && (
                <Field label="Sequence" hint="Type to search; your sequences come first.">
                  <Combobox
                    freeform
                    placeholder="Choose a sequence"
                    value={query}
                    selectedOptions={selected ? [selected.id] : []}
                    onInput={(event) => {
                      setQuery((event.target as HTMLInputElement).value);
                      setSelected(null);
                    }}
                    onOptionSelect={(_event, data) => {
                      const found = sequences.find((s) => s.id === data.optionValue) ?? null;
                      setSelected(found);
                      setQuery(found?.name ?? '');
                    }}
                  >
                    {mine.length > 0 && <OptionGroup label="Your sequences">{mine.map(option)}</OptionGroup>}
                    {others.length > 0 && (
                      <OptionGroup label="Other sequences">{others.map(option)}</OptionGroup>
                    )}
                    {mine.length + others.length === 0 && (
                      <Option disabled value="" text="">
                        No sequence matches
                      </Option>
                    )}
                  </Combobox>
                </Field>
              )
            )}
            {before?.unenrollment && (
              <MessageBar intent="info" layout="multiline">
                <MessageBarBody>
                  {name} was in {before.sequenceName} before: {endedWords(before.unenrollment)} on{' '}
                  {formatDate(before.unenrollment.at)}. Enrolling again starts over at step 1.
                </MessageBarBody>
              </MessageBar>
            )}
            {error && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={!selected || busy}
              icon={busy ? <Spinner size="tiny" /> : undefined}
              onClick={enroll}
            >
              Enroll
            </Button>
            <Button appearance="secondary" disabled={busy} onClick={onClose}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
