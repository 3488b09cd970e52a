/**
 * Wall-clock time in an IANA time zone, with nothing but `Intl` (Node ships the
 * full ICU data). Pure: an instant in, the zone's calendar fields out, and back.
 */

/** A calendar date. `month` is 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock reading in some zone. */
export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone, or UTC when the stored value is not one `Intl` knows (a send must not fail on it). */
export function resolveTimeZone(zone: string | null | undefined): string {
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

/** The wall clock in `timeZone` at `instant` (milliseconds carried over). */
export function toLocal(instant: Date, timeZone: string): Required<LocalDateTime> {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** Local minus UTC at `instant`, in milliseconds (e.g. +3,600,000 for CET). */
export function zoneOffset(instant: number, timeZone: string): number {
  const local = toLocal(new Date(instant), timeZone);
  return wallAsUtc(local) - instant;
}

function wallAsUtc(local: LocalDateTime): number {
  return Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second ?? 0,
    local.millisecond ?? 0,
  );
}

function sameWall(instant: number, local: LocalDateTime, timeZone: string): boolean {
  return wallAsUtc(toLocal(new Date(instant), timeZone)) === wallAsUtc(local);
}

/**
 * The instant at which the wall clock in `timeZone` reads `local`. Around DST:
 * a time skipped by the spring-forward gap moves forward by the gap (02:30 →
 * 03:30), and a time the fall-back hour shows twice is its first occurrence —
 * what a person setting an alarm would expect.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const wall = wallAsUtc(local);
  // Zone transitions are months apart, so the offsets half a day either side are
  // the two that can apply to this wall time.
  const before = wall - zoneOffset(wall - 12 * HOUR, timeZone);
  const after = wall - zoneOffset(wall + 12 * HOUR, timeZone);
  const candidates = [before, after].filter((instant) => sameWall(instant, local, timeZone));
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In the gap: read the wall time with the offset in force before the jump.
  return new Date(before);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}
