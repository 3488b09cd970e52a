import {
  Combobox,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  Skeleton,
  SkeletonItem,
  Spinner,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Contact, PreviewStep, StepPreview } from '../../shared/schemas';
import { messageOf, type AuthoringApi } from './api';
import { useDebounced } from './use-debounced';
import { useStepPreviewStyles } from './StepPreviewPane.styles';

export interface StepPreviewPaneProps {
  api: AuthoringApi;
  steps: PreviewStep[];
  index: number;
}

const contactName = (contact: Contact) =>
  [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email;

/**
 * The step the person is writing, rendered by the server with the engine's own renderer
 * for a contact they choose — what that contact will receive. Re-rendered as they type
 * (once typing pauses).
 */
export function StepPreviewPane({ api, steps, index }: StepPreviewPaneProps) {
  const styles = useStepPreviewStyles();
  const [query, setQuery] = useState('');
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [contact, setContact] = useState<Contact | null>(null);
  const [preview, setPreview] = useState<StepPreview | null>(null);
  const [rendering, setRendering] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const searched = useDebounced(query, 250);
  const request = useDebounced(JSON.stringify({ steps, index, contactId: contact?.id }), 300);

  useEffect(() => {
    let live = true;
    api.searchContacts(searched).then(
      (found) => {
        if (!live) return;
        setContacts(found);
        // The first contact is previewed until the person picks one.
        setContact((current) => current ?? found[0] ?? null);
      },
      (failure: unknown) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [api, searched]);

  useEffect(() => {
    const body = JSON.parse(request) as { steps: PreviewStep[]; index: number; contactId?: string };
    if (!body.contactId || !body.steps[body.index]) return;
    let live = true;
    setRendering(true);
    api
      .renderStep({ contactId: body.contactId, steps: body.steps, stepIndex: body.index })
      .then(
        (rendered) => {
          if (!live) return;
          setPreview(rendered);
          setError(null);
        },
        (failure: unknown) => live && setError(messageOf(failure)),
      )
      .finally(() => live && setRendering(false));
    return () => {
      live = false;
    };
  }, [api, request]);

  return (
    <aside className={styles.pane} aria-labelledby="step-preview-heading">
      <h3 id="step-preview-heading" className={styles.heading}>
        Preview of step {index + 1}
      </h3>
      <Field label="Preview for contact">
        <Combobox
          freeform
          placeholder="Search contacts by name or email"
          value={query || (contact ? contactName(contact) : '')}
          selectedOptions={contact ? [contact.id] : []}
          onChange={(event) => setQuery(event.target.value)}
          onOptionSelect={(_event, data) => {
            const picked = contacts?.find((candidate) => candidate.id === data.optionValue);
            if (picked) setContact(picked);
            setQuery('');
          }}
        >
          {(contacts ?? []).map((candidate) => (
            <Option key={candidate.id} value={candidate.id} text={contactName(candidate)}>
              {contactName(candidate)} · {candidate.email}
            </Option>
          ))}
        </Combobox>
      </Field>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>The preview could not be rendered: {error}</MessageBarBody>
        </MessageBar>
      )}
      {contacts !== null && contacts.length === 0 && !contact && (
        <MessageBar intent="info">
          <MessageBarBody>Add a contact to preview steps as they will be sent.</MessageBarBody>
        </MessageBar>
      )}
      {contact && !preview && !error && (
        <Skeleton aria-label="Rendering the preview">
          <SkeletonItem size={16} />
          <SkeletonItem size={48} />
        </Skeleton>
      )}
      {preview && (
        <div className={styles.message} role="region" aria-label="Rendered step" aria-busy={rendering}>
          {preview.type === 'email' ? (
            <>
              <p className={styles.meta}>
                From {preview.from.name} &lt;{preview.from.email}&gt; · To {preview.to.name} &lt;
                {preview.to.email}&gt;
              </p>
              <p className={styles.subject}>{preview.subject || '(no subject yet)'}</p>
              <pre className={styles.text}>{preview.text}</pre>
            </>
          ) : (
            <>
              <p className={styles.meta}>A task for {preview.from.name}</p>
              <p className={styles.subject}>{preview.title || '(no title yet)'}</p>
            </>
          )}
          {rendering && <Spinner size="extra-tiny" label="Updating" />}
        </div>
      )}
    </aside>
  );
}
