import { addDays, fromLocal, isoWeekday, toLocal, type LocalDate } from './zoned-time';

/** Monday to Friday. Public holidays are not known to the engine. */
export function isBusinessDay(date: LocalDate): boolean {
  return isoWeekday(date) <= 5;
}

/**
 * `days` working days after `from`, at the same wall-clock time in `timeZone`
 * (so a 09:00 send stays at 09:00 across a DST change). Saturdays and Sundays
 * are not counted: Friday + 1 is Monday, and so is Saturday + 1.
 */
export function addBusinessDays(from: Date, days: number, timeZone: string): Date {
  if (days <= 0) return from;
  const local = toLocal(from, timeZone);
  let date: LocalDate = local;
  for (let counted = 0; counted < days;) {
    date = addDays(date, 1);
    if (isBusinessDay(date)) counted += 1;
  }
  return fromLocal({ ...local, ...date }, timeZone);
}
