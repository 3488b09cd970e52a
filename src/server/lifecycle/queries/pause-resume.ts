import { EventType } from '../../../shared/enums';
import { resumedNextStepAt } from './fragments';
import type { Actor, LifecycleTx } from '../transaction';

/** Until when a pause lasts: a moment, the start of a day in the enrolling user's time zone, or until resumed. */
export type PauseUntil = { at: Date } | { localDate: string } | null;

export interface PauseInput {
  until: PauseUntil;
  by: Actor;
  detail?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Pauses active enrollments of one account: no step runs until they are resumed — by a
 * person, or by the worker at `paused_until`. Set-based, with a `paused` event each. A
 * paused or ended enrollment is left as it is. A step another worker has on its way to a
 * mail server is waited for after commit (E6). Returns the ids paused.
 */
export async function pause(
  tx: LifecycleTx,
  accountId: string,
  ids: string[],
  input: PauseInput,
  now: Date,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const until = input.until;
  const { rows } = await tx.query<{ id: string; leased: boolean }>(
    `WITH changed AS (
       UPDATE enrollments e
       SET status = 'paused', paused_at = $3::timestamptz, updated_at = $3::timestamptz,
           paused_until = coalesce($4::timestamptz,
             ($5::date)::timestamp AT TIME ZONE coalesce((SELECT time_zone FROM users WHERE id = e.enrolled_by), 'UTC'))
       WHERE e.account_id = $1::uuid AND e.id = ANY($2::uuid[]) AND e.status = 'active'
       RETURNING e.id, e.account_id, (e.lease_until > $3::timestamptz AND e.lease_token IS DISTINCT FROM $9::uuid) AS leased
     ), events AS (
       INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id, detail, data)
       SELECT account_id, id, '${EventType.paused}', $3::timestamptz, $6::text, $7::text, $8::text, $10::jsonb FROM changed
     )
     SELECT id, leased FROM changed`,
    [
      accountId,
      ids,
      now,
      until && 'at' in until ? until.at : null,
      until && 'localDate' in until ? until.localDate : null,
      input.by.type,
      input.by.id,
      input.detail ?? null,
      tx.ownLease,
      JSON.stringify(input.data ?? {}),
    ],
  );
  for (const row of rows) if (row.leased) tx.stopped.add(row.id);
  return rows.map((row) => row.id);
}

/**
 * Resumes paused enrollments of one account: the delay that was left until the next step
 * when they were paused is served from now. Set-based, with a `resumed` event each.
 * Returns the ids resumed.
 */
export async function resume(
  tx: LifecycleTx,
  accountId: string,
  ids: string[],
  by: Actor,
  now: Date,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<{ id: string }>(
    `WITH changed AS (
       UPDATE enrollments e
       SET status = 'active', next_step_at = ${resumedNextStepAt('$3::timestamptz')},
           paused_at = NULL, paused_until = NULL, updated_at = $3::timestamptz
       WHERE e.account_id = $1::uuid AND e.id = ANY($2::uuid[]) AND e.status = 'paused'
       RETURNING e.id, e.account_id
     ), events AS (
       INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id, detail, data)
       SELECT account_id, id, '${EventType.resumed}', $3::timestamptz, $4::text, $5::text, NULL, '{}'::jsonb FROM changed
     )
     SELECT id FROM changed`,
    [accountId, ids, now, by.type, by.id],
  );
  if (rows.length > 0) tx.stepsDue = true;
  return rows.map((row) => row.id);
}
