/**
 * Bounce detection: RFC 3464 reports first (parsed from the raw `message/delivery-status`
 * part), then Amazon SES notifications, then the prose of non-standard notices.
 */
import type { ParsedMail } from 'mailparser';
import { parseDeliveryStatus, readDeliveryStatus, type DeliveryStatus } from './dsn';
import { returnedMessageHeaders } from './original';
import {
  FORWARD_PREFIX,
  REPLY_OR_FORWARD_PREFIX,
  contentType,
  header,
  isDaemonSender,
  type Envelope,
} from './headers';
import { BOUNCE_SUBJECT, bounceBodyHits, isDelayWarning, noticeText, textRecipients } from './bounce-text';
import { cleanDiagnostic, normaliseStatus, refineStatus, severityOf } from './status';
import type { BounceRecipient, Classification } from './types';

export interface MessageView {
  parsed: ParsedMail;
  raw: Buffer;
  env: Envelope;
  /** `fold`ed subject and capped body text. */
  subject: string;
  text: string;
  contentType: { type: string; params: Record<string, string> };
}

const FAILED_ACTIONS = new Set(['failed', 'delayed']);
const SUCCESS_ACTIONS = new Set(['delivered', 'relayed', 'expanded']);

export type DsnOutcome =
  | { kind: 'bounce'; classification: Extract<Classification, { kind: 'bounce' }> }
  | { kind: 'delivered' }
  | null;

/** Reads an RFC 3464 report when the message carries one (by report-type or by part). */
export function classifyDsn(view: MessageView): DsnOutcome {
  const { type } = view.contentType;
  const isReport = type === 'multipart/report';
  let ds: DeliveryStatus | null = null;
  // Only walk the MIME tree when it can hold the part: cheap on ordinary mail.
  if (
    isReport ||
    (type.startsWith('multipart/') &&
      DSN_PART.test(view.raw.toString('latin1', 0, Math.min(view.raw.length, 256 * 1024))))
  ) {
    ds = readDeliveryStatus(view.raw);
  }
  // DSN fields written as text (no delivery-status part, or a report whose MIME is broken),
  // trusted only in a report or in a message from a mail system.
  if (
    (!ds || ds.recipients.length === 0) &&
    (isReport || isDaemonSender(view.env) || view.env.nullReturnPath)
  ) {
    ds = textDeliveryStatus(view.text);
  }
  if (!ds || ds.recipients.length === 0) return null;
  return fromDeliveryStatus(ds, view);
}

const DSN_PART = /content-type:\s*message\/(?:global-)?delivery-status/i;

/** DSN fields in text, parsed from the first Reporting-MTA/Final-Recipient line on. */
function textDeliveryStatus(text: string): DeliveryStatus | null {
  const m = /^(?:reporting-mta|final-recipient|original-recipient)[ \t]*:/m.exec(text);
  if (!m || !/^(?:action|status)[ \t]*:/m.test(text.slice(m.index))) return null;
  return parseDeliveryStatus(text.slice(m.index));
}

function fromDeliveryStatus(ds: DeliveryStatus, view: MessageView): DsnOutcome {
  const delayedNotice = isDelayWarning(view.subject, '');
  const recipients: BounceRecipient[] = [];
  let successes = 0;
  for (const r of ds.recipients) {
    const status = normaliseStatus(r.status);
    let action = r.action;
    if (!action && status)
      action = status[0] === '2' ? 'delivered' : status[0] === '4' ? 'delayed' : 'failed';
    if (action && SUCCESS_ACTIONS.has(action)) {
      successes++;
      continue;
    }
    if (action && !FAILED_ACTIONS.has(action) && !status) continue;
    if (status && status[0] === '2') {
      successes++;
      continue;
    }
    const refined = refineStatus(status, r.diagnostic);
    recipients.push({
      address: r.originalRecipient ?? r.finalRecipient,
      status: refined,
      severity: severityOf({
        status: refined,
        action,
        diagnostic: r.diagnostic,
        delayed: delayedNotice && !status,
      }),
      diagnostic: cleanDiagnostic(r.diagnostic),
    });
  }
  if (recipients.length === 0) return successes > 0 ? { kind: 'delivered' } : null;
  const reportingMta = ds.reportingMta ?? undefined;
  return {
    kind: 'bounce',
    classification: { kind: 'bounce', recipients, ...(reportingMta ? { reportingMta } : {}) },
  };
}

/**
 * A non-standard bounce: the notice comes from a mail system or has a failure subject, and its
 * text carries failure boilerplate, a status code or a failed recipient.
 */
export function classifyTextBounce(view: MessageView): Extract<Classification, { kind: 'bounce' }> | null {
  const daemon = isDaemonSender(view.env);
  const subject = view.subject;
  const forwarded = FORWARD_PREFIX.test(subject);
  const subjectHit = BOUNCE_SUBJECT.test(subject) && !forwarded;
  const notice = noticeText(view.text);
  const hits = bounceBodyHits(notice);
  const autoSubmitted = /^auto-(?:replied|generated)/.test(header(view.parsed, 'auto-submitted'));
  const machine = daemon || view.env.nullReturnPath || autoSubmitted || view.env.fromAddress === '';
  let isBounce = false;
  if (daemon && (hits >= 1 || subjectHit)) isBounce = true;
  else if (subjectHit && hits >= 1 && (machine || !REPLY_OR_FORWARD_PREFIX.test(subject))) isBounce = true;
  else if (machine && !forwarded && hits >= 3) isBounce = true;
  if (!isBounce) return null;
  const exclude = new Set<string>([view.env.fromAddress, ...view.env.toAddresses].filter(Boolean));
  const delayed = isDelayWarning(subject, notice);
  const recipients = textRecipients(notice, { exclude, delayed });
  if (recipients.length === 1 && recipients[0].address === null) {
    // The notice names nobody: the returned message's single To address is the recipient.
    const to =
      returnedMessageHeaders(view.parsed, view.text.slice(notice.length))?.to.filter(
        (a) => !exclude.has(a),
      ) ?? [];
    if (to.length === 1) recipients[0] = { ...recipients[0], address: to[0] };
  }
  const domain = daemon ? view.env.fromAddress.split('@')[1] : undefined;
  return { kind: 'bounce', recipients, ...(domain ? { reportingMta: domain } : {}) };
}

/** Content-type helper re-exported for the entry point. */
export { contentType };
