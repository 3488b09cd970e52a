/**
 * Bounces that are not (only) RFC 3464 reports: the prose of Postfix, Exim, qmail, Sendmail,
 * Exchange/Office 365, Gmail, Yahoo, Domino, Courier, … Works on `fold`ed text.
 */
import { ADDRESS } from './text';
import { ENHANCED_CODE, cleanDiagnostic, enhancedCodes, refineStatus, replyCode, severityOf } from './status';
import type { BounceRecipient } from './types';

/** Subjects of delivery-failure notices (English and the languages MTAs localise into). */
export const BOUNCE_SUBJECT = new RegExp(
  [
    String.raw`undeliver(?:able|ed)`,
    String.raw`delivery status notification \((?:failure|delay)`,
    String.raw`mail delivery (?:failed|failure|problem)`,
    String.raw`failure (?:notice|delivery)`,
    String.raw`delivery (?:failure|failed|problem)`,
    String.raw`returned mail`,
    String.raw`returning message to sender`,
    String.raw`mail failure`,
    String.raw`(?:mail )?delivery warning`,
    String.raw`delivery (?:notification|report)\s*(?::|\()\s*(?:delivery has )?fail`,
    String.raw`message (?:not delivered|delivery failure)`,
    String.raw`could not send message`,
    String.raw`delivery status notification`,
    String.raw`notice: mail delivery status`,
    String.raw`delivery status notification: (?:warning|failure)`,
    String.raw`delivery status notification: warning`,
    String.raw`^delivery status$`,
    String.raw`delayed mail`,
    String.raw`warning: message .* delayed`,
    String.raw`non remis`,
    String.raw`non recapitabile`,
    String.raw`unzustellbar`,
    String.raw`nicht zustellbar`,
    String.raw`onbestelbaar`,
    String.raw`no se puede entregar`,
    String.raw`no entregad[oa]`,
    String.raw`nao (?:foi )?(?:possivel )?entregue`,
    String.raw`impossible de remettre`,
    String.raw`olevererbar`,
    String.raw`kan ikke leveres`,
    String.raw`недоставлен`,
    String.raw`не доставлен`,
    String.raw`postmaster notify`,
  ].join('|'),
);

/**
 * Boilerplate that mail systems write in failure notices. Any one of them in a message from a
 * mail system, or two of them anywhere, marks a bounce.
 */
export const BOUNCE_BODY = new RegExp(
  [
    String.raw`this is the mail system at host`,
    String.raw`message could not be delivered to one or more recipients`,
    String.raw`your message could not be delivered`,
    String.raw`could not be delivered to one or more of its\s+recipients`,
    String.raw`this is the qmail-send program`,
    String.raw`this message was created automatically by mail delivery software`,
    String.raw`delivery to the following recipients? failed permanently`,
    String.raw`delivery to the following recipients? has been delayed`,
    String.raw`the following addresses had (?:permanent fatal|transient non-fatal) errors`,
    String.raw`-{3,} transcript of session follows`,
    String.raw`the original message was received at`,
    String.raw`your message did not reach some or all of the intended recipients`,
    String.raw`delivery has failed to these recipients or groups`,
    String.raw`the following recipient\(?s\)? (?:cannot|could not) be reached`,
    String.raw`unable to deliver (?:your )?message to the following address`,
    String.raw`sorry, we were unable to deliver your message`,
    String.raw`this is a permanent error`,
    String.raw`your message (?:wasn't|was not|couldn't be|could not be) delivered`,
    String.raw`message not delivered`,
    String.raw`remote (?:host|server) (?:said|returned)`,
    String.raw`smtp error from remote mail server`,
    String.raw`retry (?:timeout|time) (?:exceeded|not reached)`,
    String.raw`i'm afraid i wasn't able to deliver`,
    String.raw`undeliverable (?:message|mail)`,
    String.raw`delivery (?:has )?failed`,
    String.raw`permanent (?:delivery )?failure`,
    String.raw`could not be delivered`,
    String.raw`failed to deliver`,
    String.raw`mail delivery failed`,
    String.raw`user unknown`,
    String.raw`not listed in (?:domino directory|public name & address book)`,
    String.raw`no such (?:user|mailbox|recipient)`,
    String.raw`(?:mailbox|address) (?:unavailable|not found|does not exist)`,
    String.raw`recipient (?:address )?rejected`,
    String.raw`host or domain name not found`,
    String.raw`final-recipient:`,
    String.raw`diagnostic-code:`,
    String.raw`has not yet been delivered`,
    String.raw`will (?:continue to )?(?:retry|be retried|try)`,
    String.raw`message delivery has been delayed`,
  ].join('|'),
  'g',
);

