/**
 * The failed recipients named in the prose of a non-standard bounce, each with the status
 * code and the server's words found next to it. An address counts as a failed recipient by
 * where it stands, not by which MTA wrote the notice:
 *  - it begins a line ("<a@b>: host said …", "a@b on 4/29/2010", "  * a@b", "a@b [User unknown]");
 *  - a recipient cue ends the text before it on its line ("RCPT TO:<a@b>", "delivering your mail
 *    to <a@b>", "Could not be delivered to: <a@b>", "Recipient: <a@b>");
 *  - failure words follow it ("<a@b>... User unknown", "a@b: no such user").
 * Addresses introduced as senders ("from", "MAIL FROM:", "Return-Path:") never count, nor the
 * bounce's own sender and recipients; a mailing list's address counts only when nothing else
 * does. Works on `fold`ed text. All patterns are bounded (see robustness.test.ts).
 */
import { ADDRESS } from './text';

export interface AddressHit {
  address: string;
  /** Where the address stands in the notice. */
  index: number;
}

export interface FindOptions {
  /** Addresses that are never the failed recipient: the bounce's From, To, Cc, Reply-To, … */
  exclude: Set<string>;
  /** A list's addresses (List-Post, List-Id, …): failed recipients only when no other address is. */
  listAddresses: Set<string>;
  /** The mail system's domain, for reports that name a local user without one (AOL). */
  reportingDomain: string | null;
}

const MAX_ADDRESSES = 500;

/** Mail-system and role addresses that report failures; they are not what failed. */
const NOT_RECIPIENT =
  /^(?:mailer-daemon|mailer_daemon|postmaster|abuse|root|noreply|no-reply|bounce|bounces|mail-daemon|mailerdaemon|double-bounce)@/;
/** A list's command addresses (`-request`, RFC 2142's convention; fml's `-ctl`, `-admin`): instructions, not recipients. */
const LIST_ROLE = /^[^@]+-(?:request|owner|admin|ctl|bounces|help|subscribe|unsubscribe|join|leave)@/;

/** Text before an address that introduces it as a sender or a reference, not a recipient. */
const SENDER_CUE =
  /(?:\bfrom|mail from|sender|envelope-from|reply-to|return-path|errors-to|sent by|message-id|references|in-reply-to|x-(?:original-)?sender|x-envelope-from|mailto|https?:\/\/\S{0,200})\s*[:=]?\s*(?:"[^"\n]{0,80}"\s*)?[<("']?\s*$/;
/** Text before an address that names it as a recipient. */
const RECIPIENT_CUE =
  /(?:(?:failed|failure|undeliverable|rejected|unknown|not delivered|exceeds|full|quota|invalid|does not exist|no such \w{1,20})[^\n:<]{0,40}:|rcpt to|recipients?|addressee|\bto|\bfor|final-recipient|original-recipient|x-actual-recipient|failed|undeliverable|unknown user|\buser|mail ?box|address(?:es)?|delivered|deliver(?:ing)?(?: (?:your|the))? (?:mail|message)|smtp=|rejected|errors|not listed|member of this mailing list|recipient address|destinataire|empfanger|destinatario|ontvanger)\s*[:=;,]?\s*(?:rfc822;\s*)?(?:\([^()\n]{0,80}\)\s*)?[<("'[]?\s*$/;
/** Failure words right after an address. */
const FAILURE_AFTER =
  /^[>)\]"']?\s*(?:\.\.\.|:|,|;|-)?\s*(?:user unknown|unknown|does not exist|doesn't exist|not found|no such|mailbox|is (?:not|disabled|unavailable|inactive|full|over)|was not|could not|couldn't|wasn't|rejected|invalid|not listed|failed|undeliverable|quota|over quota|account)/;
/** Line decoration before an address that begins a line: quotes, bullets, ">>>", numbering. */
const DECORATION = /^[\s>*•·#-]{0,12}(?:\d{1,3}[.)]\s{0,4})?(?:rfc822;\s*)?["'<([]?$/;
/** Header-like lines ("To: a@b"): recipients only when nothing better names one. */
const HEADER_LIKE = /^\s{0,12}(?:to|cc|bcc)\s*:\s*(?:[^<\n]{0,80}<)?$/;
/** Sendmail writes the address the sender used after the one it expanded: "(expanded from: <a@b>)". */
const EXPANDED_FROM =
  /^[^\n]{0,120}\n?[ \t]{0,40}\(expanded from:?[ \t]{0,4}<?([^<>\s()@]{1,64}@[^<>\s()]{1,255}?)>?\)/;

function lineBounds(text: string, index: number): [number, number] {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return [start, end < 0 ? text.length : end];
}

function clean(candidate: string): string {
  return candidate.replace(/\.+$/, '').toLowerCase();
}

/** Failed recipients in order of appearance (each once). */
export function findFailedAddresses(notice: string, options: FindOptions): AddressHit[] {
  const strong: AddressHit[] = [];
  const headerLike: AddressHit[] = [];
  const seen = new Set<string>();
  let count = 0;
  for (const m of notice.matchAll(ADDRESS)) {
    if (++count > MAX_ADDRESSES) break;
    // X.400 routing in Exchange 5.5 reports: "…;dda:SMTP=a@b;" — the address follows "SMTP=".
    const routed = /^(?:smtp|rfc822)=/.exec(m[0]);
    const index = (m.index ?? 0) + (routed ? routed[0].length : 0);
    const text = routed ? m[0].slice(routed[0].length) : m[0];
    let address = clean(text);
    if (options.exclude.has(address) || NOT_RECIPIENT.test(address) || LIST_ROLE.test(address)) continue;
    const [lineStart, lineEnd] = lineBounds(notice, index);
    const before = notice.slice(Math.max(lineStart, index - 120), index);
    const after = notice.slice(index + text.length, Math.min(lineEnd, index + text.length + 80));
    if (SENDER_CUE.test(before)) continue;
    const placed =
      (index - lineStart <= 40 && DECORATION.test(notice.slice(lineStart, index))) ||
      RECIPIENT_CUE.test(before) ||
      FAILURE_AFTER.test(after);
    const bucket =
      placed && !HEADER_LIKE.test(before) ? strong : HEADER_LIKE.test(before) ? headerLike : null;
    if (!bucket) continue;
    const expanded = EXPANDED_FROM.exec(notice.slice(index + text.length, index + text.length + 400));
    if (expanded) address = clean(expanded[1]);
    if (seen.has(address)) continue;
    seen.add(address);
    bucket.push({ address, index });
  }
  const found = strong.length > 0 ? strong : headerLike;
  const outsideList = found.filter((hit) => !options.listAddresses.has(hit.address));
  if (outsideList.length > 0) return outsideList;
  if (found.length > 0) return found;
  return bareLocalPart(notice, options.reportingDomain);
}

/**
 * AOL (2000s) listed failed screen names without a domain under "Your mail to the following
 * recipients could not be delivered …:"; the reporting system's domain completes them.
 */
function bareLocalPart(notice: string, domain: string | null): AddressHit[] {
  if (!domain) return [];
  const m =
    /following (?:recipients?|addresses|address\(es\)|users?)[^\n]{0,200}:[ \t]*\n(?:[ \t]*\n){0,2}[ \t]{1,12}([a-z0-9][a-z0-9._-]{0,63})[ \t]*(?:\n|$)/.exec(
      notice,
    );
  return m ? [{ address: `${m[1]}@${domain}`, index: m.index + m[0].indexOf(m[1]) }] : [];
}
