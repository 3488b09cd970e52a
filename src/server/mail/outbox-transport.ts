import type { MailTransport } from './transport';

/** The default transport: keeps each email in the `outbox` table (GET /api/v1/outbox) instead of sending it. */
export const outboxTransport: MailTransport = {
  name: 'outbox',
  async send(tx, email, now) {
    await tx.query(
      `INSERT INTO outbox (account_id, sent_message_id, message_id, from_address, to_address, subject, text_body, headers, created_at)
       VALUES ($1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::text, $7::text, $8::jsonb, $9::timestamptz)`,
      [
        email.accountId,
        email.sentMessageId,
        email.messageId,
        email.from.name ? `${email.from.name} <${email.from.address}>` : email.from.address,
        email.to,
        email.subject,
        email.text,
        JSON.stringify(email.headers),
        now,
      ],
    );
  },
};
