/**
 * Bounces that are not (only) RFC 3464 reports: the prose of any mail system, in any of the
 * languages in bounce-lexicon.ts. Evidence is weighed, not matched against known layouts, so
 * that a server we have never seen is still recognised:
 *  - who sent it: a mail system (MAILER-DAEMON, postmaster, "Mail Delivery System", `<>`),
 *    nobody (no From), or a system known by its header marks (mail-systems.ts);
 *  - how: `Return-Path: <>` (RFC 5321 §4.5.5: notifications go to the null reverse-path),
 *    `Auto-Submitted`;
 *  - what it says: a failure subject, phrases only mail systems write (strong), failure
 *    words others use too (weak).
 * A mail-system sender needs one phrase or a failure subject; a message to the null return
 * path (autoresponders use it too) one strong phrase or two weak ones ("could not be delivered"
 * + "mailbox disabled"); another machine sender (Auto-Submitted, no address) a strong phrase
 * and one more; a person's message a failure subject, a strong phrase and no Re:.
 * List headers on the outer message do not count against it: a bounce of list mail keeps them.
 * Works on `fold`ed text.
 */
import type { ParsedMail } from 'mailparser';
import {
  BOUNCE_SUBJECT,
  DELAY_BODY,
  DELAY_SUBJECT,
  RETURNED_MESSAGE,
  STRONG_BODY,
  WEAK_BODY,
  literal,
} from './bounce-lexicon';
import { FORWARD_PREFIX, REPLY_OR_FORWARD_PREFIX, header, headerValues, isDaemonSender } from './headers';
import { mailSystemOf } from './mail-systems';
import type { MessageView } from './message-view';
import { returnedMessageHeaders } from './original';
import { ENHANCED_CODE, cleanDiagnostic, enhancedCodes, gradeFailure, refineStatus } from './status';
import { ADDRESS } from './text';
import { findFailedAddresses, type AddressHit } from './text-recipients';
import type { BounceRecipient, Classification } from './types';

type Bounce = Extract<Classification, { kind: 'bounce' }>;

/** The notice without the copy of the returned message below it. */
export function noticeText(foldedText: string): string {
  const m = RETURNED_MESSAGE.exec(foldedText);
  return m ? foldedText.slice(0, m.index) : foldedText;
}

function distinct(pattern: RegExp, text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(pattern)) seen.add(m[0]);
  return [...seen];
}

export function isDelayWarning(foldedSubject: string, foldedNotice: string): boolean {
  return DELAY_SUBJECT.test(foldedSubject) || DELAY_BODY.test(foldedNotice);
}

export interface FailureEvidence {
  isBounce: boolean;
  signals: string[];
  notice: string;
}

/** Whether the message is a delivery-failure notice, and what says so. */
export function failureEvidence(view: MessageView): FailureEvidence {
  const { parsed, env, subject } = view;
  const notice = noticeText(view.text);
  const signals: string[] = [];
  const daemon = isDaemonSender(env);
  const noFrom = !parsed.headers.has('from');
  const mark = mailSystemOf(parsed, env);
  const forwarded = FORWARD_PREFIX.test(subject) && !daemon && !mark?.onNoticesOnly;
  const subjectHit = BOUNCE_SUBJECT.test(subject) && !forwarded;
  const system = mark && (mark.onNoticesOnly || subjectHit) ? mark.name : null;
  const autoSubmitted = /^auto-(?:replied|generated|notified)/.test(header(parsed, 'auto-submitted'));
  if (daemon) signals.push('sender:mail-system');
  if (noFrom) signals.push('sender:none');
  if (system) signals.push(`mail-system:${system}`);
  if (env.nullReturnPath) signals.push('header:return-path=<>');
  if (autoSubmitted)
    signals.push(`header:auto-submitted=${header(parsed, 'auto-submitted').split(/[;\s]/)[0]}`);
  const machine =
    daemon || noFrom || system !== null || env.nullReturnPath || autoSubmitted || !env.fromAddress;

  if (subjectHit) signals.push('subject:failure-notice');
  const strong = distinct(STRONG_BODY, notice);
  const weak = distinct(WEAK_BODY, notice);
  const hits = strong.length + weak.length;
  for (const phrase of strong.slice(0, 3)) signals.push(`body:"${phrase.slice(0, 60)}"`);
  for (const phrase of weak.slice(0, Math.max(0, 3 - strong.length)))
    signals.push(`body:"${phrase.slice(0, 60)}"`);

  const isBounce =
    ((daemon || system !== null || noFrom) && (hits >= 1 || subjectHit)) ||
    (subjectHit && (machine ? hits >= 1 : strong.length >= 1 && !REPLY_OR_FORWARD_PREFIX.test(subject))) ||
    (machine &&
      !forwarded &&
      (env.nullReturnPath ? strong.length >= 1 || weak.length >= 2 : strong.length >= 1 && hits >= 2));
  return { isBounce, signals, notice };
}

