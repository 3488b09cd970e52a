import type { Deal } from '../../shared/schemas';
import type { Queryable } from '../db/port';

export interface DealRow {
  id: string;
  name: string;
  properties: Record<string, unknown>;
  contact_ids: string[];
  created_at: Date;
}

export const toDeal = (row: DealRow): Deal => ({
  id: row.id,
  name: row.name,
  contactIds: row.contact_ids,
  properties: row.properties,
  createdAt: row.created_at.toISOString(),
});

/** How many of these ids are live contacts of the account. */
export async function countLiveContacts(db: Queryable, accountId: string, ids: string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM contacts WHERE account_id = $1::uuid AND id = ANY($2::uuid[]) AND deleted_at IS NULL`,
    [accountId, ids],
  );
  return rows[0].n;
}

export async function insertDeal(
  db: Queryable,
  input: {
    accountId: string;
    name: string;
    contactIds: string[];
    properties?: Record<string, unknown>;
    createdBy: string;
    now: Date;
  },
): Promise<DealRow> {
  const { rows } = await db.query<DealRow>(
    `WITH deal AS (
       INSERT INTO deals (account_id, name, properties, created_by, created_at)
       VALUES ($1::uuid, $2::text, $3::jsonb, $4::uuid, $5::timestamptz) RETURNING *
     ), links AS (
       INSERT INTO deal_contacts (deal_id, contact_id) SELECT deal.id, unnest($6::uuid[]) FROM deal
     )
     SELECT deal.id, deal.name, deal.properties, deal.created_at, $6::uuid[] AS contact_ids FROM deal`,
    [
      input.accountId,
      input.name,
      JSON.stringify(input.properties ?? {}),
      input.createdBy,
      input.now,
      input.contactIds,
    ],
  );
  return rows[0];
}

export async function findDeal(db: Queryable, accountId: string, id: string): Promise<DealRow | undefined> {
  const { rows } = await db.query<DealRow>(
    `SELECT d.id, d.name, d.properties, d.created_at,
            coalesce(array_agg(dc.contact_id) FILTER (WHERE dc.contact_id IS NOT NULL), '{}') AS contact_ids
     FROM deals d LEFT JOIN deal_contacts dc ON dc.deal_id = d.id
     WHERE d.account_id = $1::uuid AND d.id = $2::uuid
     GROUP BY d.id`,
    [accountId, id],
  );
  return rows[0];
}
