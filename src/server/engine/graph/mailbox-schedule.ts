/** When connected mailboxes are read, and when their change-notification subscriptions are renewed. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A failing mailbox is tried again after the poll interval, doubling, up to an hour. */
export const MAX_MAILBOX_BACKOFF_MS = HOUR;

export function nextSyncAfterSuccess(now: Date, pollMs: number): Date {
  return new Date(now.getTime() + pollMs);
}

/** After the `failures`-th consecutive failure (1-based). */
export function nextSyncAfterFailure(now: Date, failures: number, pollMs: number): Date {
  const exponent = Math.max(0, Math.min(failures - 1, 20));
  return new Date(now.getTime() + Math.min(pollMs * 2 ** exponent, Math.max(pollMs, MAX_MAILBOX_BACKOFF_MS)));
}

/** Throttled: as long as Graph asked, at least a second, else one poll interval. */
export function nextSyncAfterThrottling(now: Date, retryAfterMs: number | undefined, pollMs: number): Date {
  return new Date(now.getTime() + (retryAfterMs === undefined ? pollMs : Math.max(1000, retryAfterMs)));
}

/**
 * Subscriptions to Outlook messages live at most 10,080 minutes (learn.microsoft.com/graph/api/
 * resources/subscription, "Maximum length of subscription per resource type"); we ask for two
 * days and renew once less than one is left, so a renewal that fails has a day to succeed.
 */
export const SUBSCRIPTION_LIFETIME_MS = 48 * HOUR;
export const SUBSCRIPTION_RENEW_BEFORE_MS = 24 * HOUR;

export function subscriptionExpiry(now: Date): Date {
  return new Date(now.getTime() + SUBSCRIPTION_LIFETIME_MS);
}

export function subscriptionNeedsRenewal(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && expiresAt.getTime() - now.getTime() < SUBSCRIPTION_RENEW_BEFORE_MS;
}

/**
 * Where a folder's delta round starts when it has no state token: the mailbox's first round
 * reads from `syncFrom`; a round restarted after Graph lost the sync state (410) reads again
 * the day before the last good sync, which the inbound pipeline's idempotence makes harmless.
 */
export function deltaStart(syncFrom: Date, lastSyncedAt: Date | null): Date {
  if (!lastSyncedAt) return syncFrom;
  return new Date(Math.max(syncFrom.getTime(), lastSyncedAt.getTime() - 24 * HOUR));
}
