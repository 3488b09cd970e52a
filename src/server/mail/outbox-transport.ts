import { storeEmails } from '../outbox/queries';
import { SENT, type OutgoingEmail, type StoringTransport } from './transport';

function fromHeader(email: OutgoingEmail): string {
  return email.from.name ? `${email.from.name} <${email.from.address}>` : email.from.address;
}

/**
 * The default transport: keeps each email in the `outbox` table (GET /api/v1/outbox)
 * instead of sending it, through the step's transaction.
 */
export const outboxTransport: StoringTransport = {
  kind: 'storing',
  name: 'outbox',
  async store(tx, emails, now) {
    await storeEmails(
      tx,
      // The outbox shows what would go on the wire: the envelope sender as Return-Path.
      emails.map((email) => ({
        ...email,
        from: fromHeader(email),
        headers: email.returnPath
          ? { ...email.headers, 'Return-Path': `<${email.returnPath}>` }
          : email.headers,
      })),
      now,
    );
    return emails.map(() => SENT);
  },
};
