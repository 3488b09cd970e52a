import { ActorType, EnrollmentStatus, EventType, UnenrollReason } from '../../shared/enums';
import type { Task } from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import type { Deps } from '../deps';
import { dueAt } from '../engine/schedule';
import { resolveTimeZone } from '../engine/zoned-time';
import { notFound } from '../http/errors';
import { appendEvents, changeEnrollments, scheduleNextStep, unenroll } from '../lifecycle';
import { findTask, lockTaskEnrollment, markTaskCompleted, toTask } from './queries';

/**
 * Completes a task and lets its sequence continue: the next step becomes due by
 * its delay counted from now, or — when the task was the last step — the
 * enrollment ends as `completed` (A11). Idempotent: a completed task answers
 * unchanged. A task of an enrollment that ended can still be ticked off, but
 * nothing else happens. While the enrollment is paused the next step is
 * scheduled so that resuming serves its full delay.
 */
export async function completeTask(deps: Deps, principal: Principal, taskId: string): Promise<Task> {
  const now = deps.clock.now();
  const task = await findTask(deps.db, principal.accountId, taskId);
  if (!task) throw notFound('The task');
  await changeEnrollments(deps, async (tx) => {
    // The enrollment first, as the worker and unenrolls lock it: one lock order, no deadlock.
    const enrollment = await lockTaskEnrollment(tx, task.enrollment_id);
    if (!(await markTaskCompleted(tx, task.id, principal.userId, now)) || !enrollment) return;
    await appendEvents(
      tx,
      [
        {
          accountId: task.account_id,
          enrollmentId: task.enrollment_id,
          type: EventType.taskCompleted,
          by: { type: ActorType.user, id: principal.userId },
          detail: task.title,
          data: { step: task.step_index + 1, taskId: task.id },
        },
      ],
      now,
    );
    const holdsSequence =
      enrollment.status !== EnrollmentStatus.unenrolled &&
      enrollment.current_step === task.step_index + 1 &&
      enrollment.next_step_at === null;
    if (!holdsSequence) return;
    const next = enrollment.steps[task.step_index + 1];
    if (!next) {
      await unenroll(
        tx,
        task.account_id,
        { kind: 'ids', ids: [task.enrollment_id] },
        {
          reason: UnenrollReason.completed,
          at: now,
          by: { type: ActorType.system, id: null },
          detail: 'Finished the last step',
        },
      );
      return;
    }
    const due = dueAt(next, now, {
      timeZone: resolveTimeZone(enrollment.sender_time_zone),
      sendWindow: enrollment.settings?.sendWindow,
    });
    // Paused: resuming serves `next_step_at - paused_at`, which must be the step's whole delay.
    const base = enrollment.status === EnrollmentStatus.paused ? enrollment.paused_at : null;
    const nextStepAt = base ? new Date(base.getTime() + (due.getTime() - now.getTime())) : due;
    await scheduleNextStep(tx, task.enrollment_id, nextStepAt, now);
  });
  const updated = await findTask(deps.db, principal.accountId, taskId);
  if (!updated) throw notFound('The task');
  return toTask(updated);
}