/** Where the returned copy of the original message starts inside the notice text. */
const RETURNED_MESSAGE = new RegExp(
  [
    String.raw`^-{2,}\s*(?:this is a copy of|below this line is a copy|original message|the (?:header|body) of the original message|the following is a copy|returned message|undelivered message|forwarded message|message text follows|original message follows|start of returned message)`,
    String.raw`^-{2,}\s*(?:original message|a copy of the original)`,
    String.raw`^original message headers?:`,
    String.raw`^-*[ \t]*original message[ \t]*:?[ \t]*-*[ \t]*$`,
    String.raw`(?:original message|returned message) (?:follows?|below|is attached)`,
    String.raw`^> ?(?:received|return-path|from|to|subject|date|message-id|x-[\w-]+):`,
    String.raw`^(?:return-path|received|message-id|dkim-signature):`,
  ].join('|'),
  'm',
);

export function noticeText(foldedText: string): string {
  const m = RETURNED_MESSAGE.exec(foldedText);
  return m ? foldedText.slice(0, m.index) : foldedText;
}

/** Count of distinct boilerplate phrases. */
export function bounceBodyHits(folded: string): number {
  const seen = new Set<string>();
  for (const m of folded.matchAll(BOUNCE_BODY)) seen.add(m[0]);
  return seen.size;
}

export function isDelayWarning(foldedSubject: string, foldedNotice: string): boolean {
  return (
    /\bdelay(?:ed)?\b|\bwarning\b|not yet (?:been )?delivered|still trying/.test(foldedSubject) ||
    /delivery to the following recipients? has been delayed|has not yet been delivered|message delivery has been delayed|will (?:continue to )?(?:retry|try)|delivery (?:attempts|attempt) will continue|this is only a warning|not a permanent error|no action is required on your part/.test(
      foldedNotice,
    )
  );
}

