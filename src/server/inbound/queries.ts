import type { Queryable } from '../db/port';
import type { BounceFact, EnrollmentFact, SenderContact } from '../engine/inbound/facts';
import { effectiveSettings } from '../engine/sequence-settings';
import type { SequenceSettings } from '../../shared/schemas';
import type { EnrollmentStatus } from '../../shared/enums';

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
     LEFT JOIN enrollments e ON e.contact_id = c.id AND e.status IN ('active', 'paused')
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
     WHERE e.account_id = $1::uuid AND e.status IN ('active', 'paused') AND c.deleted_at IS NULL
       AND NOT (c.id = ANY($4::uuid[]))
       AND c.company_id IN (
         SELECT id FROM companies
         WHERE account_id = $1::uuid AND (id = ANY($2::uuid[]) OR ($3::text IS NOT NULL AND domains @> ARRAY[$3::text])))`,
    [accountId, input.companyIds, input.domain, input.excludeContactIds],
  );
  return rows.map(toFact);
}

/** A8: who holds a failed address, their current enrollments, and the address's recent soft bounces. */
export async function bounceFacts(
  db: Queryable,
  accountId: string,
  bounce: Omit<BounceFact, 'recentSoftBounces' | 'contactIds' | 'enrollments'>,
  windowStart: Date,
): Promise<BounceFact> {
  const contacts = await db.query<{ id: string }>(
    `SELECT id FROM contacts WHERE account_id = $1::uuid AND deleted_at IS NULL AND email_lower = $2::text`,
    [accountId, bounce.address],
  );
  const contactIds = contacts.rows.map((row) => row.id);
  const enrollments = contactIds.length
    ? await db.query<EnrollmentFactRow>(
        `${ENROLLMENT_FACT} WHERE e.contact_id = ANY($1::uuid[]) AND e.status IN ('active', 'paused')`,
        [contactIds],
      )
    : { rows: [] };
  const soft = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM address_bounces
     WHERE account_id = $1::uuid AND address_lower = $2::text AND severity = 'soft' AND occurred_at > $3::timestamptz`,
    [accountId, bounce.address, windowStart],
  );
  return {
    ...bounce,
    contactIds,
    enrollments: enrollments.rows.map(toFact),
    recentSoftBounces: soft.rows[0].n + (bounce.severity === 'soft' ? 1 : 0),
  };
}

/** The address a sequence email with this Message-ID went to (a bounce that names no recipient). */
export async function sentTo(
  db: Queryable,
  accountId: string,
  messageId: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ to_address: string }>(
    `SELECT to_address FROM sent_messages WHERE account_id = $1::uuid AND message_id = $2::text`,
    [accountId, messageId],
  );
  return rows[0]?.to_address.toLowerCase();
}
