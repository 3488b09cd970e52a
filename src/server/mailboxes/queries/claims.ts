import type { Queryable } from '../../db/port';

/** Mailboxes claimed by workers with a lease, released with when to read them again. */

export interface ClaimedMailbox {
  id: string;
  account_id: string;
  tenant_id: string;
  user_id: string;
  graph_user: string;
  sync_from: Date;
  last_synced_at: Date | null;
  failures: number;
  /** The mailbox's notification count when claimed. */
  notifications: number;
}

/**
 * Claims up to `limit` due mailboxes for one worker: enabled, of a consented connection, due,
 * and not leased by another worker (`FOR UPDATE SKIP LOCKED` then a lease, like steps): one
 * mailbox is read by one worker at a time, and a worker that dies leaves a lease that runs out.
 */
export async function claimMailboxes(
  db: Queryable,
  now: Date,
  limit: number,
  lease: { token: string; until: Date },
): Promise<ClaimedMailbox[]> {
  const { rows } = await db.query<ClaimedMailbox>(
    `WITH due AS (
       SELECT m.id FROM mailboxes m JOIN mail_connections c ON c.account_id = m.account_id
       WHERE m.enabled AND c.status IN ('connected', 'failing') AND m.next_sync_at <= $1::timestamptz
         AND (m.lease_until IS NULL OR m.lease_until <= $1::timestamptz)
       ORDER BY m.next_sync_at
       LIMIT $2::int
       FOR UPDATE OF m SKIP LOCKED
     )
     UPDATE mailboxes m SET lease_token = $3::uuid, lease_until = $4::timestamptz
     FROM due, accounts a
     WHERE m.id = due.id AND a.id = m.account_id
     RETURNING m.id, m.account_id, a.tenant_id, m.user_id, m.graph_user, m.sync_from, m.last_synced_at, m.failures,
               m.notifications`,
    [now, limit, lease.token, lease.until],
  );
  return rows;
}

export type SyncOutcome =
  | { kind: 'synced'; nextAt: Date }
  | { kind: 'throttled'; nextAt: Date; message: string }
  | { kind: 'failed'; nextAt: Date; message: string };

/**
 * Records how a mailbox's sync ended and releases its lease. A change notification that came
 * in while it ran (the count moved past `notificationsSeen`) makes it due again at once, so
 * nothing it announced waits for the next poll.
 */
export async function finishSync(
  db: Queryable,
  input: { mailboxId: string; token: string; notificationsSeen: number; outcome: SyncOutcome },
  now: Date,
): Promise<void> {
  const { outcome } = input;
  const failed = outcome.kind === 'failed';
  await db.query(
    `UPDATE mailboxes SET
       next_sync_at = CASE WHEN notifications > $4::bigint THEN least($5::timestamptz, $6::timestamptz)
                           ELSE $5::timestamptz END,
       status = CASE WHEN $2::text = 'failed' THEN 'failing' WHEN $2::text = 'synced' THEN 'active' ELSE status END,
       failures = CASE WHEN $2::text = 'failed' THEN failures + 1 WHEN $2::text = 'synced' THEN 0 ELSE failures END,
       last_error = CASE WHEN $7::boolean THEN $8::text WHEN $2::text = 'synced' THEN NULL ELSE last_error END,
       last_error_at = CASE WHEN $7::boolean THEN $6::timestamptz WHEN $2::text = 'synced' THEN NULL ELSE last_error_at END,
       last_synced_at = CASE WHEN $2::text = 'synced' THEN $6::timestamptz ELSE last_synced_at END,
       lease_token = NULL, lease_until = NULL, updated_at = $6::timestamptz
     WHERE id = $1::uuid AND lease_token = $3::uuid`,
    [
      input.mailboxId,
      outcome.kind,
      input.token,
      input.notificationsSeen,
      outcome.nextAt,
      now,
      failed,
      failed ? outcome.message.slice(0, 1000) : null,
    ],
  );
}

/** Due now (a change notification, a lifecycle event): the next claim takes them. */
export async function markDue(
  db: Queryable,
  selector: { mailboxIds?: string[]; subscriptionIds?: string[] },
  now: Date,
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE mailboxes SET next_sync_at = least(next_sync_at, $3::timestamptz), notifications = notifications + 1
     WHERE id = ANY($1::uuid[])
        OR id IN (SELECT mailbox_id FROM mailbox_folders WHERE subscription_id = ANY($2::text[]))`,
    [selector.mailboxIds ?? [], selector.subscriptionIds ?? [], now],
  );
  return rowCount;
}
