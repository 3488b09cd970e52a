/**
 * Amazon SES notifications delivered by e-mail through SNS ("AWS Notification Message"): a
 * JSON document with `notificationType` Bounce, Complaint or Delivery. Read with regular
 * expressions, not JSON.parse, because SNS mail is often re-wrapped by relays.
 */
import { cleanDiagnostic, normaliseStatus, severityOf } from './status';
import type { BounceRecipient } from './types';

export type SesNotification =
  | { type: 'bounce'; recipients: BounceRecipient[]; reportingMta?: string }
  | { type: 'complaint' }
  | { type: 'delivery' };

const TYPE = /"notificationType"\s*:\s*"(bounce|complaint|delivery)"/i;

export function readSesNotification(text: string): SesNotification | null {
  const head = text.slice(0, 200);
  if (!/\{\s*"notificationType"/.test(head) && !/"notificationType"/.test(head)) return null;
  const m = TYPE.exec(text);
  if (!m) return null;
  const type = m[1].toLowerCase();
  if (type === 'complaint') return { type: 'complaint' };
  if (type === 'delivery') return { type: 'delivery' };
  const bounceType = /"bounceType"\s*:\s*"(\w+)"/.exec(text)?.[1]?.toLowerCase();
  const recipients: BounceRecipient[] = [];
  const list = /"bouncedRecipients"\s*:\s*\[(.*?)\]/s.exec(text)?.[1] ?? '';
  for (const obj of list.match(/\{[^{}]*\}/g) ?? []) {
    const address = /"emailAddress"\s*:\s*"([^"]+)"/.exec(obj)?.[1]?.toLowerCase() ?? null;
    const status = normaliseStatus(/"status"\s*:\s*"([^"]+)"/.exec(obj)?.[1]);
    const diagnostic = cleanDiagnostic(/"diagnosticCode"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(obj)?.[1]);
    const severity =
      bounceType === 'transient'
        ? 'soft'
        : bounceType === 'permanent'
          ? 'hard'
          : severityOf({ status, diagnostic });
    recipients.push({ address, status, severity, diagnostic });
  }
  if (recipients.length === 0) {
    recipients.push({
      address: null,
      status: null,
      severity: bounceType === 'transient' ? 'soft' : 'hard',
      diagnostic: null,
    });
  }
  const reportingMta = /"reportingMTA"\s*:\s*"(?:dns;\s*)?([^"]+)"/.exec(text)?.[1];
  return { type: 'bounce', recipients, ...(reportingMta ? { reportingMta } : {}) };
}
