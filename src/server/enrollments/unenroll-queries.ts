import type { ActorType, EnrollmentStatus, UnenrollReason } from '../../shared/enums';
import type { Queryable } from '../db/port';

export interface UnenrollmentFacts {
  reason: UnenrollReason;
  at: Date;
  by: { type: ActorType; id: string | null };
  detail: string | null;
  /** Added to the audit event's `data` beside the reason (e.g. the trigger or meeting that fired). */
  data?: Record<string, unknown>;
}

/** Which enrollments of one account an unenrollment statement targets. */
export type UnenrollSelector =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'contacts'; contactIds: string[] }
  | { kind: 'sequence'; sequenceId: string; status?: EnrollmentStatus }
  | { kind: 'sequenceOwner'; ownerId: string };

function selectorSql(selector: UnenrollSelector): { where: string; values: unknown[] } {
  switch (selector.kind) {
    case 'ids':
      return { where: 'e.id = ANY($7::uuid[])', values: [selector.ids] };
    case 'contacts':
      return { where: 'e.contact_id = ANY($7::uuid[])', values: [selector.contactIds] };
    case 'sequence':
      return {
        where: `e.sequence_id = $7::uuid AND e.status IN ('active', 'paused') AND ($8::text IS NULL OR e.status = $8::text)`,
        values: [selector.sequenceId, selector.status ?? null],
      };
    case 'sequenceOwner':
      return {
        where: `e.sequence_id IN (SELECT s.id FROM sequences s WHERE s.owner_id = $7::uuid) AND e.status IN ('active', 'paused')`,
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
 * Unenrolls every active or paused enrollment the selector matches, in ONE
 * statement: the status change and its audit event (E4) for each row, set-based
 * (`= ANY($n)`), never a loop of single-row updates. Nothing is deleted and no
 * other column changes (E3). Rows already unenrolled keep their first reason (E5):
 * the `status IN ('active','paused')` guard is re-checked on each row after any
 * lock wait, so two unenrolls racing each other cannot both write.
 * `limit` bounds a batch; callers loop until a batch unenrolls nothing.
 */
export async function unenrollMatching(
  db: Queryable,
  accountId: string,
  selector: UnenrollSelector,
  facts: UnenrollmentFacts,
  limit?: number,
): Promise<UnenrollOutcome> {
  const { where, values } = selectorSql(selector);
  const limitSql = limit ? `LIMIT ${Math.floor(limit)}` : '';
  const dataParam = `$${7 + values.length}::jsonb`;
  const { rows } = await db.query<{ matched: number; ids: string[] | null }>(
    `WITH target AS (
       SELECT e.id FROM enrollments e WHERE e.account_id = $1::uuid AND ${where} ${limitSql}
     ), changed AS (
       UPDATE enrollments e
       SET status = 'unenrolled', unenrolled_at = $2::timestamptz, unenroll_reason = $3::text,
           unenrolled_by_type = $4::text, unenrolled_by_id = $5::text, unenroll_detail = $6::text,
           updated_at = $2::timestamptz
       FROM target
       WHERE e.id = target.id AND e.status IN ('active', 'paused')
       RETURNING e.id, e.account_id
     ), events AS (
       INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id, detail, data)
       SELECT account_id, id, 'unenrolled', $2::timestamptz, $4::text, $5::text, $6::text,
              ${dataParam} || jsonb_build_object('reason', $3::text)
       FROM changed
     )
     SELECT (SELECT count(*) FROM target)::int AS matched, (SELECT array_agg(id) FROM changed) AS ids`,
    [
      accountId,
      facts.at,
      facts.reason,
      facts.by.type,
      facts.by.id,
      facts.detail,
      ...values,
      JSON.stringify(facts.data ?? {}),
    ],
  );
  return { matched: rows[0].matched, unenrolledIds: rows[0].ids ?? [] };
}

/** Statements of at most this many rows when unenrolling a whole sequence, so locks stay short. */
export const UNENROLL_BATCH = 5000;

/** Unenrolls everything a broad selector matches, batch by batch. Returns how many it unenrolled. */
export async function unenrollAllMatching(
  db: Queryable,
  accountId: string,
  selector: Exclude<UnenrollSelector, { kind: 'ids' }>,
  facts: UnenrollmentFacts,
): Promise<string[]> {
  const all: string[] = [];
  for (;;) {
    const { matched, unenrolledIds } = await unenrollMatching(db, accountId, selector, facts, UNENROLL_BATCH);
    all.push(...unenrolledIds);
    // A short batch means nothing was left; rows a concurrent unenroll took count as matched.
    if (matched < UNENROLL_BATCH) return all;
  }
}

/**
 * Unenrolls enrollments that each carry their own facts (a meeting or trigger
 * decides per enrollment): one set-based statement per distinct set of facts,
 * so a change touching thousands of enrollments of a few sequences costs a few
 * statements. Returns the ids this call unenrolled.
 */
export async function unenrollEach(
  db: Queryable,
  accountId: string,
  items: { id: string; facts: UnenrollmentFacts }[],
): Promise<string[]> {
  const groups = new Map<string, { facts: UnenrollmentFacts; ids: string[] }>();
  for (const { id, facts } of items) {
    const key = JSON.stringify([facts.reason, facts.at, facts.by, facts.detail, facts.data ?? null]);
    const group = groups.get(key) ?? { facts, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  }
  const unenrolled: string[] = [];
  for (const { facts, ids } of groups.values()) {
    const { unenrolledIds } = await unenrollMatching(db, accountId, { kind: 'ids', ids }, facts);
    unenrolled.push(...unenrolledIds);
  }
  return unenrolled;
}
