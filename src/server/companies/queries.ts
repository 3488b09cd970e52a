import type { Company } from '../../shared/schemas';
import type { Queryable } from '../db/port';

export interface CompanyRow {
  id: string;
  account_id: string;
  name: string;
  domains: string[];
  properties: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export function toCompany(row: CompanyRow): Company {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    properties: row.properties,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export const normaliseDomains = (domains?: string[]) =>
  domains ? [...new Set(domains.map((domain) => domain.trim().toLowerCase()))] : undefined;

export async function findCompany(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<CompanyRow | undefined> {
  const { rows } = await db.query<CompanyRow>(
    'SELECT * FROM companies WHERE account_id = $1::uuid AND id = $2::uuid',
    [accountId, id],
  );
  return rows[0];
}

export async function insertCompany(
  db: Queryable,
  accountId: string,
  input: { name: string; domains?: string[]; properties?: Record<string, unknown> },
  now: Date,
): Promise<CompanyRow> {
  const { rows } = await db.query<CompanyRow>(
    `INSERT INTO companies (account_id, name, domains, properties, created_at, updated_at)
     VALUES ($1::uuid, $2::text, $3::text[], $4::jsonb, $5::timestamptz, $5::timestamptz) RETURNING *`,
    [
      accountId,
      input.name,
      normaliseDomains(input.domains) ?? [],
      JSON.stringify(input.properties ?? {}),
      now,
    ],
  );
  return rows[0];
}

/** Changes only the fields given; `properties` are merged key by key (a null value removes one). */
export async function updateCompany(
  db: Queryable,
  accountId: string,
  id: string,
  input: { name?: string; domains?: string[]; properties?: Record<string, unknown> },
  now: Date,
): Promise<CompanyRow | undefined> {
  const { rows } = await db.query<CompanyRow>(
    `UPDATE companies SET
       name = coalesce($3::text, name),
       domains = coalesce($4::text[], domains),
       properties = CASE WHEN $5::jsonb IS NULL THEN properties ELSE jsonb_strip_nulls(properties || $5::jsonb) END,
       updated_at = $6::timestamptz
     WHERE account_id = $1::uuid AND id = $2::uuid RETURNING *`,
    [
      accountId,
      id,
      input.name ?? null,
      normaliseDomains(input.domains) ?? null,
      input.properties ? JSON.stringify(input.properties) : null,
      now,
    ],
  );
  return rows[0];
}
