import type { DeliveryResult } from '../step-plan';

/**
 * A failed call to Microsoft Graph, as facts: the HTTP status (null when no answer came:
 * refused, reset, timed out), Graph's error `code` (`{ "error": { "code", "message" } }`,
 * learn.microsoft.com/graph/errors) and the wait `Retry-After` asked for.
 */
export interface GraphFailureFacts {
  status: number | null;
  code?: string;
  message: string;
  retryAfterMs?: number;
  /** `token`: the identity platform refused or failed us, for the whole tenant, not one mailbox. */
  source?: 'token' | 'graph';
}

type Failure = Exclude<DeliveryResult, { status: 'sent' }>;

function describe(facts: GraphFailureFacts): string {
  const status = facts.status === null ? 'no answer' : String(facts.status);
  return `Graph ${status}${facts.code ? ` ${facts.code}` : ''}: ${facts.message}`.slice(0, 1000);
}

/**
 * Sorts a failed `sendMail` the way `classifySmtpError` sorts an SMTP reply (SPEC A8, G2):
 * - No answer, 5xx, 429: not sent now, nobody's fault but the service's or ours — retry;
 *   429 and 503 are Graph's throttling answers and say when (`Retry-After`), which the step
 *   waits for instead of failing. After no answer or a 5xx the message may have been
 *   accepted: the retry looks for its Message-ID in Sent Items before sending again.
 * - 401, 403: our token or the app's reach (consent, RBAC for Applications, an application
 *   access policy) — the operator's problem, retried like a relay refusing our credentials.
 * - 400 `ErrorInvalidRecipients`: the recipient address is refused — a hard bounce of it.
 * - 404 and the mailbox codes: the rep's mailbox cannot send (missing, unlicensed) — the
 *   message is refused for good, as SMTP's 5xx to DATA.
 * - Any other 4xx (bad MIME, 413 too large): this message is refused for good.
 */
export function classifyGraphSendFailure(facts: GraphFailureFacts): Failure {
  const response = describe(facts);
  const { status } = facts;
  const retryAfterMs = facts.retryAfterMs;
  if (status === null || status >= 500 || status === 429 || status === 408) {
    return { status: 'deferred', kind: 'unavailable', response, ...(retryAfterMs ? { retryAfterMs } : {}) };
  }
  if (status === 401 || status === 403) return { status: 'deferred', kind: 'unavailable', response };
  if (facts.code === 'ErrorInvalidRecipients') return { status: 'rejected', scope: 'recipient', response };
  // 404 MailboxNotEnabledForRESTAPI, ErrorNonExistentMailbox …, 400 ErrorMimeContentInvalid, 413 …
  return { status: 'rejected', scope: 'message', response };
}

/** What a failure while reading a mailbox means for that mailbox. */
export type SyncFailure =
  /** Throttled (429, 503): come back after `retryAfterMs`; not the mailbox's fault. */
  | { kind: 'throttled'; retryAfterMs?: number }
  /** 410 Gone: the delta token is no longer valid; start the folder's round again. */
  | { kind: 'resync' }
  /** Anything else: the mailbox is failing (shown to admins) and retried with backoff. */
  | { kind: 'failed'; message: string };

export function classifySyncFailure(facts: GraphFailureFacts): SyncFailure {
  if (facts.status === 429 || facts.status === 503)
    return { kind: 'throttled', retryAfterMs: facts.retryAfterMs };
  // Graph answers an expired or unknown sync state with 410 Gone (learn.microsoft.com/graph/delta-query-overview).
  if (facts.status === 410) return { kind: 'resync' };
  return { kind: 'failed', message: describe(facts) };
}
