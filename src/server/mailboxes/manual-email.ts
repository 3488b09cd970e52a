import { ActorType, EventType } from '../../shared/enums';
import type { Deps } from '../deps';
import { decideManualEmail } from '../engine/graph/manual-email-rule';
import type { DeltaMessage } from '../graph';
import { appendEvents, changeEnrollments, unenrollEach } from '../lifecycle';
import type { ClaimedMailbox } from './queries/claims';
import { recipientEnrollments, recordManualEmail, sequenceMessageIds } from './queries/manual-emails';

const bare = (id: string) => id.trim().replace(/^<|>$/g, '');

function recipientsOf(message: DeltaMessage): string[] {
  const all = [
    ...(message.toRecipients ?? []),
    ...(message.ccRecipients ?? []),
    ...(message.bccRecipients ?? []),
  ];
  return [
    ...new Set(
      all.flatMap((entry) => (entry.emailAddress?.address ? [entry.emailAddress.address.toLowerCase()] : [])),
    ),
  ];
}

/**
 * Messages from a rep's Sent Items (issue 16): mail the rep wrote by hand to an enrolled
 * contact is recorded on the enrollment, by that rep, and — with the sequence's
 * `unenrollOnManualEmail` — unenrolls the contact. The engine's own sequence emails, which
 * Graph files in Sent Items too, are skipped. Once per message (`manual_emails`).
 */
export async function takeSentItems(
  deps: Deps,
  mailbox: ClaimedMailbox,
  messages: DeltaMessage[],
): Promise<number> {
  const withIds = messages.filter((message) => message.internetMessageId);
  const ours = await sequenceMessageIds(
    deps.db,
    mailbox.account_id,
    withIds.map((message) => bare(message.internetMessageId ?? '')),
  );
  let recorded = 0;
  for (const message of withIds) {
    const messageId = bare(message.internetMessageId ?? '');
    // A sequence email is no manual email: nothing to record, no enrollment to look up.
    if (ours.has(messageId)) continue;
    const recipients = recipientsOf(message);
    const enrollments = await recipientEnrollments(deps.db, mailbox.account_id, recipients);
    const decisions = decideManualEmail({
      sequenceEmail: false,
      subject: message.subject ?? '',
      recipients,
      enrollments: enrollments.map((row) => ({
        id: row.id,
        contactEmail: row.contact_email,
        unenrollOnManualEmail: row.unenroll_on_manual_email,
      })),
    });
    const rep = { type: ActorType.user, id: mailbox.user_id };
    await changeEnrollments(deps, async (tx) => {
      const now = deps.clock.now();
      const first = await recordManualEmail(
        tx,
        {
          mailboxId: mailbox.id,
          accountId: mailbox.account_id,
          internetMessageId: messageId,
          subject: message.subject ?? '',
          recipients,
          sentAt: message.sentDateTime ? new Date(message.sentDateTime) : null,
        },
        now,
      );
      if (!first) return;
      recorded += 1;
      await appendEvents(
        tx,
        decisions.flatMap((decision) =>
          decision.type === 'record'
            ? [
                {
                  accountId: mailbox.account_id,
                  enrollmentId: decision.enrollmentId,
                  type: EventType.manualEmailSent,
                  by: rep,
                  detail: decision.detail,
                  data: { messageId },
                },
              ]
            : [],
        ),
        now,
      );
      await unenrollEach(
        tx,
        mailbox.account_id,
        decisions.flatMap((decision) =>
          decision.type === 'unenroll'
            ? [
                {
                  id: decision.enrollmentId,
                  cause: {
                    reason: decision.reason,
                    at: now,
                    by: rep,
                    detail: decision.detail,
                    data: { messageId },
                  },
                },
              ]
            : [],
        ),
      );
    });
  }
  return recorded;
}
