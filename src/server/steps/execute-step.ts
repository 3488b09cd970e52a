import { ActorType, EngagementType, EventType, StepType, UnenrollReason } from '../../shared/enums';
import type { Step } from '../../shared/schemas';
import type { Queryable } from '../db/port';
import { dueAt, runnableAt, type ScheduleContext } from '../engine/schedule';
import { givesUp, retryDelayMs } from '../engine/send-retry';
import { resolveTimeZone } from '../engine/zoned-time';
import { unenrollMatching } from '../enrollments/unenroll-queries';
import { deliverAll, type DeliveryResult, type MailTransport } from '../mail/transport';
import { renderTemplate } from '../engine/render-template';
import { composeStepEmail, templateFields, type ComposedEmail, type ComposeSettings } from './compose-email';
import {
  finishSteps,
  insertTasks,
  lockStepFacts,
  markContactBounced,
  markSentMessageBounced,
  recordEngagement,
  recordSentMessages,
  type Advance,
  type EventInput,
  type Postponement,
  type StepFacts,
} from './step-queries';

export const StepOutcome = {
  /** The step ran: its email was handed over or its task created. */
  executed: 'executed',
  /** The last step ran (or none was left): unenrolled as `completed` (A11). */
  completed: 'completed',
  /** An email outside the send window: due again when the window opens. */
  postponed: 'postponed',
  /** The email could not be handed over now: due again after a backoff. */
  retrying: 'retrying',
  /** Refused for good, or soft-bounced too often: unenrolled as `bounced` (A8). */
  bounced: 'bounced',
  /** The contact opted out or bounced meanwhile: unenrolled, nothing sent. */
  stopped: 'stopped',
  /** Not active when locked (E6: an unenroll or pause that committed first wins). */
  notActive: 'not_active',
} as const;
export type StepOutcome = (typeof StepOutcome)[keyof typeof StepOutcome];

export interface StepReport {
  enrollmentId: string;
  outcome: StepOutcome;
  /** The relay's reply, for a retry or a bounce. */
  response?: string;
}

/** What executing a step needs besides the database: `Deps` satisfies it. */
export interface StepRuntime {
  transport: MailTransport;
  config: ComposeSettings;
}

const SYSTEM = { type: ActorType.system, id: null };

interface Ending {
  facts: StepFacts;
  reason: UnenrollReason;
  detail: string;
}

interface PlannedEmail {
  facts: StepFacts;
  index: number;
  email: ComposedEmail;
}

function scheduleOf(facts: StepFacts): ScheduleContext {
  return { timeZone: resolveTimeZone(facts.sender_time_zone), sendWindow: facts.settings?.sendWindow };
}

/**
 * Runs the enrollment's next step inside the caller's transaction `tx`: locks
 * the enrollment and re-checks that it is still active (E6), then as
 * `executeSteps`. Used by enrolling (E1: the first step runs at once).
 */
export async function executeNextStep(
  tx: Queryable,
  runtime: StepRuntime,
  enrollmentId: string,
  now: Date,
): Promise<StepOutcome> {
  const facts = await lockStepFacts(tx, enrollmentId);
  if (!facts) return StepOutcome.notActive;
  const [report] = await executeSteps(tx, runtime, [facts], now);
  return report.outcome;
}

/**
 * Runs the next step of each enrollment in `batch`, whose rows the caller has
 * locked in `tx` (a claim, or `lockStepFacts`). Set-based: one statement per
 * kind of write for the whole batch, whatever its size.
 *
 * An email is recorded in `sent_messages` under its unique (enrollment, step)
 * before the transport sees it, so a step recorded already is never sent again;
 * the transport's answer decides the rest: sent (advance), deferred (forget the
 * record, retry after a backoff, the enrollment stays on its step), rejected
 * (unenroll as `bounced`). After the last step the enrollment is unenrolled as
 * `completed` (A11). A task step creates the task and holds the sequence until
 * it is completed (tasks/service.ts).
 */
