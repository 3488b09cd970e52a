import type { StepFacts } from '../engine/step-plan';
import type { ScheduleContext } from '../engine/schedule';
import { resolveTimeZone } from '../engine/zoned-time';
import type { ClaimedEnrollment } from '../lifecycle';
import type { StepContext } from './queries';

/** A claimed enrollment with what running its next step needs. */
export type DueStep = ClaimedEnrollment & Omit<StepContext, 'enrollment_id'>;

export function scheduleOf(due: Pick<DueStep, 'sender_time_zone' | 'settings'>): ScheduleContext {
  return { timeZone: resolveTimeZone(due.sender_time_zone), sendWindow: due.settings?.sendWindow };
}

/** The planner's view of a due step (engine/step-plan.ts). */
export function stepFacts(due: DueStep): StepFacts {
  return {
    status: due.status,
    currentStep: due.current_step,
    steps: due.steps,
    sendAttempts: due.send_attempts,
    optedOut: due.opted_out_at !== null,
    bounced: due.bounced_at !== null,
    schedule: scheduleOf(due),
  };
}

/** Claimed rows joined with their contexts; a row whose context vanished (cannot happen: FKs) is dropped. */
export function dueSteps(claimed: ClaimedEnrollment[], contexts: Map<string, StepContext>): DueStep[] {
  return claimed.flatMap((row) => {
    const context = contexts.get(row.id);
    if (!context) return [];
    const { enrollment_id: _id, ...rest } = context;
    return [{ ...row, ...rest }];
  });
}
