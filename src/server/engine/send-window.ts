import type { SendWindow } from '../../shared/schemas';
import { addDays, fromLocal, isoWeekday, toLocal, type LocalDate } from './zoned-time';

const MINUTES_PER_DAY = 24 * 60;

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

function at(date: LocalDate, minutes: number, timeZone: string): Date {
  const day = addDays(date, Math.floor(minutes / MINUTES_PER_DAY));
  const rest = minutes % MINUTES_PER_DAY;
  return fromLocal({ ...day, hour: Math.floor(rest / 60), minute: rest % 60 }, timeZone);
}

/**
 * The window that opens on `date` (a listed weekday): [start, end) in the
 * sender's zone. An end at or before the start runs past midnight into the next
 * day (22:00–06:00); equal times mean a whole day from the start.
 */
function windowOn(date: LocalDate, window: SendWindow, timeZone: string): { opens: Date; closes: Date } {
  const start = minutesOf(window.start);
  let end = minutesOf(window.end);
  if (end <= start) end += MINUTES_PER_DAY;
  return { opens: at(date, start, timeZone), closes: at(date, end, timeZone) };
}

/**
 * The first moment at or after `instant` that lies inside the sequence's send
 * window, evaluated in the sender's time zone; `instant` itself when there is no
 * window or it is open. DST is handled by the zone rules: a window opening at a
 * wall time the spring-forward gap skips opens just after the gap.
 */
export function nextSendTime(instant: Date, window: SendWindow | null | undefined, timeZone: string): Date {
  if (!window || window.days.length === 0) return instant;
  const today = toLocal(instant, timeZone);
  // Yesterday's window may still be open (past midnight); a week and a day covers every weekday.
  for (let offset = -1; offset <= 8; offset += 1) {
    const date = addDays(today, offset);
    if (!window.days.includes(isoWeekday(date))) continue;
    const { opens, closes } = windowOn(date, window, timeZone);
    if (closes.getTime() <= instant.getTime()) continue;
    return opens.getTime() > instant.getTime() ? opens : instant;
  }
  return instant;
}

export function isInSendWindow(
  instant: Date,
  window: SendWindow | null | undefined,
  timeZone: string,
): boolean {
  return nextSendTime(instant, window, timeZone).getTime() === instant.getTime();
}
