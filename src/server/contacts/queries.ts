import type { Contact } from '../../shared/schemas';
import type { Queryable } from '../db/port';
import { Conditions } from '../db/conditions';
import { ENROLLMENT_VIEW, IS_CURRENT } from '../lifecycle';

export interface ContactRow {
  id: string;
  account_id: string;
  email: string;
  first_name: string;
  last_name: string;
  company_id: string | null;
  company_name: string | null;
  aliases: string[];
  properties: Record<string, unknown>;
  owner_id: string | null;
  owner_name: string | null;
  owner_email: string | null;
  opted_out_at: Date | null;
  bounced_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Contacts with their company's name and their owner. */
const CONTACT_COLUMNS = `
  c.id, c.account_id, c.email, c.first_name, c.last_name, c.company_id, co.name AS company_name,
  c.aliases, c.properties, c.owner_id, o.name AS owner_name, o.email AS owner_email,
  c.opted_out_at, c.bounced_at, c.created_at, c.updated_at`;
const CONTACT_FROM = `
  contacts c
  LEFT JOIN companies co ON co.id = c.company_id
  LEFT JOIN users o ON o.id = c.owner_id`;
const CONTACT_VIEW = `SELECT ${CONTACT_COLUMNS} FROM ${CONTACT_FROM}`;

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    companyId: row.company_id,
    company: row.company_id ? { id: row.company_id, name: row.company_name ?? '' } : null,
    aliases: row.aliases,
    properties: row.properties,
    owner: row.owner_id
      ? { id: row.owner_id, name: row.owner_name ?? '', email: row.owner_email ?? '' }
      : null,
    optedOutAt: row.opted_out_at?.toISOString() ?? null,
    bouncedAt: row.bounced_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function findContact(
  db: Queryable,
  accountId: string,
  id: string,
): Promise<ContactRow | undefined> {
  const { rows } = await db.query<ContactRow>(
    `${CONTACT_VIEW} WHERE c.account_id = $1::uuid AND c.id = $2::uuid AND c.deleted_at IS NULL`,
    [accountId, id],
  );
  return rows[0];
}

export async function findContactByEmail(
  db: Queryable,
  accountId: string,
  email: string,
): Promise<ContactRow | undefined> {
  const { rows } = await db.query<ContactRow>(
    `${CONTACT_VIEW} WHERE c.account_id = $1::uuid AND c.email_lower = lower($2::text) AND c.deleted_at IS NULL`,
    [accountId, email],
  );
  return rows[0];
}

export interface LookupRow extends ContactRow {
  matched_email: string;
  /** The contact's current enrollment as `to_jsonb` of an enrollment view row, or null. */
  enrollment: Record<string, unknown> | null;
}

/**
 * O3's lookup in ONE statement and one round trip: for each address (lower-cased)
 * the live contact it names — by primary email, else by a recorded alias (the
 * oldest such contact) — with its current enrollment. Index scans only: the
 * unique email index for every address, then one scan of the aliases GIN index
 * (`&&`) for those that matched no primary address.
 */
export async function lookupByEmails(
  db: Queryable,
  accountId: string,
  emails: string[],
): Promise<LookupRow[]> {
  const { rows } = await db.query<LookupRow>(
    `WITH input AS (
       SELECT DISTINCT email FROM unnest($2::text[]) AS t(email)
     ), direct AS (
       SELECT input.email, c.id AS contact_id
       FROM input
       JOIN contacts c ON c.account_id = $1::uuid AND c.email_lower = input.email AND c.deleted_at IS NULL
     ), unmatched AS (
       SELECT coalesce(array_agg(email), '{}') AS emails FROM input WHERE email NOT IN (SELECT email FROM direct)
     ), by_alias AS (
       -- The aliases index alone finds the few contacts; the account is checked on those rows.
       -- OFFSET 0 keeps the account out of the index scan: a prepared statement's generic plan
       -- ANDs it with an index on account_id, which reads every contact of the account.
       SELECT DISTINCT ON (alias.email) alias.email, c.id AS contact_id
       FROM (SELECT id, account_id, deleted_at, aliases, created_at FROM contacts
             WHERE aliases && (SELECT emails FROM unmatched) OFFSET 0) c
       CROSS JOIN LATERAL unnest(c.aliases) AS alias(email)
       WHERE c.account_id = $1::uuid AND c.deleted_at IS NULL
         AND alias.email = ANY(CAST((SELECT emails FROM unmatched) AS text[]))
       ORDER BY alias.email, c.created_at
     ), matched AS (
       SELECT email, contact_id FROM direct UNION ALL SELECT email, contact_id FROM by_alias
     )
     SELECT m.email AS matched_email, ${CONTACT_COLUMNS}, to_jsonb(current_enrollment) AS enrollment
     FROM matched m
     JOIN ${CONTACT_FROM} ON c.id = m.contact_id
     LEFT JOIN LATERAL (${ENROLLMENT_VIEW} WHERE e.contact_id = c.id AND e.status ${IS_CURRENT}) current_enrollment ON true`,
    [accountId, emails],
  );
  return rows;
}

export interface ContactFields {
  email?: string;
  firstName?: string;
  lastName?: string;
  companyId?: string | null;
  aliases?: string[];
  properties?: Record<string, unknown>;
  ownerId?: string;
}

export async function insertContact(
  db: Queryable,
  accountId: string,
  fields: ContactFields & { email: string },
  now: Date,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO contacts (account_id, email, first_name, last_name, company_id, aliases, properties, owner_id, created_at, updated_at)
     VALUES ($1::uuid, $2::text, $3::text, $4::text, $5::uuid, $6::text[], $7::jsonb, $8::uuid, $9::timestamptz, $9::timestamptz)
     RETURNING id`,
    [
      accountId,
      fields.email,
      fields.firstName ?? '',
      fields.lastName ?? '',
      fields.companyId ?? null,
      fields.aliases ?? [],
      JSON.stringify(fields.properties ?? {}),
      fields.ownerId ?? null,
      now,
    ],
  );
  return rows[0].id;
}

/** Changes only the fields given; `properties` are merged key by key (a null value removes one). */
export async function updateContact(
  db: Queryable,
  accountId: string,
  id: string,
  fields: ContactFields,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE contacts SET
       email = coalesce($3::text, email),
       first_name = coalesce($4::text, first_name),
       last_name = coalesce($5::text, last_name),
       company_id = CASE WHEN $6::boolean THEN $7::uuid ELSE company_id END,
       aliases = coalesce($8::text[], aliases),
       properties = CASE WHEN $9::jsonb IS NULL THEN properties
                         ELSE jsonb_strip_nulls(properties || $9::jsonb) END,
       owner_id = coalesce($10::uuid, owner_id),
       updated_at = $11::timestamptz
     WHERE account_id = $1::uuid AND id = $2::uuid AND deleted_at IS NULL`,
    [
      accountId,
      id,
      fields.email ?? null,
      fields.firstName ?? null,
      fields.lastName ?? null,
      fields.companyId !== undefined,
      fields.companyId ?? null,
      fields.aliases ?? null,
      fields.properties ? JSON.stringify(fields.properties) : null,
      fields.ownerId ?? null,
      now,
    ],
  );
  return rowCount > 0;
}

