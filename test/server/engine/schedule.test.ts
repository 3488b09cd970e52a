import { dueAt, runnableAt } from '../../../src/server/engine/schedule';
import { retryDelayMs, givesUp, MAX_SOFT_BOUNCES } from '../../../src/server/engine/send-retry';

const email = (delayMinutes: number, delayBusinessDays?: number) =>
  ({ type: 'email', delayMinutes, delayBusinessDays, subject: 's', body: 'b' }) as const;
const task = (delayMinutes: number, delayBusinessDays?: number) =>
  ({ type: 'task', delayMinutes, delayBusinessDays, title: 't' }) as const;
const WORKDAYS = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

describe('when a step is due', () => {
  test.each([
    ['minutes only', email(90), '2026-01-05T09:00:00Z', undefined, '2026-01-05T10:30:00.000Z'],
    [
      'business days, then minutes',
      email(30, 1),
      '2026-01-09T09:00:00Z',
      undefined,
      '2026-01-12T09:30:00.000Z',
    ],
    [
      'an email waits for the window',
      email(60 * 10),
      '2026-01-05T09:00:00Z',
      WORKDAYS,
      '2026-01-06T09:00:00.000Z',
    ],
    [
      'a task does not wait for the window',
      task(60 * 10),
      '2026-01-05T09:00:00Z',
      WORKDAYS,
      '2026-01-05T19:00:00.000Z',
    ],
    ['a task counts business days', task(0, 2), '2026-01-09T09:00:00Z', WORKDAYS, '2026-01-13T09:00:00.000Z'],
  ])('%s', (_why, step, from, sendWindow, expected) => {
    expect(dueAt(step, new Date(from), { timeZone: 'UTC', sendWindow }).toISOString()).toBe(expected);
  });

  test('business days and the window follow the sender’s zone', () => {
    // Friday 16:00 in Los Angeles + 1 business day = Monday 16:00 LA, inside 09–17 LA.
    const due = dueAt(email(0, 1), new Date('2026-01-10T00:00:00Z'), {
      timeZone: 'America/Los_Angeles',
      sendWindow: WORKDAYS,
    });
    expect(due.toISOString()).toBe('2026-01-13T00:00:00.000Z');
  });

  test('a due email outside the window runs when it opens; a task runs now', () => {
    const saturday = new Date('2026-01-10T12:00:00Z');
    const context = { timeZone: 'UTC', sendWindow: WORKDAYS };
    expect(runnableAt(email(0), saturday, context).toISOString()).toBe('2026-01-12T09:00:00.000Z');
    expect(runnableAt(task(0), saturday, context)).toBe(saturday);
  });
});

describe('send retries', () => {
  test.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [6, 32],
    [7, 60],
    [30, 60],
  ])('after attempt %i the wait is %i minutes', (attempt, minutes) => {
    expect(retryDelayMs(attempt)).toBe(minutes * 60_000);
  });

  test('soft bounces give up after the limit; an unavailable relay never does', () => {
    expect(givesUp(MAX_SOFT_BOUNCES - 1, 'soft_bounce')).toBe(false);
    expect(givesUp(MAX_SOFT_BOUNCES, 'soft_bounce')).toBe(true);
    expect(givesUp(1000, 'unavailable')).toBe(false);
  });
});
