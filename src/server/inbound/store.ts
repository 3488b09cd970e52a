import type { Queryable } from '../db/port';
import type { MessageFacts } from './message-facts';

export interface InboundRow {
  id: string;
  message_id: string | null;
  status: 'received' | 'processed';
  classification: Record<string, unknown>;
  actions: InboundAction[] | null;
}

/** What processing did, as the API reports it. */
export type InboundAction =
  | { type: 'unenrolled'; enrollmentId: string; contactId: string; reason: string }
  | { type: 'paused'; enrollmentId: string; contactId: string; until: string }
  | { type: 'reply_recorded'; enrollmentId: string }
  | { type: 'auto_reply_noted'; enrollmentId: string }
  | { type: 'bounce_recorded'; address: string; severity: 'hard' | 'soft'; addressRefused: boolean };

/** Stores the message's facts (committed before anything acts on them); false when it was there already. */
export async function insertInbound(
  db: Queryable,
  input: {
    accountId: string;
    dedupeKey: string;
    facts: MessageFacts;
    classification: object;
    now: Date;
  },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO inbound_messages (account_id, dedupe_key, message_id, from_address, subject, size_bytes, facts, classification, received_at)
     VALUES ($1::uuid, $2::text, $3::text, $4::text, $5::text, $6::int, $7::jsonb, $8::jsonb, $9::timestamptz)
     ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
    [
      input.accountId,
      input.dedupeKey,
      input.facts.messageId,
      input.facts.from,
      input.facts.subject,
      input.facts.sizeBytes,
      JSON.stringify(input.facts),
      JSON.stringify(input.classification),
      input.now,
    ],
  );
  return rowCount > 0;
}

/** The stored message, locked until the caller's transaction ends, so one message is processed once. */
export async function lockInbound(db: Queryable, accountId: string, dedupeKey: string): Promise<InboundRow> {
  const { rows } = await db.query<InboundRow>(
    `SELECT id, message_id, status, classification, actions FROM inbound_messages
     WHERE account_id = $1::uuid AND dedupe_key = $2::text FOR UPDATE`,
    [accountId, dedupeKey],
  );
  return rows[0];
}

export async function markProcessed(
  db: Queryable,
  id: string,
  actions: InboundAction[],
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE inbound_messages SET status = 'processed', actions = $2::jsonb, processed_at = $3::timestamptz WHERE id = $1::uuid`,
    [id, JSON.stringify(actions), now],
  );
}
