import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Skeleton,
  SkeletonItem,
  Spinner,
} from '@fluentui/react-components';
import { MailTemplateRegular } from '@fluentui/react-icons';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { Contact, Enrollment } from '../../../shared/schemas';
import { DISPLAY_FIELDS, recipientKey, type Recipient, type RecipientField } from '../../office/types';
import { errorMessage, splitName } from '../format';
import { useLookup } from '../hooks/use-lookup';
import { useMe } from '../hooks/use-me';
import { useNotificationSync } from '../hooks/use-notification-sync';
import { useRecipients } from '../hooks/use-recipients';
import { enrollmentSummary } from '../recipient-status';
import { useServices } from '../services';
import { PanelHeader } from './PanelHeader';
import { RecipientRow } from './RecipientRow';
import { useSalesPanelStyles } from './SalesPanel.styles';

// Its own chunk, fetched after first paint (prefetch) so opening a card is still instant (SPEC O6).
const ContactCard = lazy(() =>
  import(/* webpackChunkName: "contact-card", webpackPrefetch: true */ './ContactCard').then((module) => ({
    default: module.ContactCard,
  })),
);

// Only when someone asks to unenroll: Fluent's Dialog (focus trap, motion) stays out of first paint.
const ConfirmUnenrollDialog = lazy(() =>
  import(/* webpackChunkName: "confirm-dialog" */ './ConfirmUnenrollDialog').then((module) => ({
    default: module.ConfirmUnenrollDialog,
  })),
);

// Only when someone enrolls a contact: the picker (Combobox, Dialog) stays out of first paint.
const EnrollDialog = lazy(() =>
  import(/* webpackChunkName: "enroll-dialog" */ './EnrollDialog').then((module) => ({
    default: module.EnrollDialog,
  })),
);

const FIELD_TITLE: Record<RecipientField, string> = { from: 'From', to: 'To', cc: 'Cc', bcc: 'Bcc' };

type BulkState =
  | { step: 'idle' }
  | { step: 'confirm'; error?: string }
  | { step: 'working' }
  | { step: 'done'; count: number };

function LoadingRows({ count }: { count: number }) {
  const styles = useSalesPanelStyles();
  return (
    <Skeleton aria-label="Loading recipients">
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className={styles.skeletonRow}>
          <SkeletonItem shape="circle" size={32} />
          <div className={styles.skeletonText}>
            <SkeletonItem size={12} />
            <SkeletonItem size={8} />
          </div>
          <SkeletonItem size={16} />
        </div>
      ))}
    </Skeleton>
  );
}

function EmptyState({ mode }: { mode: 'compose' | 'read' }) {
  const styles = useSalesPanelStyles();
  return (
    <div className={styles.empty}>
      <MailTemplateRegular className={styles.emptyIcon} aria-hidden />
      <h2 className={styles.emptyTitle}>
        {mode === 'read' ? 'Nobody else on this message' : 'No recipients yet'}
      </h2>
      <span>
        {mode === 'read'
          ? 'This message has no sender or other recipients to look up.'
          : 'Add people to To, Cc or Bcc to see whether they are enrolled in a sequence.'}
      </span>
    </div>
  );
}

/**
 * The Sales panel (SPEC O2, O3, M4): the message's recipients grouped To / Cc / Bcc, each with
 * a badge from one batched lookup; **View contact** opens the contact card; **Unenroll all**
 * when two or more are enrolled.
 */
