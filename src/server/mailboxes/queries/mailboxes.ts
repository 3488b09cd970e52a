import type { Queryable } from '../../db/port';
import type { MailboxSelection } from './connection';

/** `mailboxes`: which users' mailboxes are connected, following their sales seats. */

export interface AccountUserMailbox {
  user_id: string;
  email: string;
  name: string;
  seat: string;
  mailbox_id: string | null;
  enabled: boolean | null;
  status: 'active' | 'failing' | null;
  last_error: string | null;
  last_error_at: Date | null;
  last_synced_at: Date | null;
}

/** Every user of the account with their mailbox, if one is connected. */
export async function accountMailboxes(db: Queryable, accountId: string): Promise<AccountUserMailbox[]> {
  const { rows } = await db.query<AccountUserMailbox>(
    `SELECT u.id AS user_id, u.email, u.name, u.seat, m.id AS mailbox_id, m.enabled, m.status,
            m.last_error, m.last_error_at, m.last_synced_at
     FROM users u LEFT JOIN mailboxes m ON m.user_id = u.id
     WHERE u.account_id = $1::uuid AND u.deleted_at IS NULL
     ORDER BY u.created_at, u.id`,
    [accountId],
  );
  return rows;
}

/**
 * Which mailboxes an account reads: every user with a sales seat (`sales_seats`), or those
 * picked (`selected`, `userIds`; the others are switched off).
 */
export async function selectMailboxes(
  db: Queryable,
  accountId: string,
  selection: MailboxSelection,
  userIds: string[],
  now: Date,
): Promise<void> {
  await db.query(
    `WITH connection AS (
       UPDATE mail_connections SET mailbox_selection = $2::text, updated_at = $4::timestamptz WHERE account_id = $1::uuid
     )
     UPDATE mailboxes SET enabled = (user_id = ANY($3::uuid[])), updated_at = $4::timestamptz
     WHERE account_id = $1::uuid AND $2::text = 'selected' AND enabled IS DISTINCT FROM (user_id = ANY($3::uuid[]))`,
    [accountId, selection, userIds, now],
  );
}

/** Users who should have a mailbox row and have none: of connected accounts, by their selection. */
export async function usersWithoutMailbox(
  db: Queryable,
  options: { accountId?: string; userIds?: string[] } = {},
): Promise<{ id: string; account_id: string; oid: string; email: string }[]> {
  const { rows } = await db.query<{ id: string; account_id: string; oid: string; email: string }>(
    `SELECT u.id, u.account_id, u.oid, u.email
     FROM users u JOIN mail_connections c ON c.account_id = u.account_id
     WHERE c.status IN ('connected', 'failing') AND u.deleted_at IS NULL
       AND ($1::uuid IS NULL OR u.account_id = $1::uuid)
       AND ((c.mailbox_selection = 'sales_seats' AND u.seat = 'sales') OR u.id = ANY($2::uuid[]))
       AND NOT EXISTS (SELECT 1 FROM mailboxes m WHERE m.user_id = u.id)
     LIMIT 1000`,
    [options.accountId ?? null, options.userIds ?? []],
  );
  return rows;
}

/** New mailbox rows, due now; the first round reads mail received since `syncFrom`. */
export async function insertMailboxes(
  db: Queryable,
  mailboxes: { accountId: string; userId: string; graphUser: string }[],
  syncFrom: Date,
  now: Date,
): Promise<number> {
  if (mailboxes.length === 0) return 0;
  const { rowCount } = await db.query(
    `INSERT INTO mailboxes (account_id, user_id, graph_user, sync_from, next_sync_at, created_at, updated_at)
     SELECT m.account_id, m.user_id, m.graph_user, $2::timestamptz, $3::timestamptz, $3::timestamptz, $3::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS m(account_id uuid, user_id uuid, graph_user text)
     ON CONFLICT (user_id) DO NOTHING`,
    [
      JSON.stringify(
        mailboxes.map((m) => ({ account_id: m.accountId, user_id: m.userId, graph_user: m.graphUser })),
      ),
      syncFrom,
      now,
    ],
  );
  return rowCount;
}

/**
 * With `sales_seats`, a mailbox follows its user's seat: off when the seat is taken away or
 * the user removed, on again when it comes back. A removed user's mailbox is always off.
 */
const FOLLOWS_SEAT = `(u.deleted_at IS NULL AND
  CASE WHEN c.mailbox_selection = 'selected' THEN m.enabled ELSE u.seat = 'sales' END)`;

export async function followSeats(db: Queryable, now: Date): Promise<void> {
  await db.query(
    `UPDATE mailboxes m
     SET enabled = ${FOLLOWS_SEAT}, updated_at = $1::timestamptz
     FROM users u, mail_connections c
     WHERE u.id = m.user_id AND c.account_id = m.account_id AND c.status IN ('connected', 'failing')
       AND m.enabled IS DISTINCT FROM ${FOLLOWS_SEAT}`,
    [now],
  );
}

/** The connected mailbox a user's sequence email leaves from, if there is one. */
export async function sendingMailbox(
  db: Queryable,
  accountId: string,
  userId: string,
): Promise<{ tenant_id: string; graph_user: string } | undefined> {
  const { rows } = await db.query<{ tenant_id: string; graph_user: string }>(
    `SELECT a.tenant_id, m.graph_user
     FROM mailboxes m JOIN mail_connections c ON c.account_id = m.account_id JOIN accounts a ON a.id = m.account_id
     WHERE m.account_id = $1::uuid AND m.user_id = $2::uuid AND m.enabled AND c.status IN ('connected', 'failing')`,
    [accountId, userId],
  );
  return rows[0];
}
