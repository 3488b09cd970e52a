import { isInSendWindow, nextSendTime } from '../../../src/server/engine/send-window';

const WORKDAYS = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
const NIGHTS = { days: [1, 2, 3, 4, 5], start: '22:00', end: '06:00' };
const SUNDAY_EARLY = { days: [7], start: '02:30', end: '05:00' };

describe('send window', () => {
  test.each([
    // instant (UTC), window, zone, expected (UTC), why
    ['2026-01-05T10:00:00Z', WORKDAYS, 'UTC', '2026-01-05T10:00:00.000Z', 'inside: now'],
    ['2026-01-05T09:00:00Z', WORKDAYS, 'UTC', '2026-01-05T09:00:00.000Z', 'the opening minute is inside'],
    ['2026-01-05T17:00:00Z', WORKDAYS, 'UTC', '2026-01-06T09:00:00.000Z', 'the closing minute is outside'],
    ['2026-01-05T07:00:00Z', WORKDAYS, 'UTC', '2026-01-05T09:00:00.000Z', 'early: later today'],
    ['2026-01-09T18:00:00Z', WORKDAYS, 'UTC', '2026-01-12T09:00:00.000Z', 'Friday evening: Monday'],
    ['2026-01-10T12:00:00Z', WORKDAYS, 'UTC', '2026-01-12T09:00:00.000Z', 'Saturday: Monday'],
    // the sender's zone, not UTC: 15:00 UTC is 10:00 in New York
    ['2026-01-05T15:00:00Z', WORKDAYS, 'America/New_York', '2026-01-05T15:00:00.000Z', 'NY 10:00: inside'],
    [
      '2026-01-05T12:00:00Z',
      WORKDAYS,
      'America/New_York',
      '2026-01-05T14:00:00.000Z',
      'NY 07:00: opens 09:00 EST',
    ],
    ['2026-01-05T23:00:00Z', WORKDAYS, 'America/New_York', '2026-01-06T14:00:00.000Z', 'NY 18:00: tomorrow'],
    [
      '2026-01-05T23:00:00Z',
      WORKDAYS,
      'Asia/Tokyo',
      '2026-01-06T00:00:00.000Z',
      'Tokyo Tue 08:00: opens 09:00',
    ],
    // DST: the Monday after the change opens at 09:00 local, an hour earlier in UTC
    [
      '2026-03-07T15:00:00Z',
      WORKDAYS,
      'America/New_York',
      '2026-03-09T13:00:00.000Z',
      'weekend before DST start',
    ],
    [
      '2026-10-31T15:00:00Z',
      WORKDAYS,
      'America/New_York',
      '2026-11-02T14:00:00.000Z',
      'weekend before DST end',
    ],
    [
      '2026-03-28T12:00:00Z',
      WORKDAYS,
      'Europe/Berlin',
      '2026-03-30T07:00:00.000Z',
      'Berlin weekend before DST',
    ],
    // a window opening inside the spring-forward gap opens right after it
    [
      '2026-03-08T06:00:00Z',
      SUNDAY_EARLY,
      'America/New_York',
      '2026-03-08T07:30:00.000Z',
      'opening in the gap',
    ],
    // overnight windows run past midnight into the next day
    ['2026-01-06T03:00:00Z', NIGHTS, 'UTC', '2026-01-06T03:00:00.000Z', 'Tue 03:00 is in Monday night'],
    ['2026-01-06T12:00:00Z', NIGHTS, 'UTC', '2026-01-06T22:00:00.000Z', 'Tue noon: Tuesday night'],
    ['2026-01-10T03:00:00Z', NIGHTS, 'UTC', '2026-01-10T03:00:00.000Z', 'Sat 03:00 is still Friday night'],
    ['2026-01-10T07:00:00Z', NIGHTS, 'UTC', '2026-01-12T22:00:00.000Z', 'Sat morning: Monday night'],
  ])('%s → %s', (instant, window, zone, expected) => {
    expect(nextSendTime(new Date(instant), window, zone).toISOString()).toBe(expected);
  });

  test('no window: any time', () => {
    const now = new Date('2026-01-10T03:00:00Z');
    expect(nextSendTime(now, null, 'UTC')).toBe(now);
    expect(isInSendWindow(now, undefined, 'UTC')).toBe(true);
  });

  test('an end of 24:00 keeps the whole evening', () => {
    const window = { days: [1], start: '18:00', end: '24:00' };
    expect(isInSendWindow(new Date('2026-01-05T23:59:00Z'), window, 'UTC')).toBe(true);
    expect(isInSendWindow(new Date('2026-01-06T00:00:00Z'), window, 'UTC')).toBe(false);
  });
});
