import { StepType } from '../../shared/enums';
import type { SendWindow, Step } from '../../shared/schemas';
import { addBusinessDays } from './business-days';
import { nextSendTime } from './send-window';

const MINUTE = 60_000;

/** Where a step's timing is evaluated: the sender's zone and the sequence's send window. */
export interface ScheduleContext {
  timeZone: string;
  sendWindow?: SendWindow | null;
}

const UTC: ScheduleContext = { timeZone: 'UTC' };

/**
 * When a step becomes due, counted from the moment the previous one ran (or a
 * task was completed): its business days (same local time, weekends skipped),
 * then its minutes; an email then waits for the send window to open.
 */
export function dueAt(step: Step, previousRanAt: Date, context: ScheduleContext = UTC): Date {
  const afterDays = addBusinessDays(previousRanAt, step.delayBusinessDays ?? 0, context.timeZone);
  const due = new Date(afterDays.getTime() + step.delayMinutes * MINUTE);
  return step.type === StepType.email ? nextSendTime(due, context.sendWindow, context.timeZone) : due;
}

/**
 * When a step that is due may run: now, or for an email outside the send window
 * (it was resumed, or the window changed after it was scheduled) the window's
 * next opening. Tasks are not held back: a rep works them in their own day.
 */
export function runnableAt(step: Step, now: Date, context: ScheduleContext): Date {
  return step.type === StepType.email ? nextSendTime(now, context.sendWindow, context.timeZone) : now;
}
