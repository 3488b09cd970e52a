import type { Queryable } from '../../db/port';
import { IS_CURRENT } from '../../lifecycle';

/** `manual_emails`: the rep's hand-written mail, and what it may concern (sent messages, enrollments). */

/** The enrollment a rep's message may concern: a current one of a contact it was sent to. */
export interface RecipientEnrollment {
  id: string;
  contact_email: string;
  unenroll_on_manual_email: boolean;
}

/** Which of these Message-IDs (without brackets) are the engine's own sequence emails. */
export async function sequenceMessageIds(
  db: Queryable,
  accountId: string,
  messageIds: string[],
): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const { rows } = await db.query<{ message_id: string }>(
    `SELECT message_id FROM sent_messages WHERE account_id = $1::uuid AND message_id = ANY($2::text[])`,
    [accountId, messageIds],
  );
  return new Set(rows.map((row) => row.message_id));
}

/** Current enrollments of the account's contacts at these addresses (or their recorded aliases). */
export async function recipientEnrollments(
  db: Queryable,
  accountId: string,
  addresses: string[],
): Promise<RecipientEnrollment[]> {
  if (addresses.length === 0) return [];
  const { rows } = await db.query<RecipientEnrollment>(
    `SELECT e.id, c.email AS contact_email,
            coalesce((s.settings->>'unenrollOnManualEmail')::boolean, false) AS unenroll_on_manual_email
     FROM contacts c
     JOIN enrollments e ON e.contact_id = c.id AND e.status ${IS_CURRENT}
     JOIN sequences s ON s.id = e.sequence_id
     WHERE c.account_id = $1::uuid AND c.deleted_at IS NULL
       AND (c.email_lower = ANY($2::text[]) OR c.aliases && $2::text[])`,
    [accountId, addresses.map((address) => address.toLowerCase())],
  );
  return rows;
}

/** Records a rep's hand-written message once; false when it was recorded before (nothing to do again). */
export async function recordManualEmail(
  db: Queryable,
  input: {
    mailboxId: string;
    accountId: string;
    internetMessageId: string;
    subject: string;
    recipients: string[];
    sentAt: Date | null;
  },
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO manual_emails (mailbox_id, internet_message_id, account_id, subject, recipients, sent_at, recorded_at)
     VALUES ($1::uuid, $2::text, $3::uuid, $4::text, $5::text[], $6::timestamptz, $7::timestamptz)
     ON CONFLICT (mailbox_id, internet_message_id) DO NOTHING`,
    [
      input.mailboxId,
      input.internetMessageId,
      input.accountId,
      input.subject,
      input.recipients,
      input.sentAt,
      now,
    ],
  );
  return rowCount > 0;
}