export async function executeSteps(
  tx: Queryable,
  runtime: StepRuntime,
  batch: StepFacts[],
  now: Date,
): Promise<StepReport[]> {
  const reports = new Map<string, StepReport>();
  const report = (facts: StepFacts, outcome: StepOutcome, response?: string) =>
    reports.set(facts.id, { enrollmentId: facts.id, outcome, response });
  const events: EventInput[] = [];
  const advances: Advance[] = [];
  const postponements: Postponement[] = [];
  const endings: Ending[] = [];
  const emails: PlannedEmail[] = [];
  const tasks: Array<{ facts: StepFacts; index: number; title: string }> = [];

  /** Records that the step at `index` ran, and schedules the next or completes. */
  const advance = (facts: StepFacts, index: number, step: Step, thread?: ComposedEmail) => {
    const executed = index + 1;
    const next = facts.steps[executed];
    const waitsForTask = step.type === StepType.task;
    advances.push({
      enrollmentId: facts.id,
      currentStep: executed,
      nextStepAt: next && !waitsForTask ? dueAt(next, now, scheduleOf(facts)) : null,
      threadMessageId: thread && !facts.thread_message_id ? thread.messageId : null,
      threadSubject: thread && !facts.thread_message_id ? thread.subject : null,
    });
    if (!next && !waitsForTask) {
      endings.push({ facts, reason: UnenrollReason.completed, detail: 'Finished the last step' });
      report(facts, StepOutcome.completed);
    } else {
      report(facts, StepOutcome.executed);
    }
  };

  for (const facts of batch) {
    if (facts.status !== 'active') {
      report(facts, StepOutcome.notActive);
      continue;
    }
    const index = facts.current_step;
    const step = facts.steps[index];
    if (!step) {
      // The sequence was shortened below this enrollment's position: nothing is left to run.
      endings.push({ facts, reason: UnenrollReason.completed, detail: 'No steps left in the sequence' });
      report(facts, StepOutcome.completed);
    } else if (step.type === StepType.task) {
      tasks.push({ facts, index, title: renderTemplate(step.title, templateFields(facts)) });
    } else if (facts.opted_out_at) {
      endings.push({ facts, reason: UnenrollReason.unsubscribed, detail: 'The contact had opted out' });
      report(facts, StepOutcome.stopped);
    } else if (facts.bounced_at) {
      endings.push({ facts, reason: UnenrollReason.bounced, detail: 'The address had bounced' });
      report(facts, StepOutcome.stopped);
    } else {
      const opens = runnableAt(step, now, scheduleOf(facts));
      if (opens.getTime() > now.getTime()) {
        postponements.push({
          enrollmentId: facts.id,
          nextStepAt: opens,
          sendAttempts: facts.send_attempts,
          lastSendError: null,
        });
        report(facts, StepOutcome.postponed);
      } else {
        emails.push({ facts, index, email: composeStepEmail(facts, step, runtime.config) });
      }
    }
  }

  /** A bounce stays on record: the message with the relay's reply, and the sequence's bounce count. */
  const recordBounce = async (
    facts: StepFacts,
    sentMessageId: string,
    email: ComposedEmail,
    response: string,
  ) => {
    await markSentMessageBounced(tx, sentMessageId, response);
    await recordEngagement(
      tx,
      { ...engagementIds(facts), type: EngagementType.bounce, sourceRef: email.messageId },
      now,
    );
  };

  const deferred = await runEmails(tx, runtime, emails, now, {
    onUnrecorded: ({ facts, index }) => advance(facts, index, facts.steps[index]),
    onResult: async ({ facts, index, email }, sentMessageId, result) => {
      const step = facts.steps[index];
      const data = { step: index + 1, messageId: email.messageId };
      if (result.status === 'sent') {
        events.push({ ...ids(facts), type: EventType.emailSent, by: SYSTEM, detail: email.subject, data });
        advance(facts, index, step, email);
      } else if (result.status === 'deferred') {
        const attempt = facts.send_attempts + 1;
        if (givesUp(attempt, result.kind)) {
          await recordBounce(facts, sentMessageId, email, result.response);
          events.push(rejectedEvent(facts, data, result.response, { attempts: attempt }));
          endings.push({
            facts,
            reason: UnenrollReason.bounced,
            detail: `Soft-bounced ${attempt} times; last reply: ${result.response}`,
          });
          report(facts, StepOutcome.bounced, result.response);
          return 'keep';
        } else {
          const retryAt = new Date(now.getTime() + retryDelayMs(attempt));
          events.push({
            ...ids(facts),
            type: EventType.emailDeferred,
            by: SYSTEM,
            detail: result.response,
            data: { ...data, attempt, kind: result.kind, retryAt: retryAt.toISOString() },
          });
          postponements.push({
            enrollmentId: facts.id,
            nextStepAt: retryAt,
            sendAttempts: attempt,
            lastSendError: result.response,
          });
          report(facts, StepOutcome.retrying, result.response);
          return 'forget';
        }
      } else {
        await recordBounce(facts, sentMessageId, email, result.response);
        if (result.scope === 'recipient') await markContactBounced(tx, facts.contact_id, now);
        events.push(rejectedEvent(facts, data, result.response, { scope: result.scope }));
        endings.push({ facts, reason: UnenrollReason.bounced, detail: `Rejected: ${result.response}` });
        report(facts, StepOutcome.bounced, result.response);
      }
      return 'keep';
    },
  });

  const created = await insertTasks(
    tx,
    tasks.map(({ facts, index, title }) => ({
      ...engagementIds(facts),
      ownerId: facts.sender_id,
      stepIndex: index,
      title,
    })),
    now,
  );
  for (const { facts, index, title } of tasks) {
    const taskId = created.get(facts.id);
    if (taskId) {
      events.push({
        ...ids(facts),
        type: EventType.taskCreated,
        by: SYSTEM,
        detail: title,
        data: { step: index + 1, taskId },
      });
    }
    advance(facts, index, facts.steps[index]);
  }

  // The step's own events first, so an enrollment's trail reads "email_sent" before "unenrolled".
  await finishSteps(tx, { forget: deferred, events, advances, postponements }, now);
  await endEnrollments(tx, endings, now);
  return batch.map(
    (facts) => reports.get(facts.id) ?? { enrollmentId: facts.id, outcome: StepOutcome.notActive },
  );
}

