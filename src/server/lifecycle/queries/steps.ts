import { ActorType, EventType, type EnrollmentStatus } from '../../../shared/enums';
import type { Queryable } from '../../db/port';
import { insertEvents, resumedNextStepAt } from './fragments';
import type { LifecycleTx } from '../transaction';
import { eventsJson, type NewEvent } from './events';

/** An enrollment whose next step a worker claimed: the row as it was when claimed. */
export interface ClaimedEnrollment {
  id: string;
  account_id: string;
  sequence_id: string;
  contact_id: string;
  email: string;
  status: EnrollmentStatus;
  /** Steps executed so far; the step to run is `steps[current_step]`. */
  current_step: number;
  next_step_at: Date | null;
  paused_at: Date | null;
  thread_message_id: string | null;
  thread_subject: string | null;
  send_attempts: number;
  enrolled_by: string | null;
  /** Set when claimed with a lease; null when the claim is the transaction's row lock. */
  lease_token: string | null;
}

const CLAIMED_COLUMNS = `id, account_id, sequence_id, contact_id, email, status, current_step, next_step_at,
  paused_at, thread_message_id, thread_subject, send_attempts, enrolled_by, lease_token`;

/** Due: active, its next step's time has come, and no worker holds a live lease on it. */
const DUE = `status = 'active' AND next_step_at <= $1::timestamptz
             AND (lease_until IS NULL OR lease_until <= $1::timestamptz)`;

/**
 * Claims up to `limit` due steps, oldest first. `FOR UPDATE SKIP LOCKED`: concurrent
 * workers take disjoint rows and never wait; a row unenrolled or paused by a transaction
 * that committed first no longer matches (PostgreSQL re-checks the WHERE on the newest
 * version before locking it).
 * - Without `lease` the claim is the row lock itself, held until the caller's transaction
 *   ends: for a transport that writes through that transaction (the outbox).
 * - With `lease` the rows are marked as this worker's until `lease.until`, so the
 *   transaction can commit before the mail server is contacted (docs/architecture.md).
 */
