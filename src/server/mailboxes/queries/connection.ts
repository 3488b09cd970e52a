import type { Queryable } from '../../db/port';

/** `mail_connections`: an account's Graph connection, its consent and its state (this folder is its only writer). */

export const ConnectionStatus = {
  pending: 'pending',
  connected: 'connected',
  failing: 'failing',
  disconnected: 'disconnected',
} as const;
export type ConnectionStatus = (typeof ConnectionStatus)[keyof typeof ConnectionStatus];

export type MailboxSelection = 'sales_seats' | 'selected';

export interface ConnectionRow {
  account_id: string;
  status: ConnectionStatus;
  consent_state: string | null;
  consent_requested_at: Date | null;
  consented_at: Date | null;
  mailbox_selection: MailboxSelection;
  last_error: string | null;
  last_error_at: Date | null;
  last_ok_at: Date | null;
}

const CONNECTION_COLUMNS = `account_id, status, consent_state, consent_requested_at, consented_at,
  mailbox_selection, last_error, last_error_at, last_ok_at`;

export async function findConnection(db: Queryable, accountId: string): Promise<ConnectionRow | undefined> {
  const { rows } = await db.query<ConnectionRow>(
    `SELECT ${CONNECTION_COLUMNS} FROM mail_connections WHERE account_id = $1::uuid`,
    [accountId],
  );
  return rows[0];
}

/** An admin asked for consent: `state` names this request until its callback comes back. */
export async function requestConsent(
  db: Queryable,
  input: { accountId: string; userId: string; state: string },
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO mail_connections (account_id, status, consent_state, consent_requested_at, consent_requested_by,
                                   created_at, updated_at)
     VALUES ($1::uuid, 'pending', $3::text, $4::timestamptz, $2::uuid, $4::timestamptz, $4::timestamptz)
     ON CONFLICT (account_id) DO UPDATE SET
       consent_state = EXCLUDED.consent_state, consent_requested_at = EXCLUDED.consent_requested_at,
       consent_requested_by = EXCLUDED.consent_requested_by, updated_at = EXCLUDED.updated_at,
       status = CASE WHEN mail_connections.status = 'disconnected' THEN 'pending' ELSE mail_connections.status END`,
    [input.accountId, input.userId, input.state, now],
  );
}

export async function connectionByConsentState(
  db: Queryable,
  state: string,
): Promise<(ConnectionRow & { tenant_id: string }) | undefined> {
  const { rows } = await db.query<ConnectionRow & { tenant_id: string }>(
    `SELECT ${CONNECTION_COLUMNS.replace(/(\w+)/g, 'c.$1')}, a.tenant_id
     FROM mail_connections c JOIN accounts a ON a.id = c.account_id WHERE c.consent_state = $1::text`,
    [state],
  );
  return rows[0];
}

/** The admin consented and a token was obtained: connected. The state is spent. */
export async function recordConsent(db: Queryable, accountId: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE mail_connections SET status = 'connected', consented_at = $2::timestamptz, consent_state = NULL,
            last_ok_at = $2::timestamptz, last_error = NULL, last_error_at = NULL, updated_at = $2::timestamptz
     WHERE account_id = $1::uuid`,
    [accountId, now],
  );
}

/**
 * Something failed for the whole connection (the token, the consent callback): failing once
 * consented, still pending before; the error is shown to admins.
 */
export async function recordConnectionError(
  db: Queryable,
  accountId: string,
  message: string,
  now: Date,
  options: { spendState?: boolean } = {},
): Promise<void> {
  await db.query(
    `UPDATE mail_connections SET last_error = $2::text, last_error_at = $3::timestamptz, updated_at = $3::timestamptz,
            status = CASE WHEN consented_at IS NULL THEN status ELSE 'failing' END,
            consent_state = CASE WHEN $4::boolean THEN NULL ELSE consent_state END
     WHERE account_id = $1::uuid AND status <> 'disconnected'`,
    [accountId, message.slice(0, 1000), now, options.spendState ?? false],
  );
}

/**
 * A token was obtained for these accounts: a failing connection is connected again. Written
 * at most once a minute per connection otherwise: every mailbox of an account reports here,
 * and writing it every time would queue their syncs on one row's lock.
 */
export async function recordConnectionOk(db: Queryable, accountIds: string[], now: Date): Promise<void> {
  if (accountIds.length === 0) return;
  await db.query(
    `UPDATE mail_connections SET status = 'connected', last_ok_at = $2::timestamptz, updated_at = $2::timestamptz
     WHERE account_id = ANY($1::uuid[])
       AND (status = 'failing' OR (status = 'connected' AND (last_ok_at IS NULL OR last_ok_at < $2::timestamptz - interval '1 minute')))`,
    [accountIds, now],
  );
}

export async function disconnect(db: Queryable, accountId: string, now: Date): Promise<void> {
  await db.query(
    `WITH connection AS (
       UPDATE mail_connections SET status = 'disconnected', consent_state = NULL, updated_at = $2::timestamptz
       WHERE account_id = $1::uuid
     )
     UPDATE mailboxes SET enabled = false, lease_token = NULL, lease_until = NULL, updated_at = $2::timestamptz
     WHERE account_id = $1::uuid`,
    [accountId, now],
  );
}
