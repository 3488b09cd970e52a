/**
 * Machine-generated mail that is neither a bounce nor an auto-reply: feedback (ARF)
 * reports, read receipts (MDN), challenge-response requests, mailing-list mail, and
 * anything else marked `Auto-Submitted`.
 */
import type { ParsedMail } from 'mailparser';
import { hasHeader, header, type Envelope } from './headers';

export interface ReportVerdict {
  type: 'feedback_report' | 'read_receipt';
  signals: string[];
}

/** ARF (RFC 5965) and MDN (RFC 8098) reports, and Microsoft's JMRP complaint format. */
export function detectReport(
  parsed: ParsedMail,
  raw: Buffer,
  ct: { type: string; params: Record<string, string> },
  foldedText: string,
): ReportVerdict | null {
  const reportType = ct.type === 'multipart/report' ? (ct.params['report-type'] ?? '') : '';
  if (reportType === 'feedback-report')
    return { type: 'feedback_report', signals: ['content-type:report-type=feedback-report'] };
  if (reportType === 'disposition-notification') {
    return { type: 'read_receipt', signals: ['content-type:report-type=disposition-notification'] };
  }
  const attachmentTypes = parsed.attachments.map((a) => (a.contentType ?? '').toLowerCase());
  if (attachmentTypes.includes('message/feedback-report'))
    return { type: 'feedback_report', signals: ['part:message/feedback-report'] };
  if (attachmentTypes.includes('message/disposition-notification')) {
    return { type: 'read_receipt', signals: ['part:message/disposition-notification'] };
  }
  if (ct.type.startsWith('multipart/')) {
    const head = raw.toString('latin1', 0, Math.min(raw.length, 64 * 1024));
    if (/\nX-HmXmrOriginalRecipient:/i.test(head))
      return { type: 'feedback_report', signals: ['part:x-hmxmroriginalrecipient(jmrp)'] };
    if (/\ncontent-type:\s*message\/feedback-report/i.test(head))
      return { type: 'feedback_report', signals: ['part:message/feedback-report'] };
  }
  if (ARF_FIELDS.test(foldedText.slice(0, 8192)))
    return { type: 'feedback_report', signals: ['body:feedback-report-fields'] };
  return null;
}

/**
 * The fields of an RFC 5965 feedback report written as text, as some complaint loops send
 * them (no message/feedback-report part): `Feedback-Type:` with `User-Agent:` or `Version:`.
 * A report, whatever its Auto-Submitted or Re: subject says, is never an auto-reply.
 */
const ARF_FIELDS =
  /^feedback-type:[ \t]*(?:abuse|fraud|virus|other|not-spam|auth-failure|opt-out)\b[^]{0,2000}?^(?:user-agent|version):/m;

/** Challenge-response services that hold mail until the sender proves to be human. */
const CR_DOMAINS =
  /(?:^|\.)(?:boxbe\.com|spamarrest\.com|bluebottle\.com|mailblocks\.com|sendio\.com|choicemail\.com|digiportal\.com|spamcease\.com|qurb\.com|mailsecurity\.us|cleanmymailbox\.com|mailmate\.com|permitmail\.com)$/;
const CR_HEADERS =
  /^x-(?:challenge|challenge-response|bluebottle-request|boxbe-|spamarrest|cr-|sendio|choicemail)/;
const CR_BODY =
  /\b(?:verify|confirm|prove) (?:that )?you(?:'re| are) (?:a )?(?:real )?(?:person|human)\b|\bplease (?:click|follow|visit) (?:on )?(?:the )?(?:following )?link (?:below )?to (?:verify|confirm|have your (?:address|e-?mail|message)|complete|deliver|be added)|\b(?:added|add yourself|adding you) to (?:the recipient'?s?|my|their) (?:allowed|approved|trusted|safe|guest|white) ?(?:senders? )?list|\bthis (?:account|mailbox|e-?mail address|inbox) is protected by\b|\byour (?:message|e-?mail) (?:is being held|has been held|is pending|is on hold|awaits your verification)|\bone-time (?:verification|request)\b|\b(?:i|we) use (?:a )?(?:challenge[- ]response|sender verification|spam (?:filter|blocker|protection))\b.{0,80}\bverif/;