export async function claimDueSteps(
  tx: Queryable,
  now: Date,
  limit: number,
  lease?: { token: string; until: Date },
): Promise<ClaimedEnrollment[]> {
  const due = `SELECT id FROM enrollments WHERE ${DUE} ORDER BY next_step_at LIMIT $2::int FOR UPDATE SKIP LOCKED`;
  if (!lease) {
    const { rows } = await tx.query<ClaimedEnrollment>(
      `SELECT ${CLAIMED_COLUMNS} FROM enrollments WHERE ${DUE} ORDER BY next_step_at LIMIT $2::int FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows;
  }
  const { rows } = await tx.query<ClaimedEnrollment>(
    `UPDATE enrollments e SET lease_token = $3::uuid, lease_until = $4::timestamptz
     FROM (${due}) d WHERE e.id = d.id
     RETURNING ${CLAIMED_COLUMNS.replace(/(\w+)/g, 'e.$1')}`,
    [now, limit, lease.token, lease.until],
  );
  return rows;
}

/**
 * Of the leased enrollments, those still active and still this lease's: checked just before
 * sending, and — with `lock`, taking the rows' locks so that a concurrent stop is ordered
 * before or after this transaction — when recording the answer.
 */
export async function stillLeasedActive(
  db: Queryable,
  ids: string[],
  token: string,
  options: { lock?: boolean } = {},
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM enrollments WHERE id = ANY($1::uuid[]) AND status = 'active' AND lease_token = $2::uuid
     ${options.lock ? 'FOR UPDATE' : ''}`,
    [ids, token],
  );
  return new Set(rows.map((row) => row.id));
}

/** Of `ids`, those whose lease is still live at `now` (what a stop waits for). */
export async function leasesHeld(db: Queryable, ids: string[], now: Date): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM enrollments WHERE id = ANY($1::uuid[]) AND lease_until > $2::timestamptz`,
    [ids, now],
  );
  return rows.map((row) => row.id);
}

/** Gives up leases without recording a step (the enrollment stopped before its email left). */
export async function releaseLeases(tx: LifecycleTx, ids: string[], token: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `UPDATE enrollments SET lease_token = NULL, lease_until = NULL WHERE id = ANY($1::uuid[]) AND lease_token = $2::uuid`,
    [ids, token],
  );
}

export interface Advance {
  enrollmentId: string;
  /** Steps executed so far. */
  currentStep: number;
  nextStepAt: Date | null;
  threadMessageId: string | null;
  threadSubject: string | null;
}

export interface Postponement {
  enrollmentId: string;
  nextStepAt: Date;
  /** Failed attempts so far; unchanged when the step only waits for its send window. */
  sendAttempts: number;
  lastSendError: string | null;
}

export interface StepOutcomes {
  events: NewEvent[];
  /** Enrollments moved past their step. */
  advances: Advance[];
  /** Enrollments left on their step, due again later (send window, a retry after a failed send). */
  postponements: Postponement[];
}

/**
 * Records what a batch of claimed steps did, in ONE statement whatever the batch size:
 * the events, the advanced enrollments and the postponed ones (disjoint sets, so no row
 * is updated twice), releasing their leases. `lease`: the claim's lease — a row whose
 * lease was lost meanwhile (it ran out and another worker claimed the step) is left to
 * that worker; its events are still recorded, because they happened.
 */
export async function recordStepOutcomes(
  tx: LifecycleTx,
  outcomes: StepOutcomes,
  now: Date,
  lease: string | null = null,
): Promise<void> {
  const { events, advances, postponements } = outcomes;
  if (events.length + advances.length + postponements.length === 0) return;
  if (advances.some((advance) => advance.nextStepAt && advance.nextStepAt <= now)) tx.stepsDue = true;
  const ours = `($5::uuid IS NULL OR e.lease_token = $5::uuid)`;
  await tx.query(
    `WITH events AS (${insertEvents('$1::jsonb', '$4::timestamptz')}
     ), advanced AS (
       UPDATE enrollments e
       SET current_step = a.current_step, next_step_at = a.next_step_at,
           thread_message_id = coalesce(e.thread_message_id, a.thread_message_id),
           thread_subject = coalesce(e.thread_subject, a.thread_subject),
           send_attempts = 0, last_send_error = NULL, lease_token = NULL, lease_until = NULL,
           updated_at = $4::timestamptz
       FROM jsonb_to_recordset($2::jsonb) AS a(id uuid, current_step int, next_step_at timestamptz,
            thread_message_id text, thread_subject text)
       WHERE e.id = a.id AND ${ours}
     ), postponed AS (
       UPDATE enrollments e
       SET next_step_at = p.next_step_at, send_attempts = p.send_attempts,
           last_send_error = coalesce(p.last_send_error, e.last_send_error),
           lease_token = NULL, lease_until = NULL, updated_at = $4::timestamptz
       FROM jsonb_to_recordset($3::jsonb) AS p(id uuid, next_step_at timestamptz, send_attempts int, last_send_error text)
       WHERE e.id = p.id AND ${ours}
     )
     SELECT 1`,
    [
      eventsJson(events),
      JSON.stringify(
        advances.map((a) => ({
          id: a.enrollmentId,
          current_step: a.currentStep,
          next_step_at: a.nextStepAt?.toISOString() ?? null,
          thread_message_id: a.threadMessageId,
          thread_subject: a.threadSubject,
        })),
      ),
      JSON.stringify(
        postponements.map((p) => ({
          id: p.enrollmentId,
          next_step_at: p.nextStepAt.toISOString(),
          send_attempts: p.sendAttempts,
          last_send_error: p.lastSendError?.slice(0, 1000) ?? null,
        })),
      ),
      now,
      lease,
    ],
  );
}

/**
 * A task step was completed: the enrollment's next step is due at `nextStepAt` (counted
 * from the completion). Only while the sequence is still waiting for that task.
 */
export async function scheduleNextStep(
  tx: LifecycleTx,
  enrollmentId: string,
  nextStepAt: Date,
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE enrollments SET next_step_at = $2::timestamptz, updated_at = $3::timestamptz WHERE id = $1::uuid`,
    [enrollmentId, nextStepAt, now],
  );
  if (nextStepAt <= now) tx.stepsDue = true;
}

/**
 * Ends pauses whose `paused_until` has passed (out-of-office deferral, A13): active again,
 * the remaining delay served from the moment the pause was meant to end, a `resumed`
 * event by the system — one statement, rows claimed with SKIP LOCKED like due steps.
 */
export async function resumeDuePauses(tx: LifecycleTx, now: Date, limit: number): Promise<string[]> {
  const { rows } = await tx.query<{ enrollment_id: string }>(
    `WITH due AS (
       SELECT id, paused_until FROM enrollments
       WHERE status = 'paused' AND paused_until <= $1::timestamptz
       ORDER BY paused_until
       LIMIT $2::int
       FOR UPDATE SKIP LOCKED
     ), resumed AS (
       UPDATE enrollments e
       SET status = 'active', next_step_at = ${resumedNextStepAt('due.paused_until')},
           paused_at = NULL, paused_until = NULL, updated_at = $1::timestamptz
       FROM due
       WHERE e.id = due.id
       RETURNING e.id, e.account_id, due.paused_until
     )
     INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id, detail, data)
     SELECT account_id, id, $3::text, $1::timestamptz, $4::text, NULL, 'The pause ended',
            jsonb_build_object('pausedUntil', paused_until)
     FROM resumed
     RETURNING enrollment_id`,
    [now, limit, EventType.resumed, ActorType.system],
  );
  if (rows.length > 0) tx.stepsDue = true;
  return rows.map((row) => row.enrollment_id);
}
