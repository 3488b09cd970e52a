import type { Queryable } from '../db/port';
import { SENT, type MailTransport, type OutgoingEmail } from './transport';

function fromHeader(email: OutgoingEmail): string {
  return email.from.name ? `${email.from.name} <${email.from.address}>` : email.from.address;
}

async function store(tx: Queryable, emails: OutgoingEmail[], now: Date): Promise<void> {
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
          from_address: fromHeader(email),
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

/**
 * The default transport: keeps each email in the `outbox` table (GET /api/v1/outbox)
 * instead of sending it. It writes through the step's transaction, so an email
 * is stored exactly when its step commits.
 */
export const outboxTransport: MailTransport = {
  name: 'outbox',
  transactional: true,
  async send(tx, email, now) {
    await store(tx, [email], now);
    return SENT;
  },
  async sendMany(tx, emails, now) {
    await store(tx, emails, now);
    return emails.map(() => SENT);
  },
};
