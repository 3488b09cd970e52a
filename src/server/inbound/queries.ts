import type { Queryable } from '../db/port';
import type { MessageFacts } from './message-facts';
import type { BounceFact, EnrollmentFact, SenderContact } from '../engine/inbound/facts';
import { effectiveSettings } from '../engine/sequence-settings';
import type { SequenceSettings } from '../../shared/schemas';
import type { EnrollmentStatus } from '../../shared/enums';
import type { InboundDecision } from '../engine/inbound/facts';
import { IS_CURRENT } from '../lifecycle';

interface EnrollmentFactRow {
  id: string;
  contact_id: string;
  email: string;
  status: EnrollmentStatus;
  settings: SequenceSettings;
  time_zone: string;
}

const toFact = (row: EnrollmentFactRow): EnrollmentFact => ({
  id: row.id,
  contactId: row.contact_id,
  email: row.email.toLowerCase(),
  status: row.status,
  settings: effectiveSettings(row.settings),
  timeZone: row.time_zone,
});

const ENROLLMENT_FACT = `SELECT e.id, e.contact_id, e.email, e.status, s.settings, coalesce(u.time_zone, 'UTC') AS time_zone
  FROM enrollments e JOIN sequences s ON s.id = e.sequence_id LEFT JOIN users u ON u.id = e.enrolled_by`;

/** A1: the enrollments whose sequence emails these Message-IDs name. */
export async function threadByMessageIds(
  db: Queryable,
  accountId: string,
  ids: string[],
): Promise<EnrollmentFact[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<EnrollmentFactRow>(
    `${ENROLLMENT_FACT}
     WHERE e.account_id = $1::uuid AND e.id IN (
       SELECT enrollment_id FROM sent_messages WHERE account_id = $1::uuid AND message_id = ANY($2::text[]))`,
    [accountId, ids],
  );
  return rows.map(toFact);
}

/** The subjects of sequence emails sent to these contacts (for A1's sender + subject fallback), newest first. */
export async function sentSubjects(
  db: Queryable,
  accountId: string,
  contactIds: string[],
): Promise<Array<{ enrollment_id: string; subject: string }>> {
  if (contactIds.length === 0) return [];
  const { rows } = await db.query<{ enrollment_id: string; subject: string }>(
    `SELECT enrollment_id, subject FROM sent_messages
     WHERE account_id = $1::uuid AND contact_id = ANY($2::uuid[]) ORDER BY sent_at DESC LIMIT 500`,
    [accountId, contactIds],
  );
  return rows;
}

export async function enrollmentFacts(db: Queryable, ids: string[]): Promise<EnrollmentFact[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<EnrollmentFactRow>(`${ENROLLMENT_FACT} WHERE e.id = ANY($1::uuid[])`, [
    ids,
  ]);
  return rows.map(toFact);
}

/**
 * A4: the live contacts the sender is — by primary address (`exact`), by a
 * recorded alias, or by the provider-canonical form of the primary address
 * (`canonical_email`: +tags, Gmail dots, googlemail.com) — each with its current
 * enrollment and company.
 */
export async function senderContacts(
  db: Queryable,
  accountId: string,
  sender: string,
): Promise<Array<SenderContact & { companyId: string | null }>> {
  const { rows } = await db.query<
    { contact_id: string; company_id: string | null; exact: boolean } & Partial<EnrollmentFactRow>
  >(
    `SELECT c.id AS contact_id, c.company_id, c.email_lower = $2::text AS exact,
            e.id, e.email, e.status, s.settings, coalesce(u.time_zone, 'UTC') AS time_zone
     FROM contacts c
     LEFT JOIN enrollments e ON e.contact_id = c.id AND e.status ${IS_CURRENT}
     LEFT JOIN sequences s ON s.id = e.sequence_id
     LEFT JOIN users u ON u.id = e.enrolled_by
     WHERE c.account_id = $1::uuid AND c.deleted_at IS NULL
       AND (c.email_lower = $2::text OR c.aliases @> ARRAY[$2::text] OR canonical_email(c.email) = canonical_email($2::text))`,
    [accountId, sender],
  );
  return rows.map((row) => ({
    contactId: row.contact_id,
    companyId: row.company_id,
    match: row.exact ? 'exact' : 'alias',
    currentEnrollment: row.id
      ? toFact({
          id: row.id,
          contact_id: row.contact_id,
          email: row.email!,
          status: row.status!,
          settings: row.settings!,
          time_zone: row.time_zone!,
        })
      : null,
  }));
}

/**
 * A5: current enrollments of the contacts of the sender's company — the companies
 * of the sender's own contacts, and those listing the sender's domain (never a
 * free-mail domain: the caller passes null then) — other than the sender's own.
 */
export async function colleagueEnrollments(
  db: Queryable,
  accountId: string,
  input: { companyIds: string[]; domain: string | null; excludeContactIds: string[] },
): Promise<EnrollmentFact[]> {
  const { rows } = await db.query<EnrollmentFactRow>(
    `${ENROLLMENT_FACT}
     JOIN contacts c ON c.id = e.contact_id
     WHERE e.account_id = $1::uuid AND e.status ${IS_CURRENT} AND c.deleted_at IS NULL
       AND NOT (c.id = ANY($4::uuid[]))
       AND c.company_id IN (
         SELECT id FROM companies
         WHERE account_id = $1::uuid AND (id = ANY($2::uuid[]) OR ($3::text IS NOT NULL AND domains @> ARRAY[$3::text])))`,
    [accountId, input.companyIds, input.domain, input.excludeContactIds],
  );
  return rows.map(toFact);
}

/**
 * A8, set-based: for each failed address, the live contacts that hold it, their current
 * enrollments, and the address's recent soft bounces — two statements whatever the count.
 */
