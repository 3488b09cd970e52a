import { ActorType, EventType } from '../../shared/enums';
import type { Queryable } from '../db/port';

/**
 * Ends pauses whose `paused_until` has passed (out-of-office deferral, A13):
 * status back to `active`, the remaining delay served from the moment the pause
 * was meant to end, and a `resumed` event by the system — one statement, rows
 * claimed with SKIP LOCKED like due steps. Returns the enrollments resumed.
 */
export async function resumeDuePauses(db: Queryable, now: Date, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ enrollment_id: string }>(
    `WITH due AS (
       SELECT id, paused_until FROM enrollments
       WHERE status = 'paused' AND paused_until <= $1::timestamptz
       ORDER BY paused_until
       LIMIT $2::int
       FOR UPDATE SKIP LOCKED
     ), resumed AS (
       UPDATE enrollments e
       SET status = 'active',
           next_step_at = CASE WHEN e.next_step_at IS NULL THEN NULL
                               ELSE due.paused_until
                                    + greatest(e.next_step_at - coalesce(e.paused_at, due.paused_until), interval '0') END,
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
  return rows.map((row) => row.enrollment_id);
}

/**
 * Takes a step that failed with an unexpected error out of the way for a while,
 * so one bad row cannot stall the queue behind it. Called in the step's own
 * transaction, after rolling back to the savepoint taken when it was claimed.
 */
export async function postponeFailedStep(
  db: Queryable,
  enrollmentId: string,
  retryAt: Date,
  error: string,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE enrollments SET next_step_at = $2::timestamptz, last_send_error = $3::text, updated_at = $4::timestamptz
     WHERE id = $1::uuid AND status = 'active'`,
    [enrollmentId, retryAt, error.slice(0, 1000), now],
  );
}
