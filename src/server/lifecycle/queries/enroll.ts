import { EventType } from '../../../shared/enums';
import { IS_CURRENT } from './fragments';
import type { Actor, LifecycleTx } from '../transaction';

export interface NewEnrollment {
  sequenceId: string;
  sequenceName: string;
  contactId: string;
  /** The address enrolled (the contact's primary address at the time). */
  email: string;
}

/**
 * Enrolls contacts, set-based: one statement inserts the active enrollments — their first
 * step due at once (E1) — and their `enrolled` events. A contact that already has a
 * current enrollment gets none: the partial unique index `enrollments_one_current`
 * decides (E2), so two enrolls racing each other cannot both win. Returns the new
 * enrollment's id by contact; the workers are woken after commit.
 */
export async function enroll(
  tx: LifecycleTx,
  accountId: string,
  inputs: NewEnrollment[],
  by: Actor & { type: 'user' },
  now: Date,
): Promise<Map<string, string>> {
  const unique = [...new Map(inputs.map((input) => [input.contactId, input])).values()];
  if (unique.length === 0) return new Map();
  const { rows } = await tx.query<{ id: string; contact_id: string }>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb)
         AS i(sequence_id uuid, sequence_name text, contact_id uuid, email text)
     ), inserted AS (
       INSERT INTO enrollments (account_id, sequence_id, contact_id, email, status, current_step, next_step_at,
                                enrolled_at, enrolled_by, updated_at)
       SELECT $1::uuid, sequence_id, contact_id, email, 'active', 0, $3::timestamptz, $3::timestamptz, $4::uuid, $3::timestamptz
       FROM input
       ON CONFLICT (contact_id) WHERE status ${IS_CURRENT} DO NOTHING
       RETURNING id, contact_id, sequence_id
     ), events AS (
       INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id, detail, data)
       SELECT $1::uuid, n.id, '${EventType.enrolled}', $3::timestamptz, $5::text, $4::text, NULL,
              jsonb_build_object('sequenceId', n.sequence_id, 'sequenceName', i.sequence_name)
       FROM inserted n JOIN input i ON i.contact_id = n.contact_id
     )
     SELECT id, contact_id FROM inserted`,
    [
      accountId,
      JSON.stringify(
        unique.map((input) => ({
          sequence_id: input.sequenceId,
          sequence_name: input.sequenceName,
          contact_id: input.contactId,
          email: input.email,
        })),
      ),
      now,
      by.id,
      by.type,
    ],
  );
  if (rows.length > 0) tx.stepsDue = true;
  return new Map(rows.map((row) => [row.contact_id, row.id]));
}
