import { randomUUID } from 'node:crypto';
import { EventType } from '../../shared/enums';
import { renderTemplate } from '../engine/render-template';
import { advancePast, planStep } from '../engine/step-plan';
import {
  changeEnrollments,
  claimDueSteps,
  releaseLeases,
  stillLeasedActive,
  type ClaimedEnrollment,
  type LifecycleDeps,
  type LifecycleTx,
} from '../lifecycle';
import { bounceAddress } from '../mail/bounce-address';
import type { OutgoingEmail, SendingTransport, StoringTransport } from '../mail/transport';
import { insertTasks } from '../tasks/queries';
import { composeStepEmail, templateFields, type ComposedEmail, type ComposeSettings } from './compose-email';
import { dueSteps, stepFacts, type DueStep } from './due-step';
import { StepOutcome, StepWrites, type StepReport } from './outcomes';
import { recordSends, stepContexts, type RecordedSend } from './queries';

/** A step that failed with an unexpected error waits this long before it is tried again. */
export const FAILED_STEP_RETRY_MS = 5 * 60_000;

export interface ExecuteDeps extends LifecycleDeps {
  config: LifecycleDeps['config'] & ComposeSettings & { inbound: { returnPathDomain?: string } };
}

interface PlannedEmail {
  due: DueStep;
  stepIndex: number;
  email: ComposedEmail;
}

interface ClaimOptions {
  limit: number;
  /**
   * Run the claimed steps behind a savepoint: an unexpected failure rolls back to it and
   * postpones them, so one bad row cannot stall the queue (the worker claims one step at a
   * time this way after a batch failed).
   */
  isolate?: boolean;
  onFailure?: (error: unknown, ids: string[]) => void;
}

/**
 * Plans each claimed step (engine/step-plan.ts) and applies everything but the emails:
 * windows, endings and tasks go into `writes`; emails are composed and returned.
 */
async function planClaimed(
  tx: LifecycleTx,
  batch: DueStep[],
  deps: ExecuteDeps,
  now: Date,
  writes: StepWrites,
) {
  const emails: PlannedEmail[] = [];
  const tasks: { due: DueStep; stepIndex: number; title: string; then: ReturnType<typeof advancePast> }[] =
    [];
  for (const due of batch) {
    const plan = planStep(stepFacts(due), now);
    switch (plan.kind) {
      case 'not_active':
        writes.report(due, StepOutcome.notActive);
        break;
      case 'end':
        writes.end(due, plan.reason, plan.detail);
        writes.report(due, plan.reason === 'completed' ? StepOutcome.completed : StepOutcome.stopped);
        break;
      case 'wait_for_window':
        writes.postpone(due, plan.until, due.send_attempts, null);
        writes.report(due, StepOutcome.postponed);
        break;
      case 'create_task':
        tasks.push({
          due,
          stepIndex: plan.stepIndex,
          title: renderTemplate(plan.step.title, templateFields(due)),
          then: plan.then,
        });
        break;
      case 'send_email':
        emails.push({ due, stepIndex: plan.stepIndex, email: composeStepEmail(due, plan.step, deps.config) });
    }
  }
  const created = await insertTasks(
    tx,
    tasks.map(({ due, stepIndex, title }) => ({
      accountId: due.account_id,
      enrollmentId: due.id,
      sequenceId: due.sequence_id,
      contactId: due.contact_id,
      ownerId: due.sender_id,
      stepIndex,
      title,
    })),
    now,
  );
  for (const { due, stepIndex, title, then } of tasks) {
    const taskId = created.get(due.id);
    if (taskId) writes.event(due, EventType.taskCreated, title, { step: stepIndex + 1, taskId });
    writes.advance(due, then);
  }
  return emails;
}

