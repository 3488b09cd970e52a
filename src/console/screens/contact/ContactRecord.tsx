import { Avatar, Badge, Button } from '@fluentui/react-components';
import { PauseRegular, PlayRegular } from '@fluentui/react-icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { ContactDetail } from '../../../shared/schemas';
import { Page } from '../../app/Page';
import { ScreenSkeleton } from '../../app/ScreenSkeleton';
import { useEndpoints, useTimeZone } from '../../app/services';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBar } from '../../components/ErrorBar';
import { ResultBar, type Result } from '../../components/ResultBar';
import { RouterLink } from '../../components/RouterLink';
import { errorText, formatDateTime, reasonLabel, STATUS_LABELS, stepOf } from '../../format';
import { ContactEnrollAction } from '../../authoring/screens/ContactEnrollAction';
import { useContactsStyles } from '../contacts/Contacts.styles';
import { timelineOf } from './timeline';

/**
 * C4, M1: the contact record — who they are, **Unenroll** above the avatar (with a dialog),
 * **Pause** / **Resume**, their enrollments, and the timeline of their events, newest first.
 */
export default function ContactRecord() {
  const styles = useContactsStyles();
  const { id = '' } = useParams();
  const api = useEndpoints();
  const timeZone = useTimeZone();
  const client = useQueryClient();
  const key = ['contact', id];
  const query = useQuery({ queryKey: key, queryFn: () => api.contact(id) });
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const unenrollButton = useRef<HTMLButtonElement>(null);

  const refresh = () => {
    void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: ['contacts'] });
    void client.invalidateQueries({ queryKey: ['enrollments'] });
    void client.invalidateQueries({ queryKey: ['scheduled'] });
  };
  const change = useMutation({
    mutationFn: ({
      action,
      enrollmentId,
    }: {
      action: 'unenroll' | 'pause' | 'resume';
      enrollmentId: string;
    }) => (action === 'unenroll' ? api.unenrollContact(id) : api[action](enrollmentId)),
    onMutate: async ({ action, enrollmentId }) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<ContactDetail>(key);
      const status = action === 'unenroll' ? 'unenrolled' : action === 'pause' ? 'paused' : 'active';
      client.setQueryData<ContactDetail>(
        key,
        (contact) =>
          contact && {
            ...contact,
            enrollments: contact.enrollments.map((e) => (e.id === enrollmentId ? { ...e, status } : e)),
          },
      );
      return { before };
    },
    onError: (error, _vars, context) => {
      client.setQueryData(key, context?.before);
      setConfirming(false);
      setResult({ intent: 'error', text: `Nothing changed: ${errorText(error)}`, key: Date.now() });
    },
    onSuccess: (enrollment, { action }) => {
      setConfirming(false);
      const text =
        action === 'unenroll'
          ? `Unenrolled from ${enrollment.sequenceName}.`
          : action === 'pause'
            ? `Paused in ${enrollment.sequenceName}.`
            : `Resumed in ${enrollment.sequenceName}.`;
      setResult({ intent: 'success', text, key: Date.now() });
      refresh();
    },
  });

  if (query.isError) {
    return (
      <Page title="Contact">
        <ErrorBar
          title="The contact could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      </Page>
    );
  }
  if (query.isPending) return <ScreenSkeleton label="Loading the contact" />;
  const contact = query.data;
  const name = `${contact.firstName} ${contact.lastName}`.trim() || contact.email;
  const current = contact.enrollments.find((e) => e.status === 'active' || e.status === 'paused');
  const timeline = timelineOf(contact);

  return (
    <Page title={name}>
      <ResultBar result={result} onDismiss={() => setResult(null)} />
      <div className={styles.layout}>
        <section className={styles.card} aria-label="Contact">
          {current && (
            <div className={styles.actions}>
              <Button ref={unenrollButton} appearance="primary" onClick={() => setConfirming(true)}>
                Unenroll
              </Button>
              {current.status === 'active' ? (
                <Button
                  icon={<PauseRegular />}
                  disabled={change.isPending}
                  onClick={() => change.mutate({ action: 'pause', enrollmentId: current.id })}
                >
                  Pause
                </Button>
              ) : (
                <Button
                  icon={<PlayRegular />}
                  disabled={change.isPending}
                  onClick={() => change.mutate({ action: 'resume', enrollmentId: current.id })}
                >
                  Resume
                </Button>
              )}
            </div>
          )}
          {!current && (
            <div className={styles.actions}>
              <ContactEnrollAction contact={contact} />
            </div>
          )}
          <div className={styles.person}>
            <Avatar name={name} size={56} aria-hidden />
            <div>
              <div>{contact.email}</div>
              {contact.optedOutAt && (
                <Badge appearance="tint" color="danger">
                  Opted out
                </Badge>
              )}{' '}
              {contact.bouncedAt && (
                <Badge appearance="tint" color="danger">
                  Email bounced
                </Badge>
              )}
            </div>
          </div>
          <dl className={styles.facts}>
            <dt className={styles.factLabel}>Company</dt>
            <dd className={styles.factValue}>{contact.company?.name ?? '—'}</dd>
            <dt className={styles.factLabel}>Owner</dt>
            <dd className={styles.factValue}>{contact.owner?.name || '—'}</dd>
            <dt className={styles.factLabel}>Sequence</dt>
            <dd className={styles.factValue}>
              {current ? (
                <>
                  <RouterLink to={`/sequences/${current.sequenceId}`}>{current.sequenceName}</RouterLink> ·{' '}
                  {stepOf(current)} · {STATUS_LABELS[current.status]}
                  {current.status === 'active' && current.nextStepAt
                    ? ` · next step ${formatDateTime(current.nextStepAt, timeZone)}`
                    : ''}
                </>
              ) : (
                'Not enrolled'
              )}
            </dd>
          </dl>
          <h2 className={styles.sectionTitle}>Enrollments</h2>
          {contact.enrollments.length === 0 ? (
            <span>Never enrolled.</span>
          ) : (
            <ul className={styles.enrollmentList}>
              {contact.enrollments.map((e) => (
                <li key={e.id}>
                  {e.sequenceName} · {STATUS_LABELS[e.status]}
                  {e.unenrollment ? ` (${reasonLabel(e.unenrollment.reason)})` : ''} · enrolled{' '}
                  {formatDateTime(e.enrolledAt, timeZone)}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className={styles.card} aria-labelledby="timeline-title">
          <h2 id="timeline-title" className={styles.sectionTitle}>
            Timeline
          </h2>
          {timeline.length === 0 ? (
            <span>Nothing has happened yet: enroll the contact in a sequence.</span>
          ) : (
            <ol className={styles.timeline} aria-label="Timeline">
              {timeline.map((entry) => (
                <li key={entry.key} className={styles.event}>
                  <span>{entry.text}</span>
                  <span className={styles.eventWhen}>
                    {formatDateTime(entry.at, timeZone)} · {entry.sequenceName}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Unenroll ${name}?`}
        confirmLabel="Unenroll"
        busy={change.isPending}
        onCancel={() => {
          setConfirming(false);
          setTimeout(() => unenrollButton.current?.focus(), 0);
        }}
        onConfirm={() => current && change.mutate({ action: 'unenroll', enrollmentId: current.id })}
      >
        {current
          ? `${contact.email} will be unenrolled from ${current.sequenceName}. No further step runs; the history stays.`
          : ''}
      </ConfirmDialog>
    </Page>
  );
}