export function SalesPanel() {
  const styles = useSalesPanelStyles();
  const { mailbox, api, preload } = useServices();
  const { recipients, error: readError, reload } = useRecipients(mailbox, preload?.recipients);
  const lookup = useLookup(api, recipients, preload);
  const notificationChanged = useNotificationSync(mailbox, recipients, lookup.results);
  const setEnrollment = (email: string, enrollment: Enrollment | null) => {
    lookup.setEnrollment(email, enrollment);
    notificationChanged();
  };
  const lookedUp =
    recipients !== null && (recipients.length === 0 || lookup.results.size > 0 || !!lookup.error);
  const { me } = useMe(api, lookedUp || !!readError);
  const profile = useMemo(() => mailbox.userProfile(), [mailbox]);
  const [openedKey, setOpenedKey] = useState<string | null>(null);
  const opened = openedKey ? lookup.results.get(openedKey) : undefined;
  const [bulk, setBulk] = useState<BulkState>({ step: 'idle' });
  const bulkAsked = useRef(false);
  if (bulk.step === 'confirm') bulkAsked.current = true;
  const [enrolling, setEnrolling] = useState<{ key: string; contact: Contact; opener: HTMLElement } | null>(
    null,
  );
  const enrollAsked = useRef(false);
  if (enrolling) enrollAsked.current = true;
  const [adding, setAdding] = useState<ReadonlySet<string>>(new Set());
  const [addError, setAddError] = useState<string | null>(null);
  // Where focus goes back: each row's View contact, the Unenroll all button, the result message.
  const viewButtons = useRef(new Map<string, HTMLButtonElement>());
  const focusAfterBack = useRef<string | null>(null);
  const unenrollAllRef = useRef<HTMLButtonElement>(null);
  const bulkDoneRef = useRef<HTMLDivElement>(null);
  const mode = useMemo(() => mailbox.mode(), [mailbox]);

  // Opened by a notification's View contact: straight to that contact's card, once known.
  const [startContact, setStartContact] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    mailbox.initializationContext().then(
      (raw) => {
        if (!live || !raw) return;
        try {
          const context = JSON.parse(raw) as { email?: unknown };
          if (typeof context.email === 'string') setStartContact(recipientKey(context.email));
        } catch {
          // not ours: open on the list
        }
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [mailbox]);
  useEffect(() => {
    if (startContact && lookup.results.get(startContact)?.contact) {
      setOpenedKey(startContact);
      setStartContact(null);
    }
  }, [startContact, lookup.results]);

  useEffect(() => {
    if (openedKey || !focusAfterBack.current) return;
    viewButtons.current.get(focusAfterBack.current)?.focus();
    focusAfterBack.current = null;
  }, [openedKey]);
  useEffect(() => {
    if (bulk.step === 'done') bulkDoneRef.current?.focus();
  }, [bulk.step]);

  const addContact = async (recipient: Recipient) => {
    const key = recipientKey(recipient.email);
    setAdding((current) => new Set(current).add(key));
    setAddError(null);
    try {
      const made = await api.createContact({
        email: recipient.email,
        ...splitName(recipient.name, recipient.email),
      });
      lookup.setContact(recipient.email, made);
    } catch (error: unknown) {
      setAddError(`Could not add ${recipient.email}: ${errorMessage(error)}`);
    } finally {
      setAdding((current) => {
        const next = new Set(current);
        next.delete(key);
        return next;
      });
    }
  };

  const closeEnroll = () => {
    const opener = enrolling?.opener;
    setEnrolling(null);
    // Back to the button that opened the picker, once the dialog has let go of focus.
    setTimeout(() => opener?.isConnected && opener.focus());
  };

  // Stays mounted once used (closed, not removed), so that Fluent's modal restores aria-hidden.
  const lastEnrolling = useRef(enrolling);
  if (enrolling) lastEnrolling.current = enrolling;
  const shownEnroll = enrolling ?? lastEnrolling.current;
  const enrollDialog = enrollAsked.current && shownEnroll && (
    <Suspense fallback={null}>
      <EnrollDialog
        key={shownEnroll.key}
        open={!!enrolling}
        contact={shownEnroll.contact}
        api={api}
        meId={me?.id ?? null}
        onEnrolled={(enrollment) => {
          setEnrollment(shownEnroll.contact.email, enrollment);
          setEnrolling(null);
          // The row's Enroll in sequence is gone: focus its View contact.
          const key = shownEnroll.key;
          setTimeout(() => (opened ? undefined : viewButtons.current.get(key)?.focus()));
        }}
        onClose={closeEnroll}
      />
    </Suspense>
  );

  const enrolled = useMemo(
    () =>
      (recipients ?? []).flatMap((recipient) => {
        const result = lookup.results.get(recipientKey(recipient.email));
        return result?.enrollment ? [{ recipient, result, enrollment: result.enrollment }] : [];
      }),
    [recipients, lookup.results],
  );

  const user = { name: me?.name ?? profile.displayName, email: me?.email ?? profile.email };

  if (openedKey && opened?.contact) {
    const contact = opened.contact;
    return (
      <main className={styles.panel}>
        <PanelHeader user={user} onRefresh={lookup.retry} />
        <Suspense fallback={<Spinner className={styles.spinner} label="Opening the contact…" />}>
          <ContactCard
            key={contact.id}
            contact={contact}
            enrollment={opened.enrollment}
            api={api}
            consoleOrigin={window.location.origin}
            onBack={() => {
              focusAfterBack.current = openedKey;
              setOpenedKey(null);
            }}
            onUnenrolled={() => setEnrollment(opened.email, null)}
            onChanged={(enrollment) => setEnrollment(opened.email, enrollment)}
            onEnroll={(opener) => setEnrolling({ key: openedKey, contact, opener })}
          />
        </Suspense>
        {enrollDialog}
      </main>
    );
  }

  const unenrollAll = async () => {
    setBulk({ step: 'working' });
    try {
      const result = await api.unenrollMany(enrolled.map((entry) => entry.enrollment.id));
      for (const entry of enrolled) setEnrollment(entry.recipient.email, null);
      setBulk({ step: 'done', count: result.unenrolled + result.alreadyUnenrolled });
      lookup.retry();
    } catch (error: unknown) {
      setBulk({ step: 'confirm', error: `Could not unenroll them: ${errorMessage(error)}` });
    }
  };

  const answered = recipients?.filter((r) => lookup.results.has(recipientKey(r.email))).length ?? 0;

  return (
    <main className={styles.panel}>
      <PanelHeader
        user={user}
        refreshing={lookup.loading}
        onRefresh={() => {
          reload();
          lookup.retry();
        }}
      />
      <div className={styles.body} aria-busy={lookup.loading || recipients === null}>
        {readError && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Couldn’t read the recipients</MessageBarTitle>
              {errorMessage(readError)}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={reload}>Retry</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {lookup.error && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Couldn’t look up your recipients</MessageBarTitle>
              {errorMessage(lookup.error)}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={lookup.retry}>Retry</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {addError && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{addError}</MessageBarBody>
          </MessageBar>
        )}
        {bulk.step === 'done' && (
          <div ref={bulkDoneRef} tabIndex={-1}>
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Unenrolled</MessageBarTitle>
                {bulk.count === 1
                  ? '1 recipient was unenrolled from their sequence.'
                  : `${bulk.count} recipients were unenrolled from their sequences.`}
              </MessageBarBody>
            </MessageBar>
          </div>
        )}

        {recipients === null ? (
          !readError && <LoadingRows count={3} />
        ) : recipients.length === 0 ? (
          <EmptyState mode={mode} />
        ) : (
          <>
            <div className={styles.summary}>
              <span aria-live="polite">
                {enrollmentSummary(recipients.length, answered, enrolled.length)}
              </span>
              {enrolled.length >= 2 && (
                <Button
                  ref={unenrollAllRef}
                  appearance="primary"
                  onClick={() => setBulk({ step: 'confirm' })}
                >
                  Unenroll all
                </Button>
              )}
            </div>
            {DISPLAY_FIELDS.map((field) => {
              const inField = recipients.filter((recipient) => recipient.field === field);
              if (inField.length === 0) return null;
              const headingId = `recipients-${field}`;
              return (
                <section key={field} className={styles.group} aria-labelledby={headingId}>
                  <h2 id={headingId} className={styles.groupTitle}>
                    {FIELD_TITLE[field]}
                  </h2>
                  <ul className={styles.list} aria-labelledby={headingId}>
                    {inField.map((recipient: Recipient) => (
                      <RecipientRow
                        key={recipientKey(recipient.email)}
                        ref={(button) => {
                          const key = recipientKey(recipient.email);
                          if (button) viewButtons.current.set(key, button);
                          else viewButtons.current.delete(key);
                        }}
                        recipient={recipient}
                        result={lookup.results.get(recipientKey(recipient.email))}
                        adding={adding.has(recipientKey(recipient.email))}
                        onViewContact={() => setOpenedKey(recipientKey(recipient.email))}
                        onEnroll={(_recipient, opener) => {
                          const contact = lookup.results.get(recipientKey(recipient.email))?.contact;
                          if (contact) setEnrolling({ key: recipientKey(recipient.email), contact, opener });
                        }}
                        onAddContact={addContact}
                      />
                    ))}
                  </ul>
                </section>
              );
            })}
          </>
        )}
      </div>
      {/* Stays mounted once used, so that it closes properly (focus and aria-hidden restored). */}
      {bulkAsked.current && (
        <Suspense fallback={null}>
          <ConfirmUnenrollDialog
            open={bulk.step === 'confirm' || bulk.step === 'working'}
            busy={bulk.step === 'working'}
            error={bulk.step === 'confirm' ? bulk.error : undefined}
            title={`Unenroll ${enrolled.length} recipients?`}
            description="Each of them gets no further steps of their sequence. Emails already sent and the sequences' history stay as they are."
            names={enrolled.map((entry) => `${entry.recipient.name} — ${entry.enrollment.sequenceName}`)}
            onConfirm={unenrollAll}
            onCancel={() => {
              setBulk({ step: 'idle' });
              setTimeout(() => unenrollAllRef.current?.focus());
            }}
          />
        </Suspense>
      )}
      {enrollDialog}
    </main>
  );
}
