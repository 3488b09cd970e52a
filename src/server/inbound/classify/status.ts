/**
 * Status codes and the hard/soft policy (the table in README.md of this folder, each row
 * tested in severity.test.ts):
 *  1. The meaning decides first (`reason.ts`): a user or domain that does not exist, a
 *     mailbox disabled or moved is hard, whatever the code — servers answer "user unknown"
 *     with 4.x.x, or with no code at all. A full mailbox, a message too large, a delivery
 *     time expired and rate limiting are soft, even with 5.x.x: each clears by itself, and
 *     repeated soft bounces still unenroll (the decision layer).
 *  2. A delay (DSN `Action: delayed`, a "will retry" warning) is soft.
 *  3. Then the RFC 3463 class: 5 hard, 4 soft; without one, the SMTP reply code: 5xx hard
 *     (but a bare 552, "exceeded storage allocation" in RFC 5321 §4.2.2, soft), 4xx soft.
 *  4. No code: a network failure (the server never answered) soft, "permanent"/"fatal"
 *     words hard, "temporary"/"retry" words soft, and a bare failure notice hard.
 * A generic enhanced code (`5.0.0`, `4.0.0`) is replaced by a more specific one of the same
 * class found in the diagnostic text ("Status: 5.0.0" + "550 5.1.1 user unknown" → 5.1.1).
 */
import { reasonFromStatus, reasonFromText } from './reason';
import { fold } from './text';
import type { BounceReason } from './types';

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

const PERMANENT_WORDS = /\bpermanent(?:ly)?\b|\bfatal\b|\bgiven up\b|\bwill not (?:try|retry|be retried)/i;
const TRANSIENT_WORDS =
  /\btemporar(?:y|ily)\b|\bdelayed\b|\bwill (?:be )?retr(?:y|ied)\b|\bstill trying\b|\bnot yet been delivered\b|\btransient\b|\bdeferred\b|\btry again later\b/i;

const HARD_REASONS = new Set<BounceReason>([
  'user_unknown',
  'domain_unknown',
  'mailbox_disabled',
  'mailbox_moved',
]);
const SOFT_REASONS = new Set<BounceReason>(['mailbox_full', 'message_too_large', 'expired', 'rate_limited']);
const SPECIFIC = new Set<BounceReason>([...HARD_REASONS, ...SOFT_REASONS]);

export interface FailureInput {
  /** The recipient's RFC 3463 status, already refined (`refineStatus`). */
  status: string | null;
  /** DSN `Action`, lower-case. */
  action?: string | null;
  /** The remote server's words for this recipient (Diagnostic-Code, the reply line). */
  diagnostic?: string | null;
  /** More of the notice, read for a meaning when the diagnostic and the code give none. */
  context?: string | null;
  /** The report as a whole is a delay warning. */
  delayed?: boolean;
}

/** What the failure means: specific words, then the status code, then generic words, then the notice. */
export function reasonOf(input: FailureInput): BounceReason {
  const said = reasonFromText(fold(input.diagnostic ?? ''));
  if (said && SPECIFIC.has(said)) return said;
  const coded = reasonFromStatus(input.status);
  if (coded) return coded;
  if (said) return said;
  const around = reasonFromText(fold(input.context ?? ''));
  return around ?? 'other';
}

/** The policy above: hard or soft, and why. */
export function gradeFailure(input: FailureInput): { reason: BounceReason; severity: 'hard' | 'soft' } {
  const reason = reasonOf(input);
  return { reason, severity: severityOf(reason, input) };
}

export function severityOf(reason: BounceReason, input: FailureInput): 'hard' | 'soft' {
  if (HARD_REASONS.has(reason)) return 'hard';
  if (SOFT_REASONS.has(reason)) return 'soft';
  if (input.action === 'delayed' || input.delayed) return 'soft';
  if (input.status) return input.status[0] === '4' ? 'soft' : 'hard';
  // A connection that timed out or was refused, with no code: the server never answered.
  if (reason === 'network') return 'soft';
  const words = `${input.diagnostic ?? ''}\n${input.context ?? ''}`;
  const reply = replyCode(input.diagnostic ?? '') ?? replyCode(input.context ?? '');
  if (reply) return reply[0] === '4' || reply === '552' ? 'soft' : 'hard';
  if (PERMANENT_WORDS.test(words)) return 'hard';
  if (TRANSIENT_WORDS.test(words)) return 'soft';
  return 'hard';
}

/** Trims a diagnostic to one readable line of at most 300 characters. */
export function cleanDiagnostic(text: string | null | undefined): string | null {
  if (!text) return null;
  const one = text.replace(/\s+/g, ' ').trim();
  if (!one) return null;
  return one.length > 300 ? one.slice(0, 297) + '...' : one;
}