/** Addresses in a header's values (lower-cased). */
function addressesIn(parsed: ParsedMail, names: string[]): string[] {
  return names.flatMap((name) => headerValues(parsed, name).flatMap((v) => v.match(ADDRESS) ?? []));
}

/** The list-header addresses of the outer message; mailparser folds `List-*` into one `list` object. */
function listAddresses(parsed: ParsedMail): Set<string> {
  const found = new Set(addressesIn(parsed, ['mailing-list', 'x-ml-address', 'x-mailing-list']));
  const list = parsed.headers.get('list') as Record<string, { mail?: string; id?: string }> | undefined;
  for (const entry of Object.values(list ?? {})) {
    if (entry?.mail) found.add(entry.mail.toLowerCase());
  }
  return found;
}

/** A non-standard bounce, or null. */
export function classifyTextBounce(view: MessageView): Bounce | null {
  const evidence = failureEvidence(view);
  if (!evidence.isBounce) return null;
  const { parsed, env, subject } = view;
  const { notice } = evidence;
  const exclude = new Set<string>(
    [
      env.fromAddress,
      ...env.toAddresses,
      ...addressesIn(parsed, ['reply-to', 'sender', 'return-path']),
    ].filter(Boolean),
  );
  const reportingDomain = env.fromAddress.split('@')[1] ?? null;
  const delayed = isDelayWarning(subject, notice);

  // Exim names the failed addresses in a header of its own.
  const named = addressesIn(parsed, ['x-failed-recipients']).map((a) => a.toLowerCase());
  let hits: AddressHit[] = named.map((address) => ({ address, index: notice.indexOf(address) }));
  if (hits.length === 0) {
    hits = findFailedAddresses(notice, { exclude, listAddresses: listAddresses(parsed), reportingDomain });
  }
  if (hits.length === 0) {
    // The notice names nobody: the returned message's single To address is the recipient.
    const to = returnedMessageHeaders(parsed, view.text.slice(notice.length))?.to.filter(
      (a) => !exclude.has(a),
    );
    if (to?.length === 1) hits = [{ address: to[0], index: -1 }];
  }

  const recipients = buildRecipients(view, notice, hits, delayed);
  const signals = [...evidence.signals, ...(named.length > 0 ? ['header:x-failed-recipients'] : [])];
  if (delayed) signals.push('notice:delay-warning');
  const reportingMta = isDaemonSender(env) ? env.fromAddress.split('@')[1] : undefined;
  return { kind: 'bounce', recipients, ...(reportingMta ? { reportingMta } : {}), signals };
}

function firstSpecificCode(text: string): string | null {
  const codes = enhancedCodes(text);
  return codes.find((c) => !/^\d\.0\.0$/.test(c)) ?? codes[0] ?? null;
}

