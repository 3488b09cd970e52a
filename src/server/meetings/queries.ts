import type { EnrollmentStatus, MeetingSource } from '../../shared/enums';
import type { MeetingRecordRef, MeetingResult } from '../../shared/schemas';
import type { Queryable } from '../db/port';
import { IS_CURRENT } from '../lifecycle';

export interface StoredMeeting {
  id: string;
  result: Omit<MeetingResult, 'duplicate'>;
}

export async function findMeeting(
  db: Queryable,
  accountId: string,
  externalId: string,
): Promise<StoredMeeting | undefined> {
  const { rows } = await db.query<StoredMeeting>(
    'SELECT id, result FROM meetings WHERE account_id = $1::uuid AND external_id = $2::text',
    [accountId, externalId],
  );
  return rows[0];
}

export interface NewMeeting {
  id: string;
  accountId: string;
  externalId: string;
  source: MeetingSource;
  organizerUserId: string | null;
  organizerEmail: string | null;
  sequenceEmailMessageId: string | null;
  attendeeEmails: string[];
  contactIds: string[];
  associatedRecords: MeetingRecordRef[];
  startsAt: Date;
  loggedAt: Date;
  receivedAt: Date;
  receivedBy: string;
}

/**
 * Claims the external id: inserts the meeting, or nothing when this account has
 * it already. A request racing another with the same id waits here on the
 * unique index until the first commits, then gets false.
 */
export async function insertMeeting(db: Queryable, meeting: NewMeeting): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO meetings (id, account_id, external_id, source, organizer_user_id, organizer_email,
                           sequence_email_message_id, attendee_emails, contact_ids, associated_records,
                           starts_at, logged_at, received_at, received_by, result)
     VALUES ($1::uuid, $2::uuid, $3::text, $4::text, $5::uuid, $6::text, $7::text, $8::text[], $9::uuid[],
             $10::jsonb, $11::timestamptz, $12::timestamptz, $13::timestamptz, $14::uuid, '{}'::jsonb)
     ON CONFLICT (account_id, external_id) DO NOTHING`,
    [
      meeting.id,
      meeting.accountId,
      meeting.externalId,
      meeting.source,
      meeting.organizerUserId,
      meeting.organizerEmail,
      meeting.sequenceEmailMessageId,
      meeting.attendeeEmails,
      meeting.contactIds,
      JSON.stringify(meeting.associatedRecords),
      meeting.startsAt,
      meeting.loggedAt,
      meeting.receivedAt,
      meeting.receivedBy,
    ],
  );
  return rowCount > 0;
}

export async function storeMeetingResult(
  db: Queryable,
  meetingId: string,
  result: Omit<MeetingResult, 'duplicate'>,
): Promise<void> {
  await db.query('UPDATE meetings SET result = $2::jsonb WHERE id = $1::uuid', [
    meetingId,
    JSON.stringify(result),
  ]);
}

/** A user of the account, removed ones included (a meeting with them is still a fact). */
export async function findAccountUser(
  db: Queryable,
  accountId: string,
  by: { id: string } | { email: string },
): Promise<{ id: string; email: string } | undefined> {
  const { rows } = await db.query<{ id: string; email: string }>(
    `SELECT id, email FROM users
     WHERE account_id = $1::uuid AND ${'id' in by ? 'id = $2::uuid' : 'lower(email) = lower($2::text)'}
     ORDER BY deleted_at IS NULL DESC, created_at LIMIT 1`,
    [accountId, 'id' in by ? by.id : by.email],
  );
  return rows[0];
}

/** Which of these ids name a live contact, company or deal of the account. */
export async function existingIds(
  db: Queryable,
  accountId: string,
  table: 'contacts' | 'companies' | 'deals',
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const live = table === 'contacts' ? 'AND deleted_at IS NULL' : '';
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM ${table} WHERE account_id = $1::uuid AND id = ANY($2::uuid[]) ${live}`,
    [accountId, ids],
  );
  return new Set(rows.map((row) => row.id));
}

/** The sequence email a Message-ID (without angle brackets) names, in this account. */
export async function findSentMessage(
  db: Queryable,
  accountId: string,
  messageId: string,
): Promise<{ enrollmentId: string; contactId: string } | undefined> {
  const { rows } = await db.query<{ enrollment_id: string; contact_id: string }>(
    'SELECT enrollment_id, contact_id FROM sent_messages WHERE account_id = $1::uuid AND message_id = $2::text',
    [accountId, messageId],
  );
  return rows[0] && { enrollmentId: rows[0].enrollment_id, contactId: rows[0].contact_id };
}

/** The live contacts of these companies and deals: reached by the meeting only through a record. */
export async function contactsOfRecords(
  db: Queryable,
  accountId: string,
  companyIds: string[],
  dealIds: string[],
): Promise<string[]> {
  if (companyIds.length === 0 && dealIds.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT c.id FROM contacts c
     WHERE c.account_id = $1::uuid AND c.deleted_at IS NULL
       AND (c.company_id = ANY($2::uuid[])
            OR c.id IN (SELECT dc.contact_id FROM deal_contacts dc WHERE dc.deal_id = ANY($3::uuid[])))`,
    [accountId, companyIds, dealIds],
  );
  return rows.map((row) => row.id);
}

export interface MeetingCandidateRow {
  id: string;
  contact_id: string;
  sequence_id: string;
  status: EnrollmentStatus;
  enrolled_at: Date;
  enrolled_by: string | null;
}

/** The contacts' active or paused enrollments, locked until the meeting's decisions are applied. */
export async function lockCurrentEnrollments(
  db: Queryable,
  accountId: string,
  contactIds: string[],
): Promise<MeetingCandidateRow[]> {
  if (contactIds.length === 0) return [];
  const { rows } = await db.query<MeetingCandidateRow>(
    `SELECT e.id, e.contact_id, e.sequence_id, e.status, e.enrolled_at, e.enrolled_by
     FROM enrollments e
     WHERE e.account_id = $1::uuid AND e.contact_id = ANY($2::uuid[]) AND e.status ${IS_CURRENT}
     ORDER BY e.id
     FOR UPDATE`,
    [accountId, contactIds],
  );
  return rows;
}