export function detectChallengeResponse(
  parsed: ParsedMail,
  env: Envelope,
  foldedText: string,
  machine: boolean,
): string[] | null {
  const signals: string[] = [];
  const domains = [env.fromAddress, header(parsed, 'return-path'), header(parsed, 'sender')]
    .map((a) => a.replace(/[<>]/g, '').split('@')[1] ?? '')
    .filter(Boolean);
  const crDomain = domains.find((d) => CR_DOMAINS.test(d));
  if (crDomain) signals.push(`sender:challenge-response-service=${crDomain}`);
  for (const key of parsed.headers.keys()) if (CR_HEADERS.test(key)) signals.push(`header:${key}`);
  const body = CR_BODY.test(foldedText.slice(0, 4000));
  if (body) signals.push('body:challenge-response-phrase');
  if (crDomain && (body || signals.length > 1)) return signals;
  if (signals.some((s) => s.startsWith('header:')) && (body || crDomain)) return signals;
  if (body && (crDomain || machine)) return signals;
  if (crDomain && /\bverif|\bconfirm|approved|allowed|whitelist/.test(foldedText.slice(0, 4000)))
    return signals;
  return null;
}

export interface ListVerdict {
  signals: string[];
}

/** Mailing-list and bulk mail: List-Id, Precedence: list, or List-Unsubscribe with Precedence bulk/junk. */
export function detectList(parsed: ParsedMail): ListVerdict | null {
  const signals: string[] = [];
  const precedence = header(parsed, 'precedence');
  if (hasHeader(parsed, 'list-id')) signals.push('header:list-id');
  if (precedence === 'list') signals.push('header:precedence=list');
  const bulk = precedence === 'bulk' || precedence === 'junk';
  if (
    bulk &&
    (hasHeader(parsed, 'list-unsubscribe') ||
      hasHeader(parsed, 'list-post') ||
      hasHeader(parsed, 'list-help'))
  ) {
    signals.push(`header:precedence=${precedence}+list-unsubscribe`);
  }
  if (hasHeader(parsed, 'list-post') && hasHeader(parsed, 'list-unsubscribe'))
    signals.push('header:list-post+list-unsubscribe');
  for (const name of [
    'x-mailman-version',
    'x-google-group-id',
    'mailing-list',
    'x-ezmlm-version',
    'x-listserver',
    'x-list-administrivia',
  ]) {
    if (hasHeader(parsed, name)) signals.push(`header:${name}`);
  }
  return signals.length > 0 ? { signals } : null;
}

/** True when the message has list headers (List-Id, List-Post, Precedence: list). */
export function hasListHeaders(parsed: ParsedMail): boolean {
  return (
    hasHeader(parsed, 'list-id') || hasHeader(parsed, 'list-post') || header(parsed, 'precedence') === 'list'
  );
}

/** Any other sign that no person wrote the message. */
export function otherAutomationSignals(parsed: ParsedMail, env: Envelope): string[] {
  const signals: string[] = [];
  const autoSubmitted = header(parsed, 'auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no')
    signals.push(`header:auto-submitted=${autoSubmitted.split(/[;\s]/)[0]}`);
  const precedence = header(parsed, 'precedence');
  if (precedence === 'bulk' || precedence === 'junk') signals.push(`header:precedence=${precedence}`);
  if (hasHeader(parsed, 'x-amz-sns-message-id')) signals.push('header:x-amz-sns-message-id');
  if (
    /^(?:no-?reply|do-?not-?reply|notifications?)@/.test(env.fromAddress) &&
    hasHeader(parsed, 'list-unsubscribe')
  ) {
    signals.push('sender:no-reply+list-unsubscribe');
  }
  return signals;
}
