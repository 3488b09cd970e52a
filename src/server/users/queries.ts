import type { Seat, Tier } from '../../shared/enums';
import type { Account, User } from '../../shared/schemas';
import type { Queryable } from '../db/port';

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
