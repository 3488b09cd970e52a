import type { Step } from '../../shared/schemas';

const MINUTE = 60_000;

/** When a step becomes due, counted from the moment the previous one ran. */
export function dueAt(step: Step, previousRanAt: Date): Date {
  return new Date(previousRanAt.getTime() + step.delayMinutes * MINUTE);
}
