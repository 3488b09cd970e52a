import type { Queryable } from '../db/port';

export interface EnrollCandidateRow {
  id: string;
  email: string;
  opted_out: boolean;
  /** A8: the contact's own flag, or its address refused by a bounce whoever held it then. */
  bounced: boolean;
}

/** The live contacts among `ids` with what E2 refuses them for, in one statement. */
export async function findEnrollCandidates(
  db: Queryable,
  accountId: string,
  ids: string[],
): Promise<EnrollCandidateRow[]> {
  const { rows } = await db.query<EnrollCandidateRow>(
    `SELECT c.id, c.email, c.opted_out_at IS NOT NULL AS opted_out,
            (c.bounced_at IS NOT NULL OR EXISTS (
               SELECT 1 FROM bounced_addresses b
               WHERE b.account_id = c.account_id AND b.address_lower = c.email_lower)) AS bounced
     FROM contacts c
     WHERE c.account_id = $1::uuid AND c.id = ANY($2::uuid[]) AND c.deleted_at IS NULL`,
    [accountId, ids],
  );
  return rows;
}
