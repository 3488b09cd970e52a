import type { DeliveryResult } from './transport';

type Failure = Exclude<DeliveryResult, { status: 'sent' }>;

/** What nodemailer attaches to the errors it gives (see its `NodemailerError`). */
interface SmtpErrorFields {
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  permanent?: boolean;
  message?: string;
}

function fields(error: unknown): SmtpErrorFields {
  if (typeof error === 'object' && error !== null) return error as SmtpErrorFields;
  return { message: String(error) };
}

/** RFC 3463 enhanced status code in a reply, e.g. "550 5.1.1 No such user" → [5, 1, 1]. */
export function enhancedStatus(response: string): [number, number, number] | undefined {
  const match = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(response);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Address (x.1.x) and mailbox (x.2.x) statuses are about the recipient, not the message. */
function aboutRecipient(status: [number, number, number] | undefined): boolean {
  return status !== undefined && (status[1] === 1 || status[1] === 2);
}

/**
 * Sorts an SMTP failure (SPEC A8). RFC 5321 §4.2.1: 5yz replies are permanent
 * and 4yz transient; 503 (bad sequence) is a session problem, tried again.
 *
 * - No reply at all (connection refused, timeout, TLS, credentials) or a refusal
 *   of our MAIL FROM: the relay is unavailable to us — retry, nobody's fault but ours.
 * - 4yz to RCPT TO or DATA: a soft bounce — retry with backoff. So is 5.2.2
 *   (mailbox full), which RFC 3463 calls "persistent transient" in spirit and
 *   every bulk sender treats as soft.
 * - 5yz to RCPT TO: the recipient is refused — a hard bounce of the address,
 *   unless the enhanced code says policy (5.7.x: relaying denied, blocked),
 *   which refuses the message but says nothing about the address.
 * - 5yz to DATA: the message is refused; it is the address only when the
 *   enhanced code is an address or mailbox status (LMTP per-recipient replies).
 */
export function classifySmtpError(error: unknown): Failure {
  const e = fields(error);
  const response = (e.response ?? e.message ?? 'unknown error').trim();
  const code = e.responseCode;
  if (!code) return { status: 'deferred', kind: 'unavailable', response };

  const status = enhancedStatus(response);
  const permanent = e.permanent ?? (code >= 500 && code !== 503);
  const command = (e.command ?? '').toUpperCase();
  const recipientStage = command.startsWith('RCPT') || command.startsWith('DATA');

  if (!recipientStage) return { status: 'deferred', kind: 'unavailable', response };
  if (!permanent) return { status: 'deferred', kind: 'soft_bounce', response };
  if (status && status[1] === 2 && status[2] === 2)
    return { status: 'deferred', kind: 'soft_bounce', response };
  if (command.startsWith('RCPT')) {
    const policy = status !== undefined && status[1] === 7;
    return { status: 'rejected', scope: policy ? 'message' : 'recipient', response };
  }
  return { status: 'rejected', scope: aboutRecipient(status) ? 'recipient' : 'message', response };
}
