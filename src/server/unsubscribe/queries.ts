import type { Queryable } from '../db/port';

/** The sent email an unsubscribe link came in, and whom it concerns. */
export interface UnsubscribeTarget {
  account_id: string;
  enrollment_id: string;
  sequence_id: string;
  contact_id: string;
  message_id: string;
  subject: string;
  to_address: string;
  sender_name: string;
  opted_out_at: Date | null;
}

export async function findTargetByNonce(
  db: Queryable,
  nonce: string,
): Promise<UnsubscribeTarget | undefined> {
  const { rows } = await db.query<UnsubscribeTarget>(
    `SELECT sm.account_id, sm.enrollment_id, sm.sequence_id, sm.contact_id, sm.message_id, sm.subject, sm.to_address,
            coalesce(u.name, '') AS sender_name, c.opted_out_at
     FROM sent_messages sm
     JOIN contacts c ON c.id = sm.contact_id
     JOIN enrollments e ON e.id = sm.enrollment_id
     JOIN sequences s ON s.id = sm.sequence_id
     LEFT JOIN users u ON u.id = coalesce(e.enrolled_by, s.owner_id)
     WHERE sm.unsubscribe_nonce = $1::text`,
    [nonce],
  );
  return rows[0];
}
