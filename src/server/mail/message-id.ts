import { createHmac } from 'node:crypto';

const keys = new Map<string, Buffer>();

/**
 * The Message-ID of an enrollment's step, without angle brackets: a keyed hash
 * of (enrollment, step) at the sender's domain (RFC 5322 §3.6.4). Deterministic,
 * so every attempt at one step — a retry after a soft bounce, or a resend after
 * a crash in the instant between the relay's 250 and our commit — carries the
 * same id, which lets receiving systems drop a duplicate; keyed, so it reveals no
 * database id.
 */
export function stepMessageId(
  secret: string,
  enrollmentId: string,
  stepIndex: number,
  senderEmail: string,
): string {
  const domain = senderEmail.split('@')[1] || 'sales-tools.invalid';
  let key = keys.get(secret);
  if (!key) {
    key = createHmac('sha256', secret).update('sales-tools/message-id/v1').digest();
    keys.set(secret, key);
  }
  const local = createHmac('sha256', key).update(`${enrollmentId}:${stepIndex}`).digest('hex').slice(0, 32);
  return `${local}@${domain}`;
}
