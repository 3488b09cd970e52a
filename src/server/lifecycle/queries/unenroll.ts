import { EventType, type EnrollmentStatus, type UnenrollReason } from '../../../shared/enums';
import { lifecycleUnenrollment, type LifecycleChange } from '../../engine/lifecycle-rules';
import { IS_CURRENT } from './fragments';
import type { Actor, LifecycleTx } from '../transaction';

/** Why, when and by whom enrollments end (E3). */
export interface UnenrollCause {
  reason: UnenrollReason;
  at: Date;
  by: Actor;
  detail: string | null;
  /** Added to the audit event's `data` beside the reason (e.g. the trigger or meeting that fired). */
  data?: Record<string, unknown>;
}

/** Which enrollments of one account an unenrollment targets. */
export type UnenrollSelector =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'contacts'; contactIds: string[] }
  | { kind: 'sequence'; sequenceId: string; status?: EnrollmentStatus }
  | { kind: 'sequenceOwner'; ownerId: string };

function selectorSql(selector: UnenrollSelector): { where: string; values: unknown[] } {
  switch (selector.kind) {
    case 'ids':
      return { where: 'e.id = ANY($8::uuid[])', values: [selector.ids] };
    case 'contacts':
      return { where: 'e.contact_id = ANY($8::uuid[])', values: [selector.contactIds] };
    case 'sequence':
      return {
        where: `e.sequence_id = $8::uuid AND e.status ${IS_CURRENT} AND ($9::text IS NULL OR e.status = $9::text)`,
        values: [selector.sequenceId, selector.status ?? null],
      };
    case 'sequenceOwner':
      return {
        where: `e.sequence_id IN (SELECT s.id FROM sequences s WHERE s.owner_id = $8::uuid) AND e.status ${IS_CURRENT}`,
        values: [selector.ownerId],
      };
  }
}

export interface UnenrollOutcome {
  /** Enrollments the selector matched, whatever their status. */
  matched: number;
  /** Those this statement unenrolled (the rest were unenrolled already). */
  unenrolledIds: string[];
}

/**
 * Unenrolls every active or paused enrollment the selector matches, in ONE statement: the
 * status change and its `unenrolled` event (E4) for each row, set-based. Nothing is
 * deleted and no other column changes (E3). Rows unenrolled already keep their first
 * reason (E5): the status guard is re-checked on each row after any lock wait, so two
 * unenrolls racing each other cannot both write. A row whose step another worker has on
 * its way to a mail server is noted in `tx.stopped`, to be waited for after commit (E6).
 * `limit` bounds a batch; `unenrollAll` loops.
 */
export async function unenroll(
  tx: LifecycleTx,
  accountId: string,
  selector: UnenrollSelector,
  cause: UnenrollCause,
  limit?: number,
): Promise<UnenrollOutcome> {
  const { where, values } = selectorSql(selector);
  const limitSql = limit ? `LIMIT ${Math.floor(limit)}` : '';
  const dataParam = `$${8 + values.length}::jsonb`;
  const { rows } = await tx.query<{ matched: number; ids: string[] | null; leased: string[] | null }>(
    `WITH target AS (
       SELECT e.id FROM enrollments e WHERE e.account_id = $1::uuid AND ${where} ${limitSql}
     ), changed AS (
       UPDATE enrollments e
       SET status = 'unenrolled', unenrolled_at = $2::timestamptz, unenroll_reason = $3::text,
           unenrolled_by_type = $4::text, unenrolled_by_id = $5::text, unenroll_detail = $6::text,
           updated_at = $2::timestamptz
       FROM target
       WHERE e.id = target.id AND e.status ${IS_CURRENT}
       RETURNING e.id, e.account_id,
                 (e.lease_until > $2::timestamptz AND e.lease_token IS DISTINCT FROM $7::uuid) AS leased
     ), events AS (
       INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id, detail, data)
       SELECT account_id, id, '${EventType.unenrolled}', $2::timestamptz, $4::text, $5::text, $6::text,
              ${dataParam} || jsonb_build_object('reason', $3::text)
       FROM changed
     )
     SELECT (SELECT count(*) FROM target)::int AS matched,
            (SELECT array_agg(id) FROM changed) AS ids,
            (SELECT array_agg(id) FROM changed WHERE leased) AS leased`,
    [
      accountId,
      cause.at,
      cause.reason,
      cause.by.type,
      cause.by.id,
      cause.detail,
      tx.ownLease,
      ...values,
      JSON.stringify(cause.data ?? {}),
    ],
  );
  for (const id of rows[0].leased ?? []) tx.stopped.add(id);
  return { matched: rows[0].matched, unenrolledIds: rows[0].ids ?? [] };
}

/** Statements of at most this many rows when unenrolling a whole sequence, so locks stay short. */
export const UNENROLL_BATCH = 5000;

/**
 * Unenrolls everything a broad selector matches, batch by batch. `matched` counts the
 * rows the batches matched, including those a concurrent unenroll ended first.
 */
export async function unenrollAll(
  tx: LifecycleTx,
  accountId: string,
  selector: Exclude<UnenrollSelector, { kind: 'ids' }>,
  cause: UnenrollCause,
): Promise<UnenrollOutcome> {
  const total: UnenrollOutcome = { matched: 0, unenrolledIds: [] };
  for (;;) {
    const { matched, unenrolledIds } = await unenroll(tx, accountId, selector, cause, UNENROLL_BATCH);
    total.matched += matched;
    total.unenrolledIds.push(...unenrolledIds);
    // A short batch means nothing was left.
    if (matched < UNENROLL_BATCH) return total;
  }
}

/**
 * Unenrolls enrollments that each carry their own cause (a meeting, a trigger or an
 * inbound message decides per enrollment): one statement per distinct cause, so a change
 * touching thousands of enrollments for a few reasons costs a few statements. Returns the
 * ids this call unenrolled, in the order of `items`.
 */
export async function unenrollEach(
  tx: LifecycleTx,
  accountId: string,
  items: { id: string; cause: UnenrollCause }[],
): Promise<string[]> {
  const groups = new Map<string, { cause: UnenrollCause; ids: string[] }>();
  for (const { id, cause } of items) {
    const key = JSON.stringify([cause.reason, cause.at, cause.by, cause.detail, cause.data ?? null]);
    const group = groups.get(key) ?? { cause, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  }
  const unenrolled = new Set<string>();
  for (const { cause, ids } of groups.values()) {
    const { unenrolledIds } = await unenroll(tx, accountId, { kind: 'ids', ids }, cause);
    for (const id of unenrolledIds) unenrolled.add(id);
  }
  return [...new Set(items.map((item) => item.id))].filter((id) => unenrolled.has(id));
}

/**
 * A12 and contact deletion: ends the current enrollments that a change of the account
 * takes away — a sequence deleted, its owner removed or without a sales seat, a contact
 * deleted — by the user who made the change, with the change named in the detail.
 */
export async function unenrollForChange(
  tx: LifecycleTx,
  accountId: string,
  selector: Exclude<UnenrollSelector, { kind: 'ids' }>,
  change: LifecycleChange,
  actorUserId: string,
  now: Date,
): Promise<string[]> {
  const { unenrolledIds } = await unenrollAll(
    tx,
    accountId,
    selector,
    lifecycleUnenrollment(change, actorUserId, now),
  );
  return unenrolledIds;
}
