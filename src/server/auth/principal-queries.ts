import type { Tier } from '../../shared/enums';
import type { Queryable } from '../db/port';
import type { TokenClaims } from './claims';

export interface PrincipalRow {
  account_id: string;
  user_id: string;
  deleted_at: Date | null;
}

const FIND = `
  SELECT a.id AS account_id, u.id AS user_id, u.deleted_at
  FROM accounts a JOIN users u ON u.account_id = a.id
  WHERE a.tenant_id = $1::text AND u.oid = $2::text`;

export async function findPrincipal(db: Queryable, claims: TokenClaims): Promise<PrincipalRow | undefined> {
  const { rows } = await db.query<PrincipalRow>(FIND, [claims.tenantId, claims.oid]);
  return rows[0];
}

/**
 * Creates the account and the user on their first valid token. Both inserts are
 * `ON CONFLICT DO NOTHING`, so two first requests at once both succeed.
 */
export async function createPrincipal(db: Queryable, claims: TokenClaims): Promise<PrincipalRow> {
  await db.query(
    `INSERT INTO accounts (tenant_id, name) VALUES ($1::text, $2::text) ON CONFLICT (tenant_id) DO NOTHING`,
    [claims.tenantId, claims.email.split('@')[1] ?? ''],
  );
  await db.query(
    `INSERT INTO users (account_id, oid, email, name)
     SELECT id, $2::text, $3::text, $4::text FROM accounts WHERE tenant_id = $1::text
     ON CONFLICT (account_id, oid) DO NOTHING`,
    [claims.tenantId, claims.oid, claims.email, claims.name],
  );
  const { rows } = await db.query<PrincipalRow>(FIND, [claims.tenantId, claims.oid]);
  return rows[0];
}

/** The account of a tenant, for app-only callers (which never create one). */
export async function findAccountByTenant(
  db: Queryable,
  tenantId: string,
): Promise<{ id: string; tier: Tier } | undefined> {
  const { rows } = await db.query<{ id: string; tier: Tier }>(
    'SELECT id, tier FROM accounts WHERE tenant_id = $1::text',
    [tenantId],
  );
  return rows[0];
}
