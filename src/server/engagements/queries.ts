import type { EngagementType } from '../../shared/enums';
import type { Queryable } from '../db/port';

/**
 * The `engagements` table: what a sequence's performance counts besides its emails
 * (replies, meetings, bounces, unsubscribes). Written once per fact, unique per
 * (enrollment, type, source), never removed (E3). This module is its only writer.
 */

/** Records one engagement of each enrollment from `sourceRef` (a message, a meeting, a link); idempotent. */
export async function recordEngagements(
  db: Queryable,
  input: { enrollmentIds: string[]; type: EngagementType; sourceRef: string; occurredAt: Date },
): Promise<void> {
  if (input.enrollmentIds.length === 0) return;
  await db.query(
    `INSERT INTO engagements (account_id, enrollment_id, sequence_id, contact_id, type, source_ref, occurred_at)
     SELECT account_id, id, sequence_id, contact_id, $2::text, $3::text, $4::timestamptz
     FROM enrollments WHERE id = ANY($1::uuid[])
     ON CONFLICT (enrollment_id, type, source_ref) DO NOTHING`,
    [input.enrollmentIds, input.type, input.sourceRef, input.occurredAt],
  );
}
