/**
 * Amazon SES notifications delivered by e-mail through SNS ("AWS Notification Message"): a
 * JSON document with `notificationType` Bounce, Complaint or Delivery — either the message
 * itself (an "email" subscription) or escaped inside the SNS envelope's `Message` string (an
 * "email-json" subscription). Read with regular expressions, not JSON.parse, because SNS mail
 * is often re-wrapped by relays. Field names: the SES developer guide, "Amazon SES
 * notification contents".
 */
import { cleanDiagnostic, normaliseStatus, reasonOf, severityOf } from './status';
import type { BounceReason, BounceRecipient } from './types';

export type SesNotification =
  | { type: 'bounce'; recipients: BounceRecipient[]; reportingMta?: string }
  | { type: 'complaint' }
  | { type: 'delivery' };

const TYPE = /"notificationType"\s*:\s*"(bounce|complaint|delivery)"/i;

/** `bounceSubType` values that say what failed (the others — General, Suppressed, … — do not). */
const SUBTYPE_REASON: Record<string, BounceReason> = {
  noemail: 'user_unknown',
  mailboxfull: 'mailbox_full',
  messagetoolarge: 'message_too_large',
};

export function readSesNotification(text: string): SesNotification | null {
  if (!/^\s*\{/.test(text) || !text.includes('notificationType')) return null;
  // The envelope carries the notification as a JSON string: unescape it once.
  const json = text.includes('\\"notificationType\\"') ? text.replace(/\\(["\\/])/g, '$1') : text;
  const m = TYPE.exec(json);
  if (!m) return null;
  const type = m[1].toLowerCase();
  if (type === 'complaint') return { type: 'complaint' };
  if (type === 'delivery') return { type: 'delivery' };
  const bounceType = /"bounceType"\s*:\s*"(\w+)"/.exec(json)?.[1]?.toLowerCase();
  const subtype = /"bounceSubType"\s*:\s*"(\w+)"/.exec(json)?.[1]?.toLowerCase() ?? '';
  const recipients: BounceRecipient[] = [];
  const list = /"bouncedRecipients"\s*:\s*\[(.*?)\]/s.exec(json)?.[1] ?? '';
  for (const obj of list.match(/\{[^{}]*\}/g) ?? []) {
    const address = /"emailAddress"\s*:\s*"([^"]+)"/.exec(obj)?.[1]?.toLowerCase() ?? null;
    const status = normaliseStatus(/"status"\s*:\s*"([^"]+)"/.exec(obj)?.[1]);
    const diagnostic = cleanDiagnostic(/"diagnosticCode"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(obj)?.[1]);
    recipients.push(grade(address, status, diagnostic, bounceType, subtype));
  }
  if (recipients.length === 0) recipients.push(grade(null, null, null, bounceType, subtype));
  const reportingMta = /"reportingMTA"\s*:\s*"(?:dns;\s*)?([^"]+)"/.exec(json)?.[1];
  return { type: 'bounce', recipients, ...(reportingMta ? { reportingMta } : {}) };
}

/** SES's Permanent/Transient stands in for a status class the notification may lack. */
function grade(
  address: string | null,
  status: string | null,
  diagnostic: string | null,
  bounceType: string | undefined,
  subtype: string,
): BounceRecipient {
  const reason = SUBTYPE_REASON[subtype] ?? reasonOf({ status, diagnostic });
  const input = {
    status: status ?? (bounceType === 'permanent' ? '5.0.0' : bounceType === 'transient' ? '4.0.0' : null),
    diagnostic,
  };
  return { address, status, reason, severity: severityOf(reason, input), diagnostic };
}
