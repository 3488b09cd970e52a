import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Spinner,
} from '@fluentui/react-components';
import { PeopleAddRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { Contact, EnrollManyResult, Sequence } from '../../shared/schemas';
import { messageOf, type AuthoringApi } from './api';
import { useFormStyles } from './forms.styles';
import { refusalWords } from './refusal-words';
import { useDebounced } from './use-debounced';

export interface EnrollContactsDialogProps {
  api: AuthoringApi;
  sequence: Pick<Sequence, 'id' | 'name'>;
  onEnrolled(result: EnrollManyResult): void;
}

const nameOf = (contact: Contact) => [contact.firstName, contact.lastName].filter(Boolean).join(' ');

/**
 * On the sequence summary: **Enroll contacts** → a contact search with a checkbox per contact
 * (selections kept across searches) → one request for all of them; afterwards how many were
 * enrolled and, per contact, why E2 refused the others.
 */
export function EnrollContactsDialog({ api, sequence, onEnrolled }: EnrollContactsDialogProps) {
  const styles = useFormStyles();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Contact[] | null>(null);
  const [selected, setSelected] = useState<Map<string, Contact>>(new Map());
  const [result, setResult] = useState<EnrollManyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const searched = useDebounced(query, 250);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setFound(null);
    api.searchContacts(searched).then(
      (contacts) => live && setFound(contacts),
      (failure: unknown) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [api, open, searched]);

  const reset = () => {
    setQuery('');
    setSelected(new Map());
    setResult(null);
    setError(null);
  };

  const toggle = (contact: Contact, on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(contact.id, contact);
      else next.delete(contact.id);
      return next;
    });

  const enroll = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.enrollMany(sequence.id, [...selected.keys()]);
      setResult(answer);
      onEnrolled(answer);
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (failure: unknown) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const count = selected.size;
  return (
    <Dialog
      open={open}
      onOpenChange={(_event, data) => {
        setOpen(data.open);
        if (!data.open) reset();
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<PeopleAddRegular />}>Enroll contacts</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Enroll contacts in {sequence.name}</DialogTitle>
          <DialogContent className={styles.fieldset}>
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            {result ? (
              <div ref={resultRef} tabIndex={-1} role="status">
                <p>
                  {result.enrolled.length} {result.enrolled.length === 1 ? 'contact' : 'contacts'} enrolled
                  {result.refused.length > 0 && `; ${result.refused.length} not enrolled:`}
                </p>
                {result.refused.length > 0 && (
                  <ul aria-label="Not enrolled">
                    {result.refused.map((refusal) => (
                      <li key={refusal.contactId}>
                        <strong>
                          {refusal.email ?? selected.get(refusal.contactId)?.email ?? 'A contact'}
                        </strong>
                        : {refusalWords(refusal.code, refusal.message)}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ) : (
              <>
                <Field label="Search contacts">
                  <SearchBox
                    value={query}
                    onChange={(_event, data) => setQuery(data.value)}
                    placeholder="Name or email"
                  />
                </Field>
                <div className={styles.results} role="group" aria-label="Contacts">
                  {found === null ? (
                    <Spinner size="tiny" label="Searching" />
                  ) : found.length === 0 ? (
                    <p>No contacts match “{query}”.</p>
                  ) : (
                    found.map((contact) => (
                      <Checkbox
                        key={contact.id}
                        checked={selected.has(contact.id)}
                        onChange={(_event, data) => toggle(contact, data.checked === true)}
                        aria-label={`Select ${contact.email}`}
                        label={nameOf(contact) ? `${nameOf(contact)} · ${contact.email}` : contact.email}
                      />
                    ))
                  )}
                </div>
                <p className={styles.hint} aria-live="polite">
                  {count === 0
                    ? 'No contacts selected'
                    : `${count} ${count === 1 ? 'contact' : 'contacts'} selected`}
                </p>
              </>
            )}
          </DialogContent>
          <DialogActions>
            {result ? (
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="primary">Done</Button>
              </DialogTrigger>
            ) : (
              <>
                <Button appearance="primary" disabled={count === 0 || busy} onClick={() => void enroll()}>
                  {busy
                    ? 'Enrolling…'
                    : count === 0
                      ? 'Enroll'
                      : `Enroll ${count} ${count === 1 ? 'contact' : 'contacts'}`}
                </Button>
                <DialogTrigger disableButtonEnhancement>
                  <Button>Cancel</Button>
                </DialogTrigger>
              </>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
