import type { Queryable } from '../../db/port';

/** `mailbox_folders`: where each folder's delta round stands. */

export type FolderName = 'inbox' | 'junkemail' | 'sentitems';

export interface FolderRow {
  folder: FolderName;
  cursor: string | null;
  cursor_kind: 'next' | 'delta' | null;
  subscription_id: string | null;
  client_state: string | null;
  subscription_expires_at: Date | null;
}

export async function mailboxFolders(db: Queryable, mailboxId: string): Promise<FolderRow[]> {
  const { rows } = await db.query<FolderRow>(
    `SELECT folder, cursor, cursor_kind, subscription_id, client_state, subscription_expires_at
     FROM mailbox_folders WHERE mailbox_id = $1::uuid`,
    [mailboxId],
  );
  return rows;
}

/**
 * Stores where a folder's delta round stands, and extends the lease — only while the lease is
 * still this worker's (false: it ran out and another worker may have the mailbox; stop).
 */
export async function storeCursor(
  db: Queryable,
  input: {
    mailboxId: string;
    folder: FolderName;
    cursor: string | null;
    kind: 'next' | 'delta' | null;
    token: string;
    leaseUntil: Date;
  },
  now: Date,
): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(
    `WITH ours AS (
       UPDATE mailboxes SET lease_until = $6::timestamptz
       WHERE id = $1::uuid AND lease_token = $5::uuid AND lease_until > $7::timestamptz
       RETURNING id
     ), stored AS (
       INSERT INTO mailbox_folders (mailbox_id, folder, cursor, cursor_kind, updated_at)
       SELECT id, $2::text, $3::text, $4::text, $7::timestamptz FROM ours
       ON CONFLICT (mailbox_id, folder) DO UPDATE SET cursor = EXCLUDED.cursor, cursor_kind = EXCLUDED.cursor_kind,
         updated_at = EXCLUDED.updated_at
     )
     SELECT id FROM ours`,
    [input.mailboxId, input.folder, input.cursor, input.kind, input.token, input.leaseUntil, now],
  );
  return rows.length > 0;
}
