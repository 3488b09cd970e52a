import type { Queryable } from '../db/port';
import type { Keyset } from '../http/cursor';

export interface StoredEmail {
  accountId: string;
  sentMessageId: string;
  messageId: string;
  /** The From header as written: `Name <address>`. */
  from: string;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/** Keeps emails in the outbox, set-based, through the caller's transaction. */
export async function storeEmails(tx: Queryable, emails: StoredEmail[], now: Date): Promise<void> {
  if (emails.length === 0) return;
  await tx.query(
    `INSERT INTO outbox (account_id, sent_message_id, message_id, from_address, to_address, subject, text_body, headers, created_at)
     SELECT m.account_id, m.sent_message_id, m.message_id, m.from_address, m.to_address, m.subject, m.text_body, m.headers, $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS m(account_id uuid, sent_message_id uuid, message_id text, from_address text,
                                            to_address text, subject text, text_body text, headers jsonb)`,
    [
      JSON.stringify(
        emails.map((email) => ({
          account_id: email.accountId,
          sent_message_id: email.sentMessageId,
          message_id: email.messageId,
          from_address: email.from,
          to_address: email.to,
          subject: email.subject,
          text_body: email.text,
          headers: email.headers,
        })),
      ),
      now,
    ],
  );
}

export interface OutboxRow {
  id: string;
  message_id: string;
  from_address: string;
  to_address: string;
  subject: string;
  text_body: string;
  headers: Record<string, string>;
  enrollment_id: string | null;
  created_at: Date;
}

/** A page of an account's outbox, newest first, keyset-paginated on (created_at, id). */
export async function listOutbox(
  db: Queryable,
  filter: { accountId: string; to?: string; after?: Keyset; limit: number },
): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `SELECT o.id, o.message_id, o.from_address, o.to_address, o.subject, o.text_body, o.headers, o.created_at,
            sm.enrollment_id
     FROM outbox o LEFT JOIN sent_messages sm ON sm.id = o.sent_message_id
     WHERE o.account_id = $1::uuid
       AND ($2::text IS NULL OR lower(o.to_address) = lower($2::text))
       AND ($3::timestamptz IS NULL OR (o.created_at, o.id) < ($3::timestamptz, $4::uuid))
     ORDER BY o.created_at DESC, o.id DESC LIMIT $5::int`,
    [filter.accountId, filter.to ?? null, filter.after?.at ?? null, filter.after?.id ?? null, filter.limit],
  );
  return rows;
}