const ids = (facts: StepFacts) => ({ accountId: facts.account_id, enrollmentId: facts.id });
const engagementIds = (facts: StepFacts) => ({
  ...ids(facts),
  sequenceId: facts.sequence_id,
  contactId: facts.contact_id,
});

function rejectedEvent(
  facts: StepFacts,
  data: Record<string, unknown>,
  response: string,
  extra: Record<string, unknown>,
): EventInput {
  return {
    ...ids(facts),
    type: EventType.emailRejected,
    by: SYSTEM,
    detail: response,
    data: { ...data, ...extra },
  };
}

/**
 * Records the emails (exactly-once key), hands the recorded ones to the
 * transport — set-based for the outbox, one by one for SMTP — and reports each
 * result. Returns the records of emails that will be retried, to be removed so
 * that the retries can record them again.
 */
async function runEmails(
  tx: Queryable,
  runtime: StepRuntime,
  emails: PlannedEmail[],
  now: Date,
  handlers: {
    onUnrecorded: (planned: PlannedEmail) => void;
    /** 'forget': the email was not sent and will be retried, so its record goes. */
    onResult: (
      planned: PlannedEmail,
      sentMessageId: string,
      result: DeliveryResult,
    ) => Promise<'forget' | 'keep'>;
  },
): Promise<string[]> {
  if (emails.length === 0) return [];
  const recorded = await recordSentMessages(
    tx,
    emails.map(({ facts, index, email }) => ({
      ...engagementIds(facts),
      stepIndex: index,
      messageId: email.messageId,
      from: facts.sender_email,
      to: facts.email,
      subject: email.subject,
      unsubscribeNonce: email.unsubscribeNonce,
    })),
    now,
  );
  const toSend = emails.filter(({ facts }) => recorded.has(facts.id));
  const results = await deliverAll(
    runtime.transport,
    tx,
    toSend.map(({ facts, email }) => ({
      accountId: facts.account_id,
      sentMessageId: recorded.get(facts.id) as string,
      messageId: email.messageId,
      from: { name: facts.sender_name, address: facts.sender_email },
      to: facts.email,
      subject: email.subject,
      text: email.text,
      headers: email.headers,
    })),
    now,
  );
  const resultOf = new Map(toSend.map((planned, i) => [planned, results[i]]));
  const deferred: string[] = [];
  for (const planned of emails) {
    const sentMessageId = recorded.get(planned.facts.id);
    // Recorded before: this step ran already (its email went out then); only move on.
    if (!sentMessageId) {
      handlers.onUnrecorded(planned);
      continue;
    }
    const result = resultOf.get(planned) as DeliveryResult;
    if ((await handlers.onResult(planned, sentMessageId, result)) === 'forget') deferred.push(sentMessageId);
  }
  return deferred;
}

/** Unenrolls, set-based, per (account, reason, detail): completions of a batch are one statement. */
async function endEnrollments(tx: Queryable, endings: Ending[], now: Date): Promise<void> {
  const groups = new Map<
    string,
    { accountId: string; reason: UnenrollReason; detail: string; ids: string[] }
  >();
  for (const { facts, reason, detail } of endings) {
    const key = JSON.stringify([facts.account_id, reason, detail]);
    const group = groups.get(key) ?? { accountId: facts.account_id, reason, detail, ids: [] };
    group.ids.push(facts.id);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    await unenrollMatching(
      tx,
      group.accountId,
      { kind: 'ids', ids: group.ids },
      { reason: group.reason, at: now, by: SYSTEM, detail: group.detail },
    );
  }
}
