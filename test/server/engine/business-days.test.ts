import { addBusinessDays } from '../../../src/server/engine/business-days';

describe('business days', () => {
  test.each([
    // from (UTC), days, zone, expected (UTC)
    ['2026-01-05T09:00:00Z', 1, 'UTC', '2026-01-06T09:00:00.000Z', 'Monday + 1 = Tuesday'],
    ['2026-01-09T09:00:00Z', 1, 'UTC', '2026-01-12T09:00:00.000Z', 'Friday + 1 = Monday'],
    ['2026-01-10T09:00:00Z', 1, 'UTC', '2026-01-12T09:00:00.000Z', 'Saturday + 1 = Monday'],
    ['2026-01-11T09:00:00Z', 1, 'UTC', '2026-01-12T09:00:00.000Z', 'Sunday + 1 = Monday'],
    ['2026-01-09T09:00:00Z', 5, 'UTC', '2026-01-16T09:00:00.000Z', 'Friday + 5 = next Friday'],
    ['2026-01-05T09:00:00Z', 10, 'UTC', '2026-01-19T09:00:00.000Z', 'two working weeks'],
    ['2026-01-05T09:00:00Z', 0, 'UTC', '2026-01-05T09:00:00.000Z', 'zero days is no delay'],
    // Friday 23:30 in New York is already Saturday in UTC: the zone decides which day it is
    [
      '2026-01-10T04:30:00Z',
      1,
      'America/New_York',
      '2026-01-13T04:30:00.000Z',
      'Fri 23:30 NY + 1 = Mon 23:30 NY',
    ],
    ['2026-01-10T04:30:00Z', 1, 'UTC', '2026-01-12T04:30:00.000Z', 'the same instant is Saturday in UTC'],
    // across spring forward: 09:00 EST Friday → 09:00 EDT Monday (one hour less in between)
    [
      '2026-03-06T14:00:00Z',
      1,
      'America/New_York',
      '2026-03-09T13:00:00.000Z',
      'keeps 09:00 across DST start',
    ],
    // across fall back: 09:00 EDT Friday → 09:00 EST Monday
    ['2026-10-30T13:00:00Z', 1, 'America/New_York', '2026-11-02T14:00:00.000Z', 'keeps 09:00 across DST end'],
    ['2026-03-27T08:00:00Z', 1, 'Europe/Berlin', '2026-03-30T07:00:00.000Z', 'Berlin 09:00 across DST start'],
  ])('%s + %i in %s → %s (%s)', (from, days, zone, expected) => {
    expect(addBusinessDays(new Date(from), days, zone).toISOString()).toBe(expected);
  });
});