export async function bounceFacts(
  db: Queryable,
  accountId: string,
  bounces: Omit<BounceFact, 'recentSoftBounces' | 'contactIds' | 'enrollments'>[],
  windowStart: Date,
): Promise<BounceFact[]> {
  if (bounces.length === 0) return [];
  const addresses = bounces.map((bounce) => bounce.address);
  const holders = await db.query<{ address: string; contact_id: string } & Partial<EnrollmentFactRow>>(
    `SELECT c.email_lower AS address, c.id AS contact_id,
            e.id, e.email, e.status, s.settings, coalesce(u.time_zone, 'UTC') AS time_zone
     FROM contacts c
     LEFT JOIN enrollments e ON e.contact_id = c.id AND e.status ${IS_CURRENT}
     LEFT JOIN sequences s ON s.id = e.sequence_id
     LEFT JOIN users u ON u.id = e.enrolled_by
     WHERE c.account_id = $1::uuid AND c.deleted_at IS NULL AND c.email_lower = ANY($2::text[])`,
    [accountId, addresses],
  );
  const soft = await db.query<{ address: string; n: number }>(
    `SELECT address_lower AS address, count(*)::int AS n FROM address_bounces
     WHERE account_id = $1::uuid AND address_lower = ANY($2::text[]) AND severity = 'soft' AND occurred_at > $3::timestamptz
     GROUP BY address_lower`,
    [accountId, addresses, windowStart],
  );
  const softCount = new Map(soft.rows.map((row) => [row.address, row.n]));
  return bounces.map((bounce) => {
    const rows = holders.rows.filter((row) => row.address === bounce.address);
    return {
      ...bounce,
      contactIds: [...new Set(rows.map((row) => row.contact_id))],
      enrollments: rows.flatMap((row) =>
        row.id
          ? [
              toFact({
                id: row.id,
                contact_id: row.contact_id,
                email: row.email!,
                status: row.status!,
                settings: row.settings!,
                time_zone: row.time_zone!,
              }),
            ]
          : [],
      ),
      recentSoftBounces: (softCount.get(bounce.address) ?? 0) + (bounce.severity === 'soft' ? 1 : 0),
    };
  });
}

/**
 * S4: the sequence emails of this account a bounce proves it answers — by the ids its VERP
 * return path named, or by Message-ID — with the address each went to (lower case).
 */
export async function sentMessagesProven(
  db: Queryable,
  accountId: string,
  proof: { ids: string[]; messageIds: string[] },
): Promise<Array<{ id: string; to_address: string; enrollment_id: string }>> {
  if (proof.ids.length === 0 && proof.messageIds.length === 0) return [];
  const { rows } = await db.query<{ id: string; to_address: string; enrollment_id: string }>(
    `SELECT id, lower(to_address) AS to_address, enrollment_id FROM sent_messages
     WHERE account_id = $1::uuid AND (id = ANY($2::uuid[]) OR message_id = ANY($3::text[]))`,
    [accountId, proof.ids, proof.messageIds],
  );
  return rows;
}

/** The contact of each enrollment. */
export async function contactsOfEnrollments(
  db: Queryable,
  enrollmentIds: string[],
): Promise<Map<string, string>> {
  if (enrollmentIds.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; contact_id: string }>(
    'SELECT id, contact_id FROM enrollments WHERE id = ANY($1::uuid[])',
    [enrollmentIds],
  );
  return new Map(rows.map((row) => [row.id, row.contact_id]));
}

/**
 * A8: the delivery failures a message reported, set-based: every failure in
 * `address_bounces` (soft ones are counted over a window), and the addresses to refuse
 * from now on in `bounced_addresses` (the first refusal stays).
 */
export async function recordAddressBounces(
  db: Queryable,
  accountId: string,
  inboundId: string,
  bounces: Extract<InboundDecision, { type: 'record_bounce' }>[],
  now: Date,
): Promise<void> {
  if (bounces.length === 0) return;
  await db.query(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb)
         AS b(address text, severity text, status text, diagnostic text, refuse boolean)
     ), recorded AS (
       INSERT INTO address_bounces (account_id, address_lower, severity, status, diagnostic, inbound_message_id, occurred_at)
       SELECT $1::uuid, address, severity, status, diagnostic, $3::uuid, $4::timestamptz FROM input
     )
     INSERT INTO bounced_addresses (account_id, address_lower, bounced_at, reason)
     SELECT DISTINCT ON (address) $1::uuid, address, $4::timestamptz, coalesce(status, severity) FROM input WHERE refuse
     ORDER BY address
     ON CONFLICT (account_id, address_lower) DO NOTHING`,
    [
      accountId,
      JSON.stringify(
        bounces.map((b) => ({
          address: b.address,
          severity: b.severity,
          status: b.status,
          diagnostic: b.diagnostic,
          refuse: b.refuse,
        })),
      ),
      inboundId,
      now,
    ],
  );
}

/** The account whose inbound address has this local part (the listener's `RCPT TO`). */
export async function accountByInboundKey(db: Queryable, key: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM accounts WHERE inbound_key = $1::text', [
    key,
  ]);
  return rows[0]?.id;
}

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
  | { type: 'bounce_recorded'; address: string; severity: 'hard' | 'soft'; addressRefused: boolean }
  /** A failed address the bounce may not act on (S4), or a count of them beyond the first few. */
  | ({ type: 'bounce_ignored'; reason: string } & ({ address: string } | { count: number }));

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

/** The account of a sequence email (a bounce addressed to its VERP return path). */
export async function accountOfSentMessage(
  db: Queryable,
  sentMessageId: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ account_id: string }>(
    'SELECT account_id FROM sent_messages WHERE id = $1::uuid',
    [sentMessageId],
  );
  return rows[0]?.account_id;
}