/** Records the emails (exactly-once key); those recorded before ran already and only move on. */
async function recordEmails(
  tx: LifecycleTx,
  emails: PlannedEmail[],
  now: Date,
  status: 'sent' | 'sending',
  writes: StepWrites,
): Promise<{ planned: PlannedEmail; recorded: RecordedSend }[]> {
  const recorded = await recordSends(
    tx,
    emails.map(({ due, stepIndex, email }) => ({
      accountId: due.account_id,
      enrollmentId: due.id,
      sequenceId: due.sequence_id,
      contactId: due.contact_id,
      stepIndex,
      messageId: email.messageId,
      from: due.sender_email,
      to: due.email,
      subject: email.subject,
      unsubscribeNonce: email.unsubscribeNonce,
    })),
    now,
    status,
  );
  const toSend: { planned: PlannedEmail; recorded: RecordedSend }[] = [];
  for (const planned of emails) {
    const record = recorded.get(planned.due.id);
    if (record) toSend.push({ planned, recorded: record });
    else writes.advance(planned.due, advancePast(stepFacts(planned.due), planned.stepIndex, now));
  }
  return toSend;
}

function outgoing(deps: ExecuteDeps, { due, email }: PlannedEmail, sentMessageId: string): OutgoingEmail {
  const domain = deps.config.inbound.returnPathDomain;
  return {
    returnPath: domain ? bounceAddress(deps.config.unsubscribeSecret, sentMessageId, domain) : undefined,
    accountId: due.account_id,
    sentMessageId,
    messageId: email.messageId,
    from: { name: due.sender_name, address: due.sender_email },
    senderUserId: due.sender_id,
    to: due.email,
    subject: email.subject,
    text: email.text,
    headers: email.headers,
  };
}

/**
 * Claims due steps in `tx` and runs `body` on them; with `isolate`, behind a savepoint whose
 * rollback postpones the claimed steps (marked failed) instead of failing the transaction.
 */
async function withClaim<T>(
  tx: LifecycleTx,
  now: Date,
  options: ClaimOptions,
  lease: { token: string; until: Date } | undefined,
  body: (batch: DueStep[], writes: StepWrites) => Promise<T>,
): Promise<{ writes: StepWrites; value?: T }> {
  const claimed: ClaimedEnrollment[] = await claimDueSteps(tx, now, options.limit, lease);
  const batch = dueSteps(
    claimed,
    await stepContexts(
      tx,
      claimed.map((row) => row.id),
    ),
  );
  let writes = new StepWrites();
  if (!options.isolate) return { writes, value: await body(batch, writes) };
  await tx.query('SAVEPOINT steps');
  try {
    return { writes, value: await body(batch, writes) };
  } catch (error: unknown) {
    await tx.query('ROLLBACK TO SAVEPOINT steps');
    options.onFailure?.(
      error,
      batch.map((due) => due.id),
    );
    const message = error instanceof Error ? error.message : String(error);
    writes = new StepWrites();
    for (const due of batch) {
      writes.postpone(due, new Date(now.getTime() + FAILED_STEP_RETRY_MS), due.send_attempts, message);
      writes.report(due, StepOutcome.failed, message);
    }
    await writes.write(tx, now, lease?.token ?? null);
    return { writes };
  }
}

/**
 * A transport that stores through the transaction (the outbox): claim, plan, record, store
 * and record the outcomes in ONE transaction, set-based. The row locks of the claim are
 * held throughout, so an unenroll or pause waits for the commit (E6), and an email exists
 * exactly when its step committed (exactly once).
 */
export async function runStoredSteps(
  deps: ExecuteDeps,
  transport: StoringTransport,
  options: ClaimOptions,
): Promise<StepReport[]> {
  return changeEnrollments(deps, async (tx) => {
    const now = deps.clock.now();
    const { writes } = await withClaim(tx, now, options, undefined, async (batch, collected) => {
      const emails = await planClaimed(tx, batch, deps, now, collected);
      const toSend = await recordEmails(tx, emails, now, 'sent', collected);
      const results = await transport.store(
        tx,
        toSend.map(({ planned, recorded }) => outgoing(deps, planned, recorded.id)),
        now,
      );
      toSend.forEach(({ planned, recorded }, i) =>
        collected.delivery(planned.due, planned.stepIndex, planned.email, recorded.id, results[i], now),
      );
      await collected.write(tx, now, null);
    });
    return [...writes.reports.values()];
  });
}

