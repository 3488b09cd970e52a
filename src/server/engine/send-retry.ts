/**
 * How a step whose email could not be handed over is retried (SPEC A8: soft
 * bounces retry with backoff and unenroll after repeated failure).
 */

const MINUTE = 60_000;

/** Backoff doubles from one minute and stays at an hour: 1, 2, 4, 8, 16, 32, 60, 60 … minutes. */
export const FIRST_RETRY_MS = MINUTE;
export const MAX_RETRY_MS = 60 * MINUTE;

/**
 * Soft bounces (4xx replies about the recipient or the message) tolerated before
 * the contact is unenrolled as `bounced`: eight attempts span about two hours,
 * past the usual greylisting delays (5–30 minutes).
 */
export const MAX_SOFT_BOUNCES = 8;

/** The wait before attempt `attempt + 1`, after `attempt` (1-based) failed. */
export function retryDelayMs(attempt: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 20));
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, MAX_RETRY_MS);
}

/**
 * Whether to stop retrying. Only the recipient's side (soft bounces) gives up: a
 * relay that is down or refuses our credentials is the operator's problem, and
 * unenrolling every contact because of it would be wrong, so those retry at the
 * capped interval until the relay is back.
 */
export function givesUp(attempt: number, kind: 'soft_bounce' | 'unavailable'): boolean {
  return kind === 'soft_bounce' && attempt >= MAX_SOFT_BOUNCES;
}
