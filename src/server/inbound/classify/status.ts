/**
 * Status codes and the hard/soft policy.
 *
 * Policy (documented in README.md of this folder):
 *  1. A delay (DSN `Action: delayed`, a "will retry"/"delayed" warning) is soft.
 *  2. Otherwise the RFC 3463 class decides: class 5 (permanent) is hard, class 4
 *     (persistent transient) is soft.
 *  3. Exception: `X.2.2` "mailbox full" is soft even in class 5. RFC 3463 itself says X.2.2
 *     serves "both permanent and persistent transient errors", a full mailbox usually
 *     empties, and three soft bounces within a week still unenroll (the decision layer).
 *     Without an enhanced code, the words "mailbox full"/"over quota" mean the same.
 *  4. Only an SMTP reply code: 5xx is hard, 4xx is soft.
 *  5. No code at all: "permanent"/"fatal" wording is hard, "temporary"/"delayed"/"retry"
 *     wording is soft, and a bare failure notice is hard.
 * A generic enhanced code (`5.0.0`, `4.0.0`) is replaced by a more specific one of the same
 * class found in the diagnostic text ("Status: 5.0.0" + "550 5.1.1 user unknown" → 5.1.1).
 */

/** An RFC 3463 enhanced status code (class 2/4/5, subject 0-7) not glued to other numbers (IP addresses, versions). */
export const ENHANCED_CODE = /(?<![\w.])([245])\.([0-7])\.(\d{1,3})(?![\w]|\.\d)/;
const ENHANCED_CODE_G = new RegExp(ENHANCED_CODE.source, 'g');
/** An SMTP reply code at the start of a reply line or after "said:"-like context. */
const REPLY_CODE = /(?<![\w.#-])([45][0-5]\d)(?=[ -]|$)/m;

export function enhancedCodes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ENHANCED_CODE_G)) out.push(`${m[1]}.${m[2]}.${m[3]}`);
  return out;
}

export function replyCode(text: string): string | null {
  const m = REPLY_CODE.exec(text);
  return m ? m[1] : null;
}

/** Normalises a DSN `Status:` value ("5.1.1 (user unknown)", "550 5.1.1") to `5.1.1`. */
export function normaliseStatus(value: string | undefined | null): string | null {
  if (!value) return null;
  const m = ENHANCED_CODE.exec(value);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

const isGeneric = (code: string): boolean => /^\d\.0\.0$/.test(code);

/**
 * The best status for a recipient: the given status unless it is generic and the
 * diagnostic has a more specific code of the same class; else the first code in the diagnostic.
 */
export function refineStatus(status: string | null, diagnostic: string | null): string | null {
  const fromText = diagnostic ? enhancedCodes(diagnostic) : [];
  if (status && !isGeneric(status)) return status;
  const specific = fromText.find((c) => !isGeneric(c) && (!status || c[0] === status[0]));
  return specific ?? status ?? fromText[0] ?? null;
}

const MAILBOX_FULL =
  /mailbox (?:is )?full|over ?quota|quota (?:exceeded|exceed)|exceeded (?:the |his |her |their )?(?:storage|quota)|insufficient (?:disk )?space|mailbox size limit|user is over (?:the )?quota|not enough (?:storage|space)/i;
const PERMANENT_WORDS =
  /\bpermanent(?:ly)?\b|\bfatal\b|\bdoes not exist\b|\bno such (?:user|mailbox|address|domain)\b|\buser unknown\b|\bunknown user\b/i;
const TRANSIENT_WORDS =
  /\btemporar(?:y|ily)\b|\bdelayed\b|\bwill (?:be )?retr(?:y|ied)\b|\bstill trying\b|\bnot yet been delivered\b|\btransient\b|\bdeferred\b/i;

export interface SeverityInput {
  status: string | null;
  action?: string | null; // DSN Action, lower-case
  diagnostic?: string | null;
  /** The report as a whole is a delay warning. */
  delayed?: boolean;
}

export function severityOf(input: SeverityInput): 'hard' | 'soft' {
  if (input.action === 'delayed' || input.delayed) return 'soft';
  const diag = input.diagnostic ?? '';
  if (input.status) {
    if (input.status[0] === '4') return 'soft';
    if (input.status[0] === '5') {
      if (/^5\.2\.2$/.test(input.status)) return 'soft';
      if (isGeneric(input.status) && MAILBOX_FULL.test(diag)) return 'soft';
      return 'hard';
    }
  }
  const reply = replyCode(diag);
  if (reply) {
    if (reply[0] === '4') return 'soft';
    return MAILBOX_FULL.test(diag) ? 'soft' : 'hard';
  }
  if (MAILBOX_FULL.test(diag)) return 'soft';
  if (PERMANENT_WORDS.test(diag)) return 'hard';
  if (TRANSIENT_WORDS.test(diag)) return 'soft';
  return 'hard';
}

/** Trims a diagnostic to one readable line of at most 300 characters. */
export function cleanDiagnostic(text: string | null | undefined): string | null {
  if (!text) return null;
  const one = text.replace(/\s+/g, ' ').trim();
  if (!one) return null;
  return one.length > 300 ? one.slice(0, 297) + '...' : one;
}