/**
 * A transport that talks to a mail server (SMTP, Graph). No conversation inside a
 * transaction; the protocol, and the invariant each step protects:
 * 1. Claim (one short transaction): due rows are leased to this worker until `now +
 *    leaseMs` (no other worker claims them: exactly once), their emails recorded as
 *    'sending' under UNIQUE (enrollment, step) (a step is never sent twice by two claims),
 *    and every step that sends nothing (window, task, end) recorded at once.
 * 2. For each email, just before the hand-over: still active and still ours? A pause or
 *    unenroll that committed meanwhile wins (E6) — the record is dropped, the lease
 *    released, nothing is sent.
 * 3. Hand-over, outside any transaction, bounded by the transport's timeouts (< the lease).
 * 4. Record the answer (one short transaction per email) and release the lease. A pause
 *    or unenroll that committed between 2 and 4 waits, after its commit, until this
 *    release before it returns: no email follows a pause or unenroll that returned (E6).
 * A worker that dies between 1 and 4 leaves the lease to expire and the record
 * 'sending': the next claim sends again with the same Message-ID, telling the transport
 * the outcome was unknown (at least once in that window; the two-generals problem).
 */
export async function runSentSteps(
  deps: ExecuteDeps,
  transport: SendingTransport,
  options: ClaimOptions & { lanes: number },
): Promise<StepReport[]> {
  const token = randomUUID();
  const own = { ownLease: token };
  const claim = await changeEnrollments(
    deps,
    async (tx) => {
      const now = deps.clock.now();
      const lease = { token, until: new Date(now.getTime() + deps.config.worker.leaseMs) };
      return withClaim(tx, now, options, lease, async (batch, collected) => {
        const emails = await planClaimed(tx, batch, deps, now, collected);
        const recorded = await recordEmails(tx, emails, now, 'sending', collected);
        await collected.write(tx, now, token);
        return recorded;
      });
    },
    own,
  );
  const reports = new Map(claim.writes.reports);
  const toSend = claim.value ?? [];

  let next = 0;
  const lane = async () => {
    while (next < toSend.length) {
      const { planned, recorded } = toSend[next++];
      const writes = new StepWrites();
      const active = await stillLeasedActive(deps.db, [planned.due.id], token);
      if (!active.has(planned.due.id)) {
        await changeEnrollments(
          deps,
          async (tx) => {
            // A record whose earlier attempt may have gone out stays: resumed later, it is retried as unknown.
            if (!recorded.outcomeUnknown) writes.forget(recorded.id);
            writes.report(planned.due, StepOutcome.notActive);
            await writes.write(tx, deps.clock.now(), token);
            await releaseLeases(tx, [planned.due.id], token);
          },
          own,
        );
      } else {
        const result = await transport.send(outgoing(deps, planned, recorded.id), deps.clock.now(), {
          outcomeUnknown: recorded.outcomeUnknown,
          earlierFailures: planned.due.send_attempts,
        });
        await changeEnrollments(
          deps,
          async (tx) => {
            const now = deps.clock.now();
            // Locked: a stop committed before this reads as stopped, a later one waits for this commit.
            const active = await stillLeasedActive(tx, [planned.due.id], token, { lock: true });
            const stopped = !active.has(planned.due.id);
            writes.delivery(planned.due, planned.stepIndex, planned.email, recorded.id, result, now, stopped);
            await writes.write(tx, now, token);
          },
          own,
        );
      }
      for (const [id, report] of writes.reports) reports.set(id, report);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.lanes, toSend.length)) }, lane));
  return [...reports.values()];
}
