import { ActorType, EventType, StepType, UnenrollReason } from '../../shared/enums';
import type { Queryable } from '../db/port';
import { dueAt } from '../engine/schedule';
import { appendEvent } from '../enrollments/queries';
import { unenrollMatching } from '../enrollments/unenroll-queries';
import type { MailTransport } from '../mail/transport';
import { composeStepEmail } from './compose-email';
import { advanceEnrollment, insertTask, lockStepFacts, recordSentMessage } from './step-queries';

export const StepOutcome = {
  executed: 'executed',
  completed: 'completed',
  notActive: 'not_active',
} as const;
export type StepOutcome = (typeof StepOutcome)[keyof typeof StepOutcome];

const SYSTEM = { type: ActorType.system, id: null };

/**
 * Runs the enrollment's next step inside the caller's transaction `tx`: locks the
 * enrollment, re-checks that it is still active (E6: an unenroll or pause that
 * committed first wins), records and sends the email or creates the task, then
 * schedules the following step or, after the last, unenrolls as `completed` (A11).
 */
export async function executeNextStep(
  tx: Queryable,
  transport: MailTransport,
  enrollmentId: string,
  now: Date,
): Promise<StepOutcome> {
  const facts = await lockStepFacts(tx, enrollmentId);
  if (!facts || facts.status !== 'active') return StepOutcome.notActive;

  const index = facts.current_step;
  const step = facts.steps[index];
  let threadMessageId: string | null = null;
  let threadSubject: string | null = null;

  if (step?.type === StepType.email) {
    const email = composeStepEmail(facts, step);
    const sentMessageId = await recordSentMessage(tx, {
      accountId: facts.account_id,
      enrollmentId: facts.id,
      sequenceId: facts.sequence_id,
      contactId: facts.contact_id,
      stepIndex: index,
      messageId: email.messageId,
      from: facts.sender_email,
      to: facts.email,
      subject: email.subject,
      sentAt: now,
    });
    if (sentMessageId) {
      await transport.send(
        tx,
        {
          accountId: facts.account_id,
          sentMessageId,
          messageId: email.messageId,
          from: { name: facts.sender_name, address: facts.sender_email },
          to: facts.email,
          subject: email.subject,
          text: email.text,
          headers: email.headers,
        },
        now,
      );
      await appendEvent(tx, {
        accountId: facts.account_id,
        enrollmentId: facts.id,
        type: EventType.emailSent,
        at: now,
        by: SYSTEM,
        detail: email.subject,
        data: { step: index + 1, messageId: email.messageId },
      });
      if (!facts.thread_message_id) {
        threadMessageId = email.messageId;
        threadSubject = email.subject;
      }
    }
  } else if (step?.type === StepType.task) {
    const taskId = await insertTask(tx, {
      accountId: facts.account_id,
      enrollmentId: facts.id,
      sequenceId: facts.sequence_id,
      contactId: facts.contact_id,
      ownerId: facts.sender_id,
      stepIndex: index,
      title: step.title,
      dueAt: now,
    });
    if (taskId) {
      await appendEvent(tx, {
        accountId: facts.account_id,
        enrollmentId: facts.id,
        type: EventType.taskCreated,
        at: now,
        by: SYSTEM,
        detail: step.title,
        data: { step: index + 1, taskId },
      });
    }
  }

  const executed = Math.min(index + 1, facts.steps.length);
  const next = facts.steps[executed];
  // A task holds the sequence until it is completed; an email lets the next step follow by its delay.
  const waitsForTask = step?.type === StepType.task;
  if (!next && !waitsForTask) {
    await advanceEnrollment(tx, {
      enrollmentId: facts.id,
      currentStep: executed,
      nextStepAt: null,
      threadMessageId,
      threadSubject,
      now,
    });
    await unenrollMatching(
      tx,
      facts.account_id,
      { kind: 'ids', ids: [facts.id] },
      {
        reason: UnenrollReason.completed,
        at: now,
        by: SYSTEM,
        detail: 'Finished the last step',
      },
    );
    return StepOutcome.completed;
  }
  await advanceEnrollment(tx, {
    enrollmentId: facts.id,
    currentStep: executed,
    nextStepAt: waitsForTask || !next ? null : dueAt(next, now),
    threadMessageId,
    threadSubject,
    now,
  });
  return StepOutcome.executed;
}
