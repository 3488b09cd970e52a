import { ActorType, EngagementType, EventType, UnenrollReason } from '../../shared/enums';
import { markContactsBounced } from '../contacts/queries';
import { recordEngagements } from '../engagements/queries';
import { planAfterDelivery, type Advance, type DeliveryResult } from '../engine/step-plan';
import {
  recordStepOutcomes,
  unenrollEach,
  type LifecycleTx,
  type NewEvent,
  type Postponement,
  type Advance as AdvanceRow,
} from '../lifecycle';
import type { ComposedEmail } from './compose-email';
import { stepFacts, type DueStep } from './due-step';
import { recordDeliveries } from './queries';

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
  /** Not active when claimed or just before sending (E6: a pause or unenroll that committed first wins). */
  notActive: 'not_active',
  /** Failed unexpectedly: put aside for a while (logged). */
  failed: 'failed',
} as const;
export type StepOutcome = (typeof StepOutcome)[keyof typeof StepOutcome];

export interface StepReport {
  enrollmentId: string;
  outcome: StepOutcome;
  /** The relay's reply, for a retry or a bounce. */
  response?: string;
}

const SYSTEM = { type: ActorType.system, id: null };

/**
 * What a set of steps did, collected while applying the plans and written set-based by
 * `write`: one statement per kind of write, whatever the number of steps.
 */
export class StepWrites {
  /**
   * `recordedAsSent`: the emails' records were written as sent already (a transport that
   * stores through the transaction), so a delivery needs no second write.
   */
  constructor(private readonly recordedAsSent = false) {}

  readonly reports = new Map<string, StepReport>();
  private readonly events: NewEvent[] = [];
  private readonly advances: AdvanceRow[] = [];
  private readonly postponements: Postponement[] = [];
  private readonly endings: { due: DueStep; reason: UnenrollReason; detail: string }[] = [];
  private readonly delivered: string[] = [];
  private readonly bounced: { id: string; response: string; messageId: string; due: DueStep }[] = [];
  private readonly forgotten: string[] = [];
  private readonly addressesBounced: string[] = [];

  report(due: DueStep, outcome: StepOutcome, response?: string): void {
    this.reports.set(due.id, { enrollmentId: due.id, outcome, response });
  }

  event(due: DueStep, type: EventType, detail: string | null, data: Record<string, unknown>): void {
    this.events.push({ accountId: due.account_id, enrollmentId: due.id, type, by: SYSTEM, detail, data });
  }

  end(due: DueStep, reason: UnenrollReason, detail: string): void {
    this.endings.push({ due, reason, detail });
  }

  postpone(due: DueStep, nextStepAt: Date, sendAttempts: number, lastSendError: string | null): void {
    this.postponements.push({ enrollmentId: due.id, nextStepAt, sendAttempts, lastSendError });
  }

  /** The step ran: the next is scheduled, or the enrollment completes (A11). `thread`: the first email starts the thread. */
  advance(due: DueStep, advance: Advance, thread?: ComposedEmail): void {
    const startsThread = thread && !due.thread_message_id;
    this.advances.push({
      enrollmentId: due.id,
      currentStep: advance.currentStep,
      nextStepAt: advance.nextStepAt,
      threadMessageId: startsThread ? thread.messageId : null,
      threadSubject: startsThread ? thread.subject : null,
    });
    if (advance.completes) {
      this.end(due, UnenrollReason.completed, 'Finished the last step');
      this.report(due, StepOutcome.completed);
    } else {
      this.report(due, StepOutcome.executed);
    }
  }

  /** An email's sending was abandoned before it left (not active any more): its record goes. */
  forget(sentMessageId: string): void {
    this.forgotten.push(sentMessageId);
  }

  /**
   * Records what the transport answered for the email of `due`'s step `stepIndex` (A8).
   * `stoppedWhileSending`: the enrollment was paused or unenrolled while the email was on its
   * way (that stop waited for it before returning, E6); the trail says so.
   */
  delivery(
    due: DueStep,
    stepIndex: number,
    email: ComposedEmail,
    sentMessageId: string,
    result: DeliveryResult,
    now: Date,
    stoppedWhileSending = false,
  ): void {
    const plan = planAfterDelivery(stepFacts(due), stepIndex, result, now);
    const data = {
      step: stepIndex + 1,
      messageId: email.messageId,
      ...(stoppedWhileSending ? { stoppedWhileSending: true } : {}),
    };
    switch (plan.kind) {
      case 'advance':
        if (!this.recordedAsSent) this.delivered.push(sentMessageId);
        this.event(due, EventType.emailSent, email.subject, data);
        this.advance(due, plan.advance, email);
        return;
      case 'retry': {
        const response = result.status === 'sent' ? '' : result.response;
        this.forgotten.push(sentMessageId);
        this.event(due, EventType.emailDeferred, response, {
          ...data,
          attempt: plan.attempt,
          kind: result.status === 'deferred' ? result.kind : undefined,
          retryAt: plan.retryAt.toISOString(),
        });
        this.postpone(due, plan.retryAt, plan.attempt, response);
        this.report(due, StepOutcome.retrying, response);
        return;
      }
      case 'bounce': {
        const response = result.status === 'sent' ? '' : result.response;
        this.bounced.push({ id: sentMessageId, response, messageId: email.messageId, due });
        if (plan.markAddress) this.addressesBounced.push(due.contact_id);
        this.event(due, EventType.emailRejected, response, {
          ...data,
          ...(result.status === 'rejected' ? { scope: result.scope } : { attempts: plan.attempts }),
        });
        this.end(due, UnenrollReason.bounced, plan.detail);
        this.report(due, StepOutcome.bounced, response);
      }
    }
  }

  /**
   * Writes everything collected, in the caller's transaction. The steps' own events come
   * before any unenrollment, so a trail reads "email_sent" before "unenrolled". `lease`:
   * the claim's lease, released on the rows it still holds.
   */
  async write(tx: LifecycleTx, now: Date, lease: string | null): Promise<void> {
    await recordDeliveries(tx, { sent: this.delivered, bounced: this.bounced, forget: this.forgotten });
    await markContactsBounced(tx, this.addressesBounced, now);
    for (const bounce of this.bounced) {
      await recordEngagements(tx, {
        enrollmentIds: [bounce.due.id],
        type: EngagementType.bounce,
        sourceRef: bounce.messageId,
        occurredAt: now,
      });
    }
    await recordStepOutcomes(
      tx,
      { events: this.events, advances: this.advances, postponements: this.postponements },
      now,
      lease,
    );
    await endAll(tx, this.endings, now);
  }
}

/** Unenrollments of several accounts: one set-based statement per (account, reason, detail). */
async function endAll(
  tx: LifecycleTx,
  endings: { due: DueStep; reason: UnenrollReason; detail: string }[],
  now: Date,
): Promise<void> {
  const byAccount = new Map<string, { id: string; reason: UnenrollReason; detail: string }[]>();
  for (const { due, reason, detail } of endings) {
    const list = byAccount.get(due.account_id) ?? [];
    list.push({ id: due.id, reason, detail });
    byAccount.set(due.account_id, list);
  }
  for (const [accountId, items] of byAccount) {
    await unenrollEach(
      tx,
      accountId,
      items.map(({ id, reason, detail }) => ({ id, cause: { reason, at: now, by: SYSTEM, detail } })),
    );
  }
}