/** Patterns whose group 1 is a failed recipient (or group 2, "expanded from"). */
const RECIPIENT_PATTERNS: RegExp[] = [
  // Postfix, qmail, Yahoo, Courier: "<addr>: …" or "<addr> (expanded from <orig>): …"
  /^[ \t]*<([^<>\s@]{1,64}@[^<>\s@]{1,255})>(?:[ \t]*\(expanded from <([^<>\s@]{1,64}@[^<>\s@]{1,255})>\))?[ \t]*:/gm,
  // Gmail, Exim, Sendmail lists: header line followed by indented addresses
  /(?:failed permanently|has been delayed|following address(?:\(es\))? failed|had (?:permanent fatal|transient non-fatal) errors -*|to the following (?:address(?:\(es\))?|recipients?)|could not be delivered to|recipients or groups|cannot be reached|could not be reached|did not reach the following recipient\(?s?\)?|did not receive a copy of your message)[ \t]*:?[ \t]*\n(?:[ \t]*\n)*[ \t>]*<?([^<>\s()@]{1,64}@[^<>\s()@]{1,255}?)>?(?=[\s(:;,.]|$)/gm,
  // "Delivery failed 20 attempts: addr", "unknown user: addr"
  /(?:failed|failure|undeliverable|rejected|unknown|not delivered|exceeds|full|quota|invalid|does not exist|no such \w+)[^\n:]{0,40}:[ \t]*<?([^<>\s()@]{1,64}@[^<>\s()@]{1,255}?)>?[ \t]*$/gm,
  // OpenSMTPD and others: "addr: 550 5.1.1 …"
  /^[ \t]*<?([^<>\s()@]{1,64}@[^<>\s():@]{1,255}?)>?:[ \t]+[245]\d\d\b/gm,
  // X.400 addresses in Exchange 5.5 reports: "…;dda:SMTP=addr;"
  /dda:smtp=([^;\s@]{1,64}@[^;\s@]{1,255}?);/g,
  // "Your message wasn't delivered to addr because …" / "Your message to addr couldn't be delivered"
  /message (?:wasn't|was not|could not be|couldn't be) delivered to <?([^<>\s@]{1,64}@[^<>\s@]{1,255}?)>?[\s.,]/g,
  /your message to <?([^<>\s@]{1,64}@[^<>\s@]{1,255}?)>? (?:couldn't|could not|wasn't|was not|has not)/g,
  // SMTP transcripts: "RCPT TO:<addr>" / "550 5.1.1 <addr>... User unknown"
  /rcpt to:\s*<([^<>\s@]{1,64}@[^<>\s@]{1,255})>/g,
  /<([^<>\s@]{1,64}@[^<>\s@]{1,255})>\.\.\. /g,
  // Domino: "User Name (addr) not listed"
  /\(([^()\s@]{1,64}@[^()\s@]{1,255})\) not listed/g,
  // Exchange "addr\nRemote Server returned …" / "addr on 1/2/2003 …"
  /^[ \t]*([^<>\s()@]{1,64}@[^<>\s()@]{1,255})[ \t]*(?:\([^)]*\))?[ \t]*\n[ \t]*(?:#?remote server returned|#\d\.\d\.\d|#< ?#\d|#5|#4)/gm,
  /^[ \t]*([^<>\s()@]{1,64}@[^<>\s()@]{1,255}) on (?:[a-z]{3},? )?\d/gm,
  // An address standing alone on a line of the notice (possibly quoted or bracketed)
  /^[ \t>]*["'<]?([^<>\s()"'@]{1,64}@[^<>\s()"'@]{1,255}?)["'>]?[ \t]*:?[ \t]*$/gm,
  // "Recipient address: addr" / "Original-Recipient: rfc822;addr" in prose
  /(?:recipient(?: address)?|final-recipient|original-recipient|failed recipient|addressee)\s*:\s*(?:rfc822;\s*)?<?([^<>\s@]{1,64}@[^<>\s@]{1,255}?)>?(?=[\s;,]|$)/g,
];

/** Sendmail writes the address the sender used on the next line: "(expanded from: addr)". */
const EXPANDED_FROM =
  /^[^\n]{0,40}\n?[ \t]*\(expanded from:?[ \t]*<?([^<>\s()@]{1,64}@[^<>\s()@]{1,255}?)>?\)/;

const NOT_RECIPIENT =
  /^(?:mailer-daemon|postmaster|abuse|root|noreply|no-reply|bounce|bounces|mail-daemon|mailerdaemon)@/;

function cleanAddress(a: string): string | null {
  const m = a.match(ADDRESS);
  if (!m) return null;
  const addr = m[0].replace(/\.+$/, '').toLowerCase();
  return NOT_RECIPIENT.test(addr) ? null : addr;
}

/**
 * Failed recipients from a notice's prose, each with the status code, reply code and
 * diagnostic line found between it and the next recipient. `exclude` holds addresses that are
 * not recipients (the notice's own From/To).
 */
export function textRecipients(
  notice: string,
  options: { exclude: Set<string>; delayed: boolean },
): BounceRecipient[] {
  const hits: { address: string; index: number }[] = [];
  const seen = new Set<string>();
  for (const re of RECIPIENT_PATTERNS) {
    re.lastIndex = 0;
    for (const m of notice.matchAll(re)) {
      const expanded = EXPANDED_FROM.exec(
        notice.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 120),
      );
      const candidate = cleanAddress(m[2] ?? expanded?.[1] ?? m[1] ?? '');
      if (!candidate || options.exclude.has(candidate) || seen.has(candidate)) continue;
      seen.add(candidate);
      hits.push({ address: candidate, index: m.index ?? 0 });
    }
  }
  hits.sort((a, b) => a.index - b.index);
  const globalCode = firstSpecificCode(notice);
  const recipients: BounceRecipient[] = hits.map((hit, i) => {
    const end = Math.min(hits[i + 1]?.index ?? notice.length, hit.index + 1200);
    const window = notice.slice(hit.index, end);
    return buildRecipient(hit.address, window, globalCode, options.delayed);
  });
  if (recipients.length === 0) recipients.push(buildRecipient(null, notice, globalCode, options.delayed));
  return recipients;
}

function firstSpecificCode(text: string): string | null {
  const codes = enhancedCodes(text);
  return codes.find((c) => !/^\d\.0\.0$/.test(c)) ?? codes[0] ?? null;
}

function diagnosticLine(window: string): string | null {
  const lines = window.split('\n');
  const withCode = lines.find((l) => ENHANCED_CODE.test(l) || /(?:^|\s)[45][0-5]\d[ -]/.test(l));
  if (withCode) return withCode;
  const withWords = lines.find((l) =>
    /unknown|does not exist|no such|not found|full|quota|rejected|refused|denied|disabled|invalid|unavailable|not listed|timed? ?out|expired/.test(
      l,
    ),
  );
  return withWords ?? null;
}

function buildRecipient(
  address: string | null,
  window: string,
  globalCode: string | null,
  delayed: boolean,
): BounceRecipient {
  const diagnostic = diagnosticLine(window);
  const local = firstSpecificCode(window);
  const status = refineStatus(local ?? globalCode, diagnostic);
  const reply = diagnostic ? replyCode(diagnostic) : null;
  const severity = severityOf({
    status,
    diagnostic: [diagnostic ?? '', reply ? '' : window.slice(0, 600)].join('\n'),
    delayed,
  });
  return { address, status, severity, diagnostic: cleanDiagnostic(diagnostic) };
}