const FAILURE_WORDS = new RegExp(
  [
    String.raw`unknown|does not exist|doesn't exist|no such|not found|full|quota|rejected|refused|denied|disabled|suspended`,
    String.raw`invalid|unavailable|not listed|timed? ?out|expired|too large|too big|exceed|blocked|not a member`,
    String.raw`inconnu|unbekannt|desconocido|sconosciuto`,
    literal(['存在', '見つかりません', 'いっぱい']),
  ].join('|'),
);
const REPLY_LINE = /(?:^|\s)[45][0-5]\d[ -]/;

/**
 * Lines of the notice by offset, to show the server's words as it wrote them: `fold` keeps
 * line breaks, so line n of the folded text is line n of the original.
 */
class NoticeLines {
  private readonly starts: number[] = [0];
  private readonly originals: string[];
  constructor(
    private readonly notice: string,
    original: string,
  ) {
    for (let i = notice.indexOf('\n'); i >= 0; i = notice.indexOf('\n', i + 1)) this.starts.push(i + 1);
    this.originals = original.split(/\r\n?|\n/);
  }
  private number(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** The whole line at `offset`: folded (for the rules) and as written (for people). */
  at(offset: number): { folded: string; original: string } {
    const n = this.number(offset);
    const end = this.notice.indexOf('\n', this.starts[n]);
    const folded = this.notice.slice(this.starts[n], end < 0 ? this.notice.length : end);
    return { folded, original: this.originals[n] ?? folded };
  }
  lineStart(offset: number): number {
    return this.starts[this.number(offset)];
  }
  lineEnd(offset: number): number {
    const end = this.notice.indexOf('\n', offset);
    return end < 0 ? this.notice.length : end;
  }
  /** The first line in [start, end) with a status or reply code, else the first with failure words. */
  answerIn(start: number, end: number): number {
    let withWords = -1;
    for (let n = this.number(start); n < this.starts.length && this.starts[n] < end; n++) {
      const { folded } = this.at(this.starts[n]);
      if (ENHANCED_CODE.test(folded) || REPLY_LINE.test(folded)) return this.starts[n];
      if (withWords < 0 && FAILURE_WORDS.test(folded)) withWords = this.starts[n];
    }
    return withWords;
  }
}

/**
 * One recipient per hit, with the code and the words found from its line to the next hit; a
 * notice that gives the reason before the address (Lotus Notes, au/EZweb) is read before it.
 */
function buildRecipients(
  view: MessageView,
  notice: string,
  hits: AddressHit[],
  delayed: boolean,
): BounceRecipient[] {
  const lines = new NoticeLines(notice, view.original);
  const sorted = [...hits].sort((a, b) => a.index - b.index);
  const globalCode = firstSpecificCode(notice);
  const single = sorted.length <= 1;
  const build = (address: string | null, [start, end]: number[], [from, to]: number[]): BounceRecipient => {
    const window = notice.slice(start, end);
    const before = notice.slice(from, to);
    const at = lines.answerIn(start, end) >= 0 ? lines.answerIn(start, end) : lines.answerIn(from, to);
    const line = at >= 0 ? lines.at(at) : null;
    const status = refineStatus(
      firstSpecificCode(window) ?? firstSpecificCode(before) ?? globalCode,
      line?.folded ?? null,
    );
    const graded = gradeFailure({
      status,
      diagnostic: line?.folded ?? null,
      context: single ? notice : `${before}\n${window}`,
      delayed,
    });
    return { address, status, ...graded, diagnostic: cleanDiagnostic(line?.original) };
  };
  if (sorted.length === 0) return [build(null, [0, notice.length], [0, 0])];
  return sorted.map((hit, i) => {
    if (hit.index < 0) return build(hit.address, [0, notice.length], [0, 0]);
    const start = lines.lineStart(hit.index);
    const next = i + 1 < sorted.length ? lines.lineStart(sorted[i + 1].index) : notice.length;
    // A recipient on the same line as the next one reads its own line only.
    const end = Math.min(next > start ? next : lines.lineEnd(hit.index), hit.index + 1200);
    const previous = i > 0 ? sorted[i - 1].index : 0;
    return build(hit.address, [start, end], [Math.max(previous, start - 600), start]);
  });
}
