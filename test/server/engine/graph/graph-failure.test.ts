import {
  classifyGraphSendFailure,
  classifySyncFailure,
} from '../../../../src/server/engine/graph/graph-failure';
import { retryAfterMs } from '../../../../src/server/engine/graph/retry-after';

describe('a failed sendMail, sorted like an SMTP reply (A8, G2)', () => {
  test.each([
    [{ status: 429, code: 'ApplicationThrottled', message: 'x', retryAfterMs: 30_000 }, 'deferred', 30_000],
    [{ status: 503, code: 'ServiceUnavailable', message: 'x', retryAfterMs: 5_000 }, 'deferred', 5_000],
    [{ status: null, message: 'socket hang up' }, 'deferred', undefined],
    [{ status: 504, code: 'UnknownError', message: 'x' }, 'deferred', undefined],
    [{ status: 401, code: 'InvalidAuthenticationToken', message: 'x' }, 'deferred', undefined],
    [{ status: 403, code: 'ErrorAccessDenied', message: 'x' }, 'deferred', undefined],
  ])('%o is retried (%s), honouring Retry-After', (facts, status, wait) => {
    const result = classifyGraphSendFailure(facts);
    expect(result.status).toBe(status);
    expect(result).toMatchObject({ kind: 'unavailable' });
    expect((result as { retryAfterMs?: number }).retryAfterMs).toBe(wait);
  });

  test('an invalid recipient is a hard bounce of the address', () => {
    expect(
      classifyGraphSendFailure({ status: 400, code: 'ErrorInvalidRecipients', message: 'x' }),
    ).toMatchObject({
      status: 'rejected',
      scope: 'recipient',
    });
  });

  test.each([
    [404, 'MailboxNotEnabledForRESTAPI'],
    [404, 'ErrorInvalidUser'],
    [400, 'ErrorMimeContentInvalidBase64String'],
    [413, 'ErrorMessageSizeExceeded'],
  ])('%s %s refuses the message for good, not the address', (status, code) => {
    const result = classifyGraphSendFailure({ status, code, message: 'm' });
    expect(result).toMatchObject({ status: 'rejected', scope: 'message' });
    expect(result.response).toContain(code);
  });
});

describe('a failure while reading a mailbox', () => {
  test('throttling postpones, 410 restarts the round, the rest is a failing mailbox', () => {
    expect(classifySyncFailure({ status: 429, message: 'x', retryAfterMs: 1000 })).toEqual({
      kind: 'throttled',
      retryAfterMs: 1000,
    });
    expect(classifySyncFailure({ status: 503, message: 'x' })).toEqual({
      kind: 'throttled',
      retryAfterMs: undefined,
    });
    expect(classifySyncFailure({ status: 410, code: 'SyncStateNotFound', message: 'x' })).toEqual({
      kind: 'resync',
    });
    expect(classifySyncFailure({ status: 403, code: 'ErrorAccessDenied', message: 'denied' })).toEqual({
      kind: 'failed',
      message: 'Graph 403 ErrorAccessDenied: denied',
    });
  });
});

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  const now = new Date('2026-01-05T09:00:00Z');
  test('seconds, an HTTP-date, or nothing usable', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 05 Jan 2026 09:01:30 GMT', now)).toBe(90_000);
    expect(retryAfterMs('Mon, 05 Jan 2026 08:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