/** Soft delete: the contact disappears from the API, its enrollments and their history stay (E3). */
export async function softDeleteContact(
  db: Queryable,
  accountId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE contacts SET deleted_at = $3::timestamptz, updated_at = $3::timestamptz
     WHERE account_id = $1::uuid AND id = $2::uuid AND deleted_at IS NULL`,
    [accountId, id, now],
  );
  return rowCount > 0;
}

/**
 * The strings that start with `text` (lower-cased), as the range [from, to) in the byte order of
 * the search indexes (`text_pattern_ops`: `~>=~`, `~<~`): `to` is `text` with its last character
 * made the next one (UTF-8's byte order is the characters' order). A prefix, not a substring: a
 * prefix is a range of the search indexes (migration 0080), a substring a scan of the whole
 * account. And a range, not `LIKE 'q%'`: with its bounds as parameters it is an index range in
 * any plan, the generic plan PostgreSQL keeps after five runs too, while a LIKE pattern becomes
 * one only in a plan made for its value (docs/scaling.md). `%` and `_` are plain characters.
 */
export function prefixRange(text: string): { from: string; to: string | null } {
  const from = text.toLowerCase();
  const characters = [...from];
  while (characters.length > 0) {
    const last = (characters.pop() as string).codePointAt(0) as number;
    // The next character; the surrogates are not characters, and past U+10FFFF there is none.
    const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
    if (next <= 0x10ffff) return { from, to: characters.join('') + String.fromCodePoint(next) };
  }
  return { from, to: null };
}

export interface ContactListRow extends ContactRow {
  /** The contact's current enrollment as `to_jsonb` of an enrollment view row, or null. */
  enrollment: Record<string, unknown> | null;
}

/** A page of contacts, newest first, each with its current enrollment: one statement (C6). */
export async function listContacts(
  db: Queryable,
  accountId: string,
  page: { after?: { createdAt: Date; id: string }; limit: number; q?: string },
): Promise<ContactListRow[]> {
  const where = new Conditions();
  where.and(`c.account_id = ${where.param(accountId)}::uuid AND c.deleted_at IS NULL`);
  if (page.after)
    where.and(
      `(c.created_at, c.id) < (${where.param(page.after.createdAt)}::timestamptz, ${where.param(page.after.id)}::uuid)`,
    );
  if (page.q) {
    const range = prefixRange(page.q);
    const from = where.param(range.from);
    const to = range.to === null ? null : where.param(range.to);
    const startsWith = (expression: string) =>
      `(${expression} ~>=~ ${from}::text${to ? ` AND ${expression} ~<~ ${to}::text` : ''})`;
    where.and(
      `(${startsWith('c.email_lower')} OR ${startsWith(`lower(c.first_name || ' ' || c.last_name)`)}
        OR ${startsWith('lower(c.last_name)')})`,
    );
  }
  const limit = where.param(page.limit);
  const { rows } = await db.query<ContactListRow>(
    `SELECT ${CONTACT_COLUMNS}, to_jsonb(current_enrollment) AS enrollment
     FROM ${CONTACT_FROM}
     LEFT JOIN LATERAL (${ENROLLMENT_VIEW} WHERE e.contact_id = c.id AND e.status ${IS_CURRENT}) current_enrollment ON true
     WHERE ${where.where}
     ORDER BY c.created_at DESC, c.id DESC
     LIMIT ${limit}::int`,
    where.values,
    // A prefix may match one contact or a tenth of the account: a plan for each search's values.
    { planEachCall: Boolean(page.q) },
  );
  return rows;
}

/** For each address (lower-cased), the id of the live contact it names, by primary email or alias. */
export async function matchContactIds(
  db: Queryable,
  accountId: string,
  emails: string[],
): Promise<Map<string, string>> {
  const rows = await lookupByEmails(db, accountId, emails);
  return new Map(rows.map((row) => [row.matched_email, row.id]));
}

/** A8: the addresses hard-bounced; these contacts cannot be enrolled again. The first bounce's time stays. */
export async function markContactsBounced(db: Queryable, contactIds: string[], now: Date): Promise<void> {
  if (contactIds.length === 0) return;
  await db.query(
    `UPDATE contacts SET bounced_at = coalesce(bounced_at, $2::timestamptz), updated_at = $2::timestamptz
     WHERE id = ANY($1::uuid[])`,
    [contactIds, now],
  );
}

/** A7: no sequence email from now on. The first opt-out's time stays. */
export async function optOutContact(db: Queryable, contactId: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE contacts SET opted_out_at = coalesce(opted_out_at, $2::timestamptz), updated_at = $2::timestamptz
     WHERE id = $1::uuid`,
    [contactId, now],
  );
}

/** A8: an address refused by a bounce, whichever contact held it then. */
export async function isAddressRefused(db: Queryable, accountId: string, email: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM bounced_addresses WHERE account_id = $1::uuid AND address_lower = lower($2::text)',
    [accountId, email],
  );
  return rowCount > 0;
}

/** A company and an owner named by a contact's fields: which of them exist in the account. */
export async function referencesExist(
  db: Queryable,
  accountId: string,
  refs: { companyId?: string | null; ownerId?: string | null },
): Promise<{ company: boolean; owner: boolean }> {
  const { rows } = await db.query<{ company: boolean; owner: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM companies WHERE account_id = $1::uuid AND id = $2::uuid) AS company,
            EXISTS (SELECT 1 FROM users WHERE account_id = $1::uuid AND id = $3::uuid AND deleted_at IS NULL) AS owner`,
    [accountId, refs.companyId ?? null, refs.ownerId ?? null],
  );
  return rows[0];
}
