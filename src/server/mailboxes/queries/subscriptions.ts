import type { Queryable } from '../../db/port';
import type { FolderName } from './sync-state';

/** Each folder's change-notification subscription (on `mailbox_folders`). */

/** The subscriptions named by notifications, with what proves a notification genuine. */
export async function subscriptionsByIds(
  db: Queryable,
  ids: string[],
): Promise<{ subscription_id: string; client_state: string; mailbox_id: string }[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ subscription_id: string; client_state: string; mailbox_id: string }>(
    `SELECT subscription_id, client_state, mailbox_id FROM mailbox_folders WHERE subscription_id = ANY($1::text[])`,
    [ids],
  );
  return rows;
}

export async function storeSubscription(
  db: Queryable,
  input: { mailboxId: string; folder: FolderName; id: string; clientState: string; expiresAt: Date },
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO mailbox_folders (mailbox_id, folder, subscription_id, client_state, subscription_expires_at, updated_at)
     VALUES ($1::uuid, $2::text, $3::text, $4::text, $5::timestamptz, $6::timestamptz)
     ON CONFLICT (mailbox_id, folder) DO UPDATE SET subscription_id = EXCLUDED.subscription_id,
       client_state = EXCLUDED.client_state, subscription_expires_at = EXCLUDED.subscription_expires_at,
       updated_at = EXCLUDED.updated_at`,
    [input.mailboxId, input.folder, input.id, input.clientState, input.expiresAt, now],
  );
}

export async function renewedSubscription(
  db: Queryable,
  id: string,
  expiresAt: Date,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE mailbox_folders SET subscription_expires_at = $2::timestamptz, updated_at = $3::timestamptz
     WHERE subscription_id = $1::text`,
    [id, expiresAt, now],
  );
}

/**
 * Lifecycle events: `removed` forgets the subscription (the next sync creates another),
 * `reauthorize` makes it due for renewal (the next sync renews it).
 */
export async function subscriptionLifecycle(
  db: Queryable,
  ids: { removed: string[]; reauthorize: string[] },
  now: Date,
): Promise<void> {
  if (ids.removed.length + ids.reauthorize.length === 0) return;
  await db.query(
    `UPDATE mailbox_folders SET
       subscription_id = CASE WHEN subscription_id = ANY($1::text[]) THEN NULL ELSE subscription_id END,
       client_state = CASE WHEN subscription_id = ANY($1::text[]) THEN NULL ELSE client_state END,
       subscription_expires_at = CASE WHEN subscription_id = ANY($1::text[]) THEN NULL ELSE $3::timestamptz END,
       updated_at = $3::timestamptz
     WHERE subscription_id = ANY($1::text[]) OR subscription_id = ANY($2::text[])`,
    [ids.removed, ids.reauthorize, now],
  );
}
