import { CURRENT_STATUSES } from '../../../shared/enums';

/**
 * `IN ('active', 'paused')`: a contact's current enrollment (E2). Written once, because the
 * partial unique index `enrollments_one_current` and every query that should use the
 * partial indexes must say it the same way.
 */
export const IS_CURRENT = `IN (${CURRENT_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/**
 * When an enrollment resumed at `resumedAt` runs its next step: the delay that was left
 * when it was paused, served from the resumption (nothing left: at once).
 */
export function resumedNextStepAt(resumedAt: string, e = 'e'): string {
  return `CASE WHEN ${e}.next_step_at IS NULL THEN NULL
               ELSE ${resumedAt} + greatest(${e}.next_step_at - coalesce(${e}.paused_at, ${resumedAt}), interval '0') END`;
}

/** Inserts the events of a JSON array parameter in array order (their ids ascend with it). */
export function insertEvents(param: string, at: string): string {
  return `
  INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id, detail, data)
  SELECT v.account_id, v.enrollment_id, v.type, ${at}, v.by_type, v.by_id, v.detail, v.data
  FROM ROWS FROM (jsonb_to_recordset(${param}) AS (account_id uuid, enrollment_id uuid, type text,
       by_type text, by_id text, detail text, data jsonb))
       WITH ORDINALITY AS v(account_id, enrollment_id, type, by_type, by_id, detail, data, n)
  ORDER BY v.n`;
}
