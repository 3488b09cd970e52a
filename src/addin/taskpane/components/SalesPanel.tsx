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
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import type { LookupResult } from '../../../shared/schemas';
import { RECIPIENT_FIELDS, recipientKey, type Recipient, type RecipientField } from '../../office/types';
import { errorMessage } from '../format';
import { useLookup } from '../hooks/use-lookup';
import { useMe } from '../hooks/use-me';
import { useRecipients } from '../hooks/use-recipients';
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

const FIELD_TITLE: Record<RecipientField, string> = { to: 'To', cc: 'Cc', bcc: 'Bcc' };

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

function EmptyState() {
  const styles = useSalesPanelStyles();
  return (
    <div className={styles.empty}>
      <MailTemplateRegular className={styles.emptyIcon} aria-hidden />
      <h2 className={styles.emptyTitle}>No recipients yet</h2>
      <span>Add people to To, Cc or Bcc to see whether they are enrolled in a sequence.</span>
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
  const lookedUp =
    recipients !== null && (recipients.length === 0 || lookup.results.size > 0 || !!lookup.error);
  const { me } = useMe(api, lookedUp || !!readError);
  const profile = useMemo(() => mailbox.userProfile(), [mailbox]);
  const [opened, setOpened] = useState<LookupResult | null>(null);
  const [bulk, setBulk] = useState<BulkState>({ step: 'idle' });
  const bulkAsked = useRef(false);
  if (bulk.step === 'confirm') bulkAsked.current = true;

  const enrolled = useMemo(
    () =>
      (recipients ?? []).flatMap((recipient) => {
        const result = lookup.results.get(recipientKey(recipient.email));
        return result?.enrollment ? [{ recipient, result, enrollment: result.enrollment }] : [];
      }),
    [recipients, lookup.results],
  );

  const user = { name: me?.name ?? profile.displayName, email: me?.email ?? profile.email };

  if (opened?.contact) {
    return (
      <main className={styles.panel}>
        <PanelHeader user={user} onRefresh={lookup.retry} />
        <Suspense fallback={<Spinner className={styles.spinner} label="Opening the contact…" />}>
          <ContactCard
            contact={opened.contact}
            enrollment={opened.enrollment}
            api={api}
            onBack={() => setOpened(null)}
            onUnenrolled={() => lookup.setEnrollment(opened.email, null)}
          />
        </Suspense>
      </main>
    );
  }

  const unenrollAll = async () => {
    setBulk({ step: 'working' });
    try {
      const result = await api.unenrollMany(enrolled.map((entry) => entry.enrollment.id));
      for (const entry of enrolled) lookup.setEnrollment(entry.recipient.email, null);
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
        {bulk.step === 'done' && (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Unenrolled</MessageBarTitle>
              {bulk.count === 1
                ? '1 recipient was unenrolled from their sequence.'
                : `${bulk.count} recipients were unenrolled from their sequences.`}
            </MessageBarBody>
          </MessageBar>
        )}

        {recipients === null ? (
          !readError && <LoadingRows count={3} />
        ) : recipients.length === 0 ? (
          <EmptyState />
        ) : (
          <>
            <div className={styles.summary}>
              <span aria-live="polite">
                {answered < recipients.length
                  ? `Looking up ${recipients.length} ${recipients.length === 1 ? 'recipient' : 'recipients'}…`
                  : enrolled.length === 0
                    ? 'No recipient is enrolled in a sequence.'
                    : `${enrolled.length} of ${recipients.length} ${recipients.length === 1 ? 'recipient is' : 'recipients are'} enrolled in a sequence.`}
              </span>
              {enrolled.length >= 2 && (
                <Button appearance="primary" onClick={() => setBulk({ step: 'confirm' })}>
                  Unenroll all
                </Button>
              )}
            </div>
            {RECIPIENT_FIELDS.map((field) => {
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
                        recipient={recipient}
                        result={lookup.results.get(recipientKey(recipient.email))}
                        onViewContact={() =>
                          setOpened(lookup.results.get(recipientKey(recipient.email)) ?? null)
                        }
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
            onCancel={() => setBulk({ step: 'idle' })}
          />
        </Suspense>
      )}
    </main>
  );
}
