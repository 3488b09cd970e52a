import type { Seat, Tier } from '../../shared/enums';
import type { Account, User } from '../../shared/schemas';
import type { Queryable } from '../db/port';

/**
 * The `accounts` and `users` tables: created on a user's first valid token (auth), changed
 * by admins (users). This module is their only writer.
 */
/** Who a token names: its tenant (the account) and its user. `TokenClaims` has these. */
export interface PrincipalIdentity {
  tenantId: string;
  oid: string;
  email: string;
  name: string;
}

export interface PrincipalRow {
  account_id: string;
  user_id: string;
  deleted_at: Date | null;
}

const FIND = `
  SELECT a.id AS account_id, u.id AS user_id, u.deleted_at
  FROM accounts a JOIN users u ON u.account_id = a.id
  WHERE a.tenant_id = $1::text AND u.oid = $2::text`;

export async function findPrincipal(
  db: Queryable,
  claims: PrincipalIdentity,
): Promise<PrincipalRow | undefined> {
  const { rows } = await db.query<PrincipalRow>(FIND, [claims.tenantId, claims.oid]);
  return rows[0];
}

/**
 * Creates the account and the user on their first valid token. Both inserts are
 * `ON CONFLICT DO NOTHING`, so two first requests at once both succeed.
 */
export async function createPrincipal(db: Queryable, claims: PrincipalIdentity): Promise<PrincipalRow> {
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

export interface UserRow {
  id: string;
  account_id: string;
  email: string;
  name: string;
  seat: Seat;
  time_zone: string;
  signature: string;
  deleted_at: Date | null;
  created_at: Date;
  tier: Tier;
}

const USER_VIEW = `SELECT u.*, a.tier FROM users u JOIN accounts a ON a.id = u.account_id`;

export const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  seat: row.seat,
  timeZone: row.time_zone,
  deletedAt: row.deleted_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
});

export async function findUser(db: Queryable, accountId: string, id: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`${USER_VIEW} WHERE u.account_id = $1::uuid AND u.id = $2::uuid`, [
    accountId,
    id,
  ]);
  return rows[0];
}

export async function listUsers(db: Queryable, accountId: string): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(
    `${USER_VIEW} WHERE u.account_id = $1::uuid ORDER BY u.created_at, u.id`,
    [accountId],
  );
  return rows;
}

export async function updateUser(
  db: Queryable,
  accountId: string,
  id: string,
  fields: { seat?: Seat; timeZone?: string; signature?: string },
  now: Date,
): Promise<{ previousSeat: Seat } | undefined> {
  const { rows } = await db.query<{ previous_seat: Seat }>(
    `UPDATE users u SET seat = coalesce($3::text, u.seat), time_zone = coalesce($4::text, u.time_zone),
            signature = coalesce($5::text, u.signature), updated_at = $6::timestamptz
     FROM users old
     WHERE old.id = u.id AND u.account_id = $1::uuid AND u.id = $2::uuid AND u.deleted_at IS NULL
     RETURNING old.seat AS previous_seat`,
    [accountId, id, fields.seat ?? null, fields.timeZone ?? null, fields.signature ?? null, now],
  );
  return rows[0] && { previousSeat: rows[0].previous_seat };
}

export async function softDeleteUser(
  db: Queryable,
  accountId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE users SET deleted_at = $3::timestamptz, seat = 'none', updated_at = $3::timestamptz
     WHERE account_id = $1::uuid AND id = $2::uuid AND deleted_at IS NULL`,
    [accountId, id, now],
  );
  return rowCount > 0;
}

export interface AccountRow {
  id: string;
  name: string;
  tier: Tier;
  inbound_key: string;
}

export const toAccount = (row: AccountRow, inboundDomain: string): Account => ({
  id: row.id,
  name: row.name,
  tier: row.tier,
  inboundAddress: `${row.inbound_key}@${inboundDomain}`,
});

export async function findAccount(db: Queryable, accountId: string): Promise<AccountRow> {
  const { rows } = await db.query<AccountRow>(
    'SELECT id, name, tier, inbound_key FROM accounts WHERE id = $1::uuid',
    [accountId],
  );
  return rows[0];
}

export async function updateAccount(
  db: Queryable,
  accountId: string,
  fields: { tier?: Tier; name?: string },
  now: Date,
): Promise<AccountRow> {
  const { rows } = await db.query<AccountRow>(
    `UPDATE accounts SET tier = coalesce($2::text, tier), name = coalesce($3::text, name), updated_at = $4::timestamptz
     WHERE id = $1::uuid RETURNING id, name, tier, inbound_key`,
    [accountId, fields.tier ?? null, fields.name ?? null, now],
  );
  return rows[0];
}

/** How many accounts the database holds (a first start seeds a demo one into an empty database). */
export async function countAccounts(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
  return rows[0].n;
}
