import { graphUserOf } from '../../../../src/server/engine/graph/graph-user';
import {
  deltaStart,
  nextSyncAfterFailure,
  nextSyncAfterThrottling,
  subscriptionExpiry,
  subscriptionNeedsRenewal,
} from '../../../../src/server/engine/graph/mailbox-schedule';
import { decideManualEmail } from '../../../../src/server/engine/graph/manual-email-rule';

const now = new Date('2026-01-05T09:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const after = (date: Date) => date.getTime() - now.getTime();

describe('when mailboxes are read', () => {
  test('a failing mailbox backs off from the poll interval, doubling, up to an hour', () => {
    expect([1, 2, 3, 4].map((failures) => after(nextSyncAfterFailure(now, failures, MINUTE)))).toEqual([
      MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      8 * MINUTE,
    ]);
    expect(after(nextSyncAfterFailure(now, 30, MINUTE))).toBe(HOUR);
  });

  test('throttling waits what Graph asked (at least a second), else a poll', () => {
    expect(after(nextSyncAfterThrottling(now, 120_000, MINUTE))).toBe(120_000);
    expect(after(nextSyncAfterThrottling(now, 0, MINUTE))).toBe(1000);
    expect(after(nextSyncAfterThrottling(now, undefined, MINUTE))).toBe(MINUTE);
  });

  test('subscriptions live two days and are renewed with less than one left', () => {
    expect(after(subscriptionExpiry(now))).toBe(48 * HOUR);
    expect(subscriptionNeedsRenewal(new Date(now.getTime() + 25 * HOUR), now)).toBe(false);
    expect(subscriptionNeedsRenewal(new Date(now.getTime() + 23 * HOUR), now)).toBe(true);
    expect(subscriptionNeedsRenewal(null, now)).toBe(false);
  });

  test('a round without a token starts at the first day, or a day before the last good sync', () => {
    const syncFrom = new Date('2026-01-01T00:00:00Z');
    expect(deltaStart(syncFrom, null)).toEqual(syncFrom);
    expect(deltaStart(syncFrom, new Date('2026-01-05T00:00:00Z'))).toEqual(new Date('2026-01-04T00:00:00Z'));
    expect(deltaStart(syncFrom, new Date('2026-01-01T06:00:00Z'))).toEqual(syncFrom);
  });

  test('Graph knows a user by the Entra object id, else by the sign-in name', () => {
    expect(graphUserOf({ oid: 'A1B2C3D4-0000-4000-8000-000000000001', email: 'Rep@contoso.com' })).toBe(
      'a1b2c3d4-0000-4000-8000-000000000001',
    );
    expect(graphUserOf({ oid: '9f86d081884c7d659a2feaa0c55ad015', email: 'Rep@contoso.com' })).toBe(
      'rep@contoso.com',
    );
  });
});

describe('mail a rep writes by hand', () => {
  const enrollments = [
    { id: 'e1', contactEmail: 'ann@fabrikam.example', unenrollOnManualEmail: false },
    { id: 'e2', contactEmail: 'bo@fabrikam.example', unenrollOnManualEmail: true },
  ];
  test('is recorded on each enrollment it concerns, and unenrolls only where the sequence says so', () => {
    const decisions = decideManualEmail({
      sequenceEmail: false,
      subject: 'Lunch?',
      recipients: [],
      enrollments,
    });
    expect(decisions).toEqual([
      { type: 'record', enrollmentId: 'e1', detail: 'Emailed by hand: "Lunch?"' },
      { type: 'record', enrollmentId: 'e2', detail: 'Emailed by hand: "Lunch?"' },
      { type: 'unenroll', enrollmentId: 'e2', reason: 'manual_email', detail: 'Emailed by hand: "Lunch?"' },
    ]);
  });
  test('the engine’s own sequence email in Sent Items is not manual email', () => {
    expect(decideManualEmail({ sequenceEmail: true, subject: 'Hello', recipients: [], enrollments })).toEqual(
      [],
    );
  });
});
