import {
  Avatar,
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Skeleton,
  SkeletonItem,
} from '@fluentui/react-components';
import { ArrowLeftRegular, OpenRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Contact, ContactDetail, Enrollment } from '../../../shared/schemas';
import type { SalesApi } from '../../api/client';
import {
  cannotEnrollReason,
  endedWords,
  enrollmentFacts,
  errorMessage,
  formatDate,
  formatDateTime,
  historyLine,
  type HistoryLine,
} from '../format';
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
  /** Paused or resumed here: the list keeps the same enrollment, changed. */
  onChanged?(enrollment: Enrollment): void;
  /** **Enroll in sequence** from the card (a contact who can be enrolled). */
  onEnroll?(opener: HTMLElement): void;
  /** The web console's origin, for **Open in console** (`/app/contacts/:id`); none: no link. */
  consoleOrigin?: string | null;
}

type UnenrollState =
  | { step: 'idle' }
  | { step: 'confirm'; error?: string }
  | { step: 'working' }
  | { step: 'done'; enrollment: Enrollment };

const PAGE = 5;

function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The contact card (SPEC M4, O3; issue 11): who the contact is; when enrolled, the alert that
 * they are *currently enrolled in a sequence* with **Pause** or **Resume** and **Unenroll from
 * sequence**; under it the enrollment's story from its events, newest first, five at a time;
 * past enrollments and how they ended; **Open in console**. Focus lands on its heading when it
 * opens. Loaded lazily: most panes never open it.
 */
