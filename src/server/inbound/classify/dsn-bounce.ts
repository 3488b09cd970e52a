/**
 * Bounces that are RFC 3464 reports, read from the raw `message/delivery-status` part (or
 * its RFC 6533 `message/global-delivery-status` form); DSN fields written as text when the
 * MIME structure is broken.
 */
import { isDelayWarning, noticeText } from './bounce-text';
import { parseDeliveryStatus, readDeliveryStatus, type DeliveryStatus } from './dsn';
import { isDaemonSender } from './headers';
import type { MessageView } from './message-view';
import { cleanDiagnostic, gradeFailure, normaliseStatus, refineStatus } from './status';
import type { BounceRecipient, Classification } from './types';

// `expired` is not in RFC 3464 but SendGrid writes it for a message it stopped retrying.
const FAILED_ACTIONS = new Set(['failed', 'delayed', 'expired']);
const ACTION_OF_CLASS: Record<string, string> = { '2': 'delivered', '4': 'delayed', '5': 'failed' };
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
    (isReport || isDaemonSender(view.env) || view.env.nullReturnPath || !view.parsed.headers.has('from'))
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
  const failed = ds.recipients.filter((r) => {
    const status = normaliseStatus(r.status);
    const action = r.action ?? (status ? ACTION_OF_CLASS[status[0]] : null);
    if (action && SUCCESS_ACTIONS.has(action)) return false;
    if (status?.[0] === '2') return false;
    return (action !== null && FAILED_ACTIONS.has(action)) || status !== null;
  });
  if (failed.length === 0) {
    const delivered = ds.recipients.some((r) => {
      const status = normaliseStatus(r.status);
      const action = r.action ?? (status ? ACTION_OF_CLASS[status[0]] : null);
      return (action !== null && SUCCESS_ACTIONS.has(action)) || status?.[0] === '2';
    });
    return delivered ? { kind: 'delivered' } : null;
  }
  // The human-readable part of a report about one recipient often says more than its fields.
  const notice = failed.length === 1 ? noticeText(view.text) : null;
  const recipients: BounceRecipient[] = failed.map((r) => {
    const status = normaliseStatus(r.status);
    const action = r.action ?? (status ? ACTION_OF_CLASS[status[0]] : null);
    const refined = refineStatus(status, r.diagnostic);
    const graded = gradeFailure({
      status: refined,
      action,
      // "Status: 5.0.0 (permanent failure)" may carry words of its own; so does the action.
      diagnostic:
        [action === 'expired' ? 'delivery expired' : null, r.diagnostic, r.status]
          .filter(Boolean)
          .join('\n') || null,
      context: notice,
      delayed: delayedNotice && !status,
    });
    return {
      address: r.originalRecipient ?? r.finalRecipient,
      status: refined,
      ...graded,
      diagnostic: cleanDiagnostic(r.diagnostic),
    };
  });
  const reportingMta = ds.reportingMta ?? undefined;
  return {
    kind: 'bounce',
    classification: {
      kind: 'bounce',
      recipients,
      ...(reportingMta ? { reportingMta } : {}),
      signals: [`dsn:${failed.map((r) => r.action ?? 'status').join(',')}`],
    },
  };
}
