import { Avatar, Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { Contact, Enrollment } from '../../../shared/schemas';
import type { SalesApi } from '../../api/client';
import { enrollmentFacts, errorMessage } from '../format';
import { useContactCardStyles } from './ContactCard.styles';
import { ConfirmUnenrollDialog } from './ConfirmUnenrollDialog';

export interface ContactCardProps {
  contact: Contact;
  /** The contact's current enrollment, or null. */
  enrollment: Enrollment | null;
  api: SalesApi;
  onBack(): void;
  /** The enrollment ended here (M4): the list updates its badge. */
  onUnenrolled(enrollment: Enrollment): void;
}

type UnenrollState =
  | { step: 'idle' }
  | { step: 'confirm'; error?: string }
  | { step: 'working' }
  | { step: 'done'; enrollment: Enrollment };

function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The contact card (SPEC M4, O3): who the contact is, and — when enrolled — the alert that they
 * are *currently enrolled in a sequence* with **Unenroll from sequence**; after the confirmation
 * the alert turns into a confirmation of the unenrollment. Loaded lazily: most panes never open it.
 */
export function ContactCard({ contact, enrollment, api, onBack, onUnenrolled }: ContactCardProps) {
  const styles = useContactCardStyles();
  const [state, setState] = useState<UnenrollState>({ step: 'idle' });
  const doneRef = useRef<HTMLDivElement>(null);
  const name = `${contact.firstName} ${contact.lastName}`.trim() || contact.email;

  useEffect(() => {
    if (state.step === 'done') doneRef.current?.focus();
  }, [state.step]);

  const confirm = async () => {
    if (!enrollment) return;
    setState({ step: 'working' });
    try {
      const ended = await api.unenroll(enrollment.id);
      setState({ step: 'done', enrollment: ended });
      onUnenrolled(ended);
    } catch (error: unknown) {
      setState({ step: 'confirm', error: `Could not unenroll ${name}: ${errorMessage(error)}` });
    }
  };

  const properties = Object.entries(contact.properties ?? {});
  return (
    <article className={styles.card} aria-labelledby="contact-card-heading">
      <Button className={styles.back} appearance="subtle" icon={<ArrowLeftRegular />} onClick={onBack}>
        Back to recipients
      </Button>
      <div className={styles.identity}>
        <Avatar name={name} size={48} aria-hidden />
        <div className={styles.names}>
          <h2 id="contact-card-heading" className={styles.heading}>
            {name}
          </h2>
          <span className={styles.email}>{contact.email}</span>
        </div>
      </div>

      {state.step === 'done' ? (
        <div ref={doneRef} tabIndex={-1}>
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Unenrolled</MessageBarTitle>
              {name} was unenrolled from {state.enrollment.sequenceName}. No further steps will run; the
              sequence history stays as it was.
            </MessageBarBody>
          </MessageBar>
        </div>
      ) : (
        enrollment && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Enrolled</MessageBarTitle>
              {name} is currently enrolled in a sequence: <strong>{enrollment.sequenceName}</strong>.
              <ul className={styles.facts}>
                {enrollmentFacts(enrollment).map((fact) => (
                  <li key={fact}>{fact}</li>
                ))}
              </ul>
              <Button
                className={styles.alertAction}
                appearance="primary"
                onClick={() => setState({ step: 'confirm' })}
              >
                Unenroll from sequence
              </Button>
            </MessageBarBody>
          </MessageBar>
        )
      )}

      <h3 className={styles.sectionTitle}>Details</h3>
      <dl className={styles.details}>
        <dt className={styles.term}>Company</dt>
        <dd className={styles.value}>{contact.company?.name ?? '—'}</dd>
        <dt className={styles.term}>Owner</dt>
        <dd className={styles.value}>
          {contact.owner ? `${contact.owner.name} (${contact.owner.email})` : '—'}
        </dd>
        {properties.map(([key, value]) => (
          <div key={key} className={styles.group}>
            <dt className={styles.term}>{key}</dt>
            <dd className={styles.value}>{displayValue(value)}</dd>
          </div>
        ))}
      </dl>

      {enrollment && (
        <ConfirmUnenrollDialog
          open={state.step === 'confirm' || state.step === 'working'}
          busy={state.step === 'working'}
          error={state.step === 'confirm' ? state.error : undefined}
          title={`Unenroll ${name}?`}
          description={`${name} will get no further steps of ${enrollment.sequenceName}. Emails already sent and the sequence's history stay as they are.`}
          onConfirm={confirm}
          onCancel={() => setState({ step: 'idle' })}
        />
      )}
    </article>
  );
}