export function ContactCard({
  contact,
  enrollment,
  api,
  onBack,
  onUnenrolled,
  onChanged,
  onEnroll,
  consoleOrigin,
}: ContactCardProps) {
  const styles = useContactCardStyles();
  const [state, setState] = useState<UnenrollState>({ step: 'idle' });
  const [detail, setDetail] = useState<ContactDetail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [pausing, setPausing] = useState(false);
  const [pauseError, setPauseError] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const unenrollRef = useRef<HTMLButtonElement>(null);
  const name = `${contact.firstName} ${contact.lastName}`.trim() || contact.email;
  const confirmFor = useRef(enrollment);
  if (enrollment) confirmFor.current = enrollment;

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (state.step === 'done') doneRef.current?.focus();
  }, [state.step]);

  // The history, again whenever the current enrollment changes (enrolled, paused, ended).
  const version = `${enrollment?.id ?? ''}:${enrollment?.status ?? ''}:${state.step === 'done'}`;
  useEffect(() => {
    let live = true;
    api.contact(contact.id).then(
      (found) => live && setDetail(found),
      (failure: unknown) => live && setDetailError(errorMessage(failure)),
    );
    return () => {
      live = false;
    };
  }, [api, contact.id, version]);

  const story = useMemo(() => {
    const current = detail?.enrollments.find((e) => e.id === (enrollment?.id ?? ''));
    const latest =
      current ??
      (state.step === 'done' ? detail?.enrollments.find((e) => e.id === state.enrollment.id) : undefined);
    if (!latest) return [] as HistoryLine[];
    return latest.events
      .map((event, index) => historyLine(event, latest, index))
      .filter((line): line is HistoryLine => line !== null)
      .sort((a, b) => b.at.localeCompare(a.at));
  }, [detail, enrollment, state]);

  const past = useMemo(
    () =>
      (detail?.enrollments ?? [])
        .filter(
          (e) => e.status === 'unenrolled' && e.id !== (state.step === 'done' ? state.enrollment.id : ''),
        )
        .sort((a, b) => b.enrolledAt.localeCompare(a.enrolledAt)),
    [detail, state],
  );

  const confirm = async () => {
    const target = confirmFor.current;
    if (!target) return;
    setState({ step: 'working' });
    try {
      const ended = await api.unenroll(target.id);
      setState({ step: 'done', enrollment: ended });
      onUnenrolled(ended);
    } catch (error: unknown) {
      setState({ step: 'confirm', error: `Could not unenroll ${name}: ${errorMessage(error)}` });
    }
  };

  const pauseOrResume = async () => {
    if (!enrollment) return;
    setPausing(true);
    setPauseError(null);
    try {
      const changed =
        enrollment.status === 'paused' ? await api.resume(enrollment.id) : await api.pause(enrollment.id);
      onChanged?.(changed);
    } catch (error: unknown) {
      setPauseError(errorMessage(error));
    } finally {
      setPausing(false);
    }
  };

  const why = cannotEnrollReason(contact);
  const properties = Object.entries(contact.properties ?? {});
  return (
    <article className={styles.card} aria-labelledby="contact-card-heading">
      <Button className={styles.back} appearance="subtle" icon={<ArrowLeftRegular />} onClick={onBack}>
        Back to recipients
      </Button>
      <div className={styles.identity}>
        <Avatar name={name} size={48} aria-hidden />
        <div className={styles.names}>
          <h2 id="contact-card-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>
            {name}
          </h2>
          <span className={styles.email}>{contact.email}</span>
        </div>
      </div>

      {why && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{contact.optedOutAt ? 'Opted out' : 'Bounced'}</MessageBarTitle>
            {why}. {name} cannot be enrolled in a sequence.
          </MessageBarBody>
        </MessageBar>
      )}

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
      ) : enrollment ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {enrollment.status === 'paused' ? 'Enrolled, paused' : 'Enrolled'}
            </MessageBarTitle>
            {name} is currently enrolled in a sequence: <strong>{enrollment.sequenceName}</strong>.
            <ul className={styles.facts}>
              {enrollmentFacts(enrollment).map((fact) => (
                <li key={fact}>{fact}</li>
              ))}
            </ul>
            {pauseError && <div className={styles.inlineError}>{pauseError}</div>}
            <div className={styles.alertActions}>
              <Button ref={unenrollRef} appearance="primary" onClick={() => setState({ step: 'confirm' })}>
                Unenroll from sequence
              </Button>
              <Button appearance="secondary" disabled={pausing} onClick={pauseOrResume}>
                {enrollment.status === 'paused' ? 'Resume' : 'Pause'}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      ) : (
        !why &&
        onEnroll && (
          <Button
            className={styles.back}
            appearance="primary"
            onClick={(event) => onEnroll(event.currentTarget)}
          >
            Enroll in sequence
          </Button>
        )
      )}

      {(enrollment || state.step === 'done') && (
        <section aria-labelledby="contact-history" className={styles.section}>
          <h3 id="contact-history" className={styles.sectionTitle}>
            History
          </h3>
          {!detail && !detailError ? (
            <Skeleton aria-label="Loading the history">
              <SkeletonItem size={12} />
              <SkeletonItem size={12} />
            </Skeleton>
          ) : detailError ? (
            <span className={styles.inlineError}>Couldn’t load the history: {detailError}</span>
          ) : story.length === 0 ? (
            <span className={styles.muted}>Nothing has happened yet.</span>
          ) : (
            <>
              <ol className={styles.history}>
                {story.slice(0, shown).map((line) => (
                  <li key={line.key} className={styles.historyItem}>
                    <span>{line.text}</span>
                    <time className={styles.muted} dateTime={line.at}>
                      {formatDateTime(line.at)}
                    </time>
                  </li>
                ))}
              </ol>
              {story.length > shown && (
                <Button className={styles.back} appearance="subtle" onClick={() => setShown((n) => n + PAGE)}>
                  Show more
                </Button>
              )}
            </>
          )}
        </section>
      )}

      {past.length > 0 && (
        <section aria-labelledby="contact-past" className={styles.section}>
          <h3 id="contact-past" className={styles.sectionTitle}>
            Past enrollments
          </h3>
          <ul className={styles.history}>
            {past.map((e) => (
              <li key={e.id} className={styles.historyItem}>
                <span>
                  {e.sequenceName}: {e.unenrollment ? endedWords(e.unenrollment) : 'Ended'}
                </span>
                {e.unenrollment && <span className={styles.muted}>{formatDate(e.unenrollment.at)}</span>}
              </li>
            ))}
          </ul>
        </section>
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
      {consoleOrigin && (
        <Link href={`${consoleOrigin}/app/contacts/${encodeURIComponent(contact.id)}`} target="_blank">
          Open in console <OpenRegular aria-label="(opens in a new window)" />
        </Link>
      )}

      {/* Stays mounted after the enrollment ends, so that it closes properly (focus and aria-hidden restored). */}
      {confirmFor.current && (
        <ConfirmUnenrollDialog
          open={state.step === 'confirm' || state.step === 'working'}
          busy={state.step === 'working'}
          error={state.step === 'confirm' ? state.error : undefined}
          title={`Unenroll ${name}?`}
          description={`${name} will get no further steps of ${confirmFor.current.sequenceName}. Emails already sent and the sequence's history stay as they are.`}
          onConfirm={confirm}
          onCancel={() => {
            setState({ step: 'idle' });
            // Back to the button that opened it, once the dialog has let go of focus.
            setTimeout(() => unenrollRef.current?.focus());
          }}
        />
      )}
    </article>
  );
}
