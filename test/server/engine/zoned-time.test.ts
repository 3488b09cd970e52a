import { fromLocal, isoWeekday, resolveTimeZone, toLocal } from '../../../src/server/engine/zoned-time';

describe('zoned time', () => {
  test.each([
    // zone, local wall time, instant — ordinary days, then the DST edges
    ['UTC', '2026-01-05 09:00', '2026-01-05T09:00:00.000Z'],
    ['America/New_York', '2026-01-05 09:00', '2026-01-05T14:00:00.000Z'],
    ['America/New_York', '2026-07-01 09:00', '2026-07-01T13:00:00.000Z'],
    ['Europe/Berlin', '2026-01-05 09:00', '2026-01-05T08:00:00.000Z'],
    ['Asia/Kolkata', '2026-01-05 09:00', '2026-01-05T03:30:00.000Z'],
    // spring forward: 02:30 does not exist; it moves forward by the gap
    ['America/New_York', '2026-03-08 02:30', '2026-03-08T07:30:00.000Z'],
    ['Europe/Berlin', '2026-03-29 02:30', '2026-03-29T01:30:00.000Z'],
    // fall back: 01:30 happens twice; the first one
    ['America/New_York', '2026-11-01 01:30', '2026-11-01T05:30:00.000Z'],
    ['Europe/Berlin', '2026-10-25 02:30', '2026-10-25T00:30:00.000Z'],
    // southern hemisphere: Sydney leaves DST in April
    ['Australia/Sydney', '2026-04-05 02:30', '2026-04-04T15:30:00.000Z'],
  ])('%s %s is %s', (zone, wall, instant) => {
    const [date, time] = wall.split(' ');
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    expect(fromLocal({ year, month, day, hour, minute }, zone).toISOString()).toBe(instant);
  });

  test('toLocal reads the wall clock after a DST change', () => {
    expect(toLocal(new Date('2026-03-08T07:30:00Z'), 'America/New_York')).toMatchObject({
      hour: 3,
      minute: 30,
    });
    expect(toLocal(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toMatchObject({
      hour: 1,
      minute: 30,
    });
  });

  test('weekdays are ISO: Monday 1 … Sunday 7', () => {
    expect(isoWeekday({ year: 2026, month: 1, day: 5 })).toBe(1);
    expect(isoWeekday({ year: 2026, month: 1, day: 11 })).toBe(7);
  });

  test('an unknown stored zone falls back to UTC instead of failing a send', () => {
    expect(resolveTimeZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(resolveTimeZone(null)).toBe('UTC');
    expect(resolveTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
  });
});
