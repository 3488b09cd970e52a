import { StepType, UnenrollReason, type EnrollmentStatus } from '../../shared/enums';
import type { Step } from '../../shared/schemas';
import { dueAt, runnableAt, type ScheduleContext } from './schedule';
import { givesUp, retryDelayMs } from './send-retry';

/** What the planner needs to know about a claimed step (read from the database by the executor). */
export interface StepFacts {
  status: EnrollmentStatus;
  /** Steps executed so far: the step to run is `steps[currentStep]`. */
  currentStep: number;
  steps: Step[];
  /** Failed attempts at this step's email so far. */
  sendAttempts: number;
  optedOut: boolean;
  bounced: boolean;
  schedule: ScheduleContext;
}

type EmailStep = Extract<Step, { type: 'email' }>;
type TaskStep = Extract<Step, { type: 'task' }>;
type Ending =
  typeof UnenrollReason.completed | typeof UnenrollReason.unsubscribed | typeof UnenrollReason.bounced;

/** What one claimed step does now. */
export type StepPlan =
  /** E6: paused or unenrolled since it was due; nothing runs. */
  | { kind: 'not_active' }
  | { kind: 'send_email'; stepIndex: number; step: EmailStep }
  | { kind: 'create_task'; stepIndex: number; step: TaskStep; then: Advance }
  /** An email outside its send window: due again when the window opens. */
  | { kind: 'wait_for_window'; until: Date }
  /** The sequence is over for this enrollment (A11), or the contact cannot be mailed (A7, A8). */
  | { kind: 'end'; reason: Ending; detail: string };

/** Moving past a step that ran. */
export interface Advance {
  /** Steps executed, counting this one. */
  currentStep: number;
  /** The next step's due time; null when there is none, or a task holds the sequence until completed. */
  nextStepAt: Date | null;
  /** That was the last step: the enrollment ends as `completed` (A11). */
  completes: boolean;
}

/** The step at `index` ran at `now`: when the next one is due, or whether the sequence is done. */
export function advancePast(facts: Pick<StepFacts, 'steps' | 'schedule'>, index: number, now: Date): Advance {
  const next = facts.steps[index + 1];
  // A task step holds the sequence until the task is completed (tasks/service.ts schedules the next step then).
  const waitsForTask = facts.steps[index]?.type === StepType.task;
  return {
    currentStep: index + 1,
    nextStepAt: next && !waitsForTask ? dueAt(next, now, facts.schedule) : null,
    completes: !next && !waitsForTask,
  };
}

/** Decides what a claimed step does at `now`, from the facts alone. */
export function planStep(facts: StepFacts, now: Date): StepPlan {
  if (facts.status !== 'active') return { kind: 'not_active' };
  const index = facts.currentStep;
  const step = facts.steps[index];
  // The sequence was shortened below this enrollment's position: nothing is left to run.
  if (!step)
    return { kind: 'end', reason: UnenrollReason.completed, detail: 'No steps left in the sequence' };
  if (step.type === StepType.task)
    return { kind: 'create_task', stepIndex: index, step, then: advancePast(facts, index, now) };
  if (facts.optedOut)
    return { kind: 'end', reason: UnenrollReason.unsubscribed, detail: 'The contact had opted out' };
  if (facts.bounced)
    return { kind: 'end', reason: UnenrollReason.bounced, detail: 'The address had bounced' };
  const opens = runnableAt(step, now, facts.schedule);
  if (opens.getTime() > now.getTime()) return { kind: 'wait_for_window', until: opens };
  return { kind: 'send_email', stepIndex: index, step };
}

/** What became of one email handed to a transport. */
export type DeliveryResult =
  | { status: 'sent'; response?: string }
  /**
   * Not delivered now; try again later. `soft_bounce`: the peer refused this recipient or
   * message for now (4xx). `unavailable`: the relay could not be reached or would not take
   * mail from us (connection, TLS, credentials, sender, throttling).
   */
  | {
      status: 'deferred';
      kind: 'soft_bounce' | 'unavailable';
      response: string;
      /** The peer said when to come back (HTTP `Retry-After`); else the backoff decides. */
      retryAfterMs?: number;
    }
  /**
   * Refused for good (5xx). `recipient`: the address itself (the contact's address
   * hard-bounced); `message`: this message (policy, content).
   */
  | { status: 'rejected'; scope: 'recipient' | 'message'; response: string };

/** What to record after an email's delivery result. */
export type DeliveryPlan =
  | { kind: 'advance'; advance: Advance }
  | { kind: 'retry'; attempt: number; retryAt: Date }
  /** A8: unenroll as bounced; `markAddress` when the address itself was refused. */
  | { kind: 'bounce'; markAddress: boolean; detail: string; attempts?: number };

/** Decides what an email's delivery result means for its enrollment (A8: retry soft, stop on hard). */
export function planAfterDelivery(
  facts: Pick<StepFacts, 'steps' | 'schedule' | 'sendAttempts'>,
  stepIndex: number,
  result: DeliveryResult,
  now: Date,
): DeliveryPlan {
  if (result.status === 'sent') return { kind: 'advance', advance: advancePast(facts, stepIndex, now) };
  if (result.status === 'rejected') {
    return {
      kind: 'bounce',
      markAddress: result.scope === 'recipient',
      detail: `Rejected: ${result.response}`,
    };
  }
  const attempt = facts.sendAttempts + 1;
  if (givesUp(attempt, result.kind)) {
    return {
      kind: 'bounce',
      markAddress: false,
      detail: `Soft-bounced ${attempt} times; last reply: ${result.response}`,
      attempts: attempt,
    };
  }
  const wait = Math.max(result.retryAfterMs ?? 0, retryDelayMs(attempt));
  return { kind: 'retry', attempt, retryAt: new Date(now.getTime() + wait) };
}
