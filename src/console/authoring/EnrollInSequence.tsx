import {
  Button,
  Combobox,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Contact, Enrollment, Sequence } from '../../shared/schemas';
import { codeOf, messageOf, type AuthoringApi } from './api';
import { useFormStyles } from './forms.styles';
import { refusalWords } from './refusal-words';

export interface EnrollInSequenceProps {
  api: AuthoringApi;
  contact: Pick<Contact, 'id'> & { email?: string };
  onEnrolled(enrollment: Enrollment): void;
}

/**
 * On the contact record: **Enroll in sequence** → combobox **Sequence** → **Enroll**, the
 * same names as the add-in's (SPEC O8); E2's refusals in a rep's words.
 */
export function EnrollInSequence({ api, contact, onEnrolled }: EnrollInSequenceProps) {
  const styles = useFormStyles();
  const [open, setOpen] = useState(false);
  const [sequences, setSequences] = useState<Sequence[] | null>(null);
  const [chosen, setChosen] = useState<Sequence | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const openRef = useRef<HTMLButtonElement>(null);
  const comboRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open || sequences) return;
    api.sequences().then(
      (found) => {
        setSequences(found);
        requestAnimationFrame(() => comboRef.current?.focus());
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [api, open, sequences]);

  const close = () => {
    setOpen(false);
    setChosen(null);
    setError(null);
    requestAnimationFrame(() => openRef.current?.focus());
  };

  const enroll = async () => {
    if (!chosen) {
      setError('Choose a sequence first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const enrollment = await api.enroll(chosen.id, contact.id);
      setOpen(false);
      onEnrolled(enrollment);
    } catch (failure: unknown) {
      setError(refusalWords(codeOf(failure), messageOf(failure)));
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <Button ref={openRef} appearance="primary" onClick={() => setOpen(true)}>
        Enroll in sequence
      </Button>
    );

  return (
    <div
      className={styles.fieldset}
      role="group"
      aria-label={contact.email ? `Enroll ${contact.email} in a sequence` : 'Enroll in a sequence'}
    >
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {sequences === null && !error ? (
        <Spinner size="tiny" label="Loading sequences" />
      ) : (
        <Field label="Sequence">
          <Combobox
            ref={comboRef}
            placeholder={sequences?.length ? 'Choose a sequence' : 'No sequences yet'}
            value={chosen?.name ?? ''}
            selectedOptions={chosen ? [chosen.id] : []}
            onOptionSelect={(_event, data) =>
              setChosen(sequences?.find((s) => s.id === data.optionValue) ?? null)
            }
          >
            {(sequences ?? []).map((sequence) => (
              <Option key={sequence.id} value={sequence.id} text={sequence.name}>
                {`${sequence.name} · ${sequence.steps.length} ${sequence.steps.length === 1 ? 'step' : 'steps'}`}
              </Option>
            ))}
          </Combobox>
        </Field>
      )}
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void enroll()} disabled={busy}>
          {busy ? 'Enrolling…' : 'Enroll'}
        </Button>
        <Button onClick={close} disabled={busy}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
