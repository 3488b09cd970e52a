import type { ActorType, EnrollmentStatus, UnenrollReason } from '../../../shared/enums';
import type {
  Enrollment,
  EnrollmentEvent,
  EnrollmentListItem,
  EnrollmentWithEvents,
  ScheduledItem,
} from '../../../shared/schemas';
import { Conditions } from '../../db/conditions';
import type { Queryable } from '../../db/port';
import { IS_CURRENT } from './fragments';

export interface EnrollmentRow {
  id: string;
  account_id: string;
  sequence_id: string;
  contact_id: string;
  email: string;
  status: EnrollmentStatus;
  current_step: number;
  next_step_at: Date | null;
  paused_at: Date | null;
  paused_until: Date | null;
  thread_message_id: string | null;
  thread_subject: string | null;
  enrolled_at: Date;
  enrolled_by: string | null;
  unenrolled_at: Date | null;
  unenroll_reason: UnenrollReason | null;
  unenrolled_by_type: ActorType | null;
  unenrolled_by_id: string | null;
  unenroll_detail: string | null;
  sequence_name: string;
  total_steps: number;
  enrolled_by_name: string | null;
}

/** The enrollment as the API shows it, with its sequence's name and size and who enrolled it. */
export const ENROLLMENT_VIEW = `
  SELECT e.*, s.name AS sequence_name, jsonb_array_length(s.steps)::int AS total_steps, u.name AS enrolled_by_name
  FROM enrollments e
  JOIN sequences s ON s.id = e.sequence_id
  LEFT JOIN users u ON u.id = e.enrolled_by`;

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export function toEnrollment(row: EnrollmentRow): Enrollment {
  return {
    id: row.id,
    sequenceId: row.sequence_id,
    sequenceName: row.sequence_name,
    contactId: row.contact_id,
    email: row.email,
    status: row.status,
    currentStep: row.current_step,
    totalSteps: row.total_steps,
    // Only an active enrollment has a next step coming; the stored time stays for the record.
    nextStepAt: row.status === 'active' ? iso(row.next_step_at) : null,
    pausedUntil: row.status === 'paused' ? iso(row.paused_until) : null,
    enrolledAt: row.enrolled_at.toISOString(),
    enrolledBy: row.enrolled_by ? { id: row.enrolled_by, name: row.enrolled_by_name ?? '' } : null,
    unenrollment:
      row.status === 'unenrolled' && row.unenrolled_at && row.unenroll_reason && row.unenrolled_by_type
        ? {
            reason: row.unenroll_reason,
            at: row.unenrolled_at.toISOString(),
            by: { type: row.unenrolled_by_type, id: row.unenrolled_by_id },
            detail: row.unenroll_detail,
          }
        : null,
  };
}

const TIMESTAMP_FIELDS = [
  'next_step_at',
  'paused_at',
  'paused_until',
  'enrolled_at',
  'unenrolled_at',
] as const;

/** An enrollment view row that came back as JSON (`to_jsonb`), with its timestamps made Dates again. */
export function enrollmentRowFromJson(json: Record<string, unknown>): EnrollmentRow {
  const row = { ...json } as Record<string, unknown>;
  for (const field of TIMESTAMP_FIELDS) {
    row[field] = typeof row[field] === 'string' ? new Date(row[field] as string) : null;
  }
  return row as unknown as EnrollmentRow;
}

export async function findEnrollment(
  db: Queryable,
  accountId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<EnrollmentRow | undefined> {
  const lock = options.forUpdate ? ' FOR UPDATE OF e' : '';
  const { rows } = await db.query<EnrollmentRow>(
    `${ENROLLMENT_VIEW} WHERE e.account_id = $1::uuid AND e.id = $2::uuid${lock}`,
    [accountId, id],
  );
  return rows[0];
}

/** The contacts' active-or-paused enrollments (E2: at most one each). */
export async function findCurrentEnrollments(
  db: Queryable,
  accountId: string,
  contactIds: string[],
): Promise<EnrollmentRow[]> {
  if (contactIds.length === 0) return [];
  const { rows } = await db.query<EnrollmentRow>(
    `${ENROLLMENT_VIEW}
     WHERE e.account_id = $1::uuid AND e.contact_id = ANY($2::uuid[]) AND e.status ${IS_CURRENT}`,
    [accountId, contactIds],
  );
  return rows;
}

export async function findContactEnrollments(
  db: Queryable,
  accountId: string,
  contactId: string,
): Promise<EnrollmentRow[]> {
  const { rows } = await db.query<EnrollmentRow>(
    `${ENROLLMENT_VIEW} WHERE e.account_id = $1::uuid AND e.contact_id = $2::uuid ORDER BY e.enrolled_at DESC, e.id DESC`,
    [accountId, contactId],
  );
  return rows;
}

export interface ListFilter {
  accountId: string;
  sequenceId?: string;
  contactId?: string;
  status?: EnrollmentStatus;
  reason?: UnenrollReason;
  after?: { enrolledAt: Date; id: string };
  limit: number;
}

/** An enrollment of a table, with its contact's name and the type of its next step. */
export interface EnrollmentListRow extends EnrollmentRow {
  contact_first_name: string;
  contact_last_name: string;
  contact_email: string;
  next_step_type: string | null;
}

const ENROLLMENT_LIST_VIEW = `
  SELECT e.*, s.name AS sequence_name, jsonb_array_length(s.steps)::int AS total_steps, u.name AS enrolled_by_name,
         c.first_name AS contact_first_name, c.last_name AS contact_last_name, c.email AS contact_email,
         s.steps -> e.current_step ->> 'type' AS next_step_type
  FROM enrollments e
  JOIN sequences s ON s.id = e.sequence_id
  JOIN contacts c ON c.id = e.contact_id
  LEFT JOIN users u ON u.id = e.enrolled_by`;

export function toEnrollmentListItem(row: EnrollmentListRow): EnrollmentListItem {
  const name = `${row.contact_first_name} ${row.contact_last_name}`.trim();
  return {
    ...toEnrollment(row),
    contact: { id: row.contact_id, name: name || row.contact_email, email: row.contact_email },
  };
}

export function toScheduledItem(row: EnrollmentListRow): ScheduledItem {
  return {
    ...toEnrollmentListItem(row),
    nextStep: { number: row.current_step + 1, type: row.next_step_type ?? 'email' },
  };
}

/**
 * A page of enrollments, newest first, keyset-paginated on (enrolled_at, id), with each
 * contact's name: one statement per page (C6).
 */
export async function listEnrollments(db: Queryable, filter: ListFilter): Promise<EnrollmentListRow[]> {
  const where = new Conditions();
  where.and(`e.account_id = ${where.param(filter.accountId)}::uuid`);
  if (filter.sequenceId != null) where.and(`e.sequence_id = ${where.param(filter.sequenceId)}::uuid`);
  if (filter.contactId != null) where.and(`e.contact_id = ${where.param(filter.contactId)}::uuid`);
  if (filter.status != null) where.and(`e.status = ${where.param(filter.status)}::text`);
  if (filter.reason != null)
    where.and(`e.status = 'unenrolled' AND e.unenroll_reason = ${where.param(filter.reason)}::text`);
  if (filter.after)
    where.and(
      `(e.enrolled_at, e.id) < (${where.param(filter.after.enrolledAt)}::timestamptz, ${where.param(filter.after.id)}::uuid)`,
    );
  const limit = where.param(filter.limit);
  const { rows } = await db.query<EnrollmentListRow>(
    `${ENROLLMENT_LIST_VIEW}
     WHERE ${where.where}
     ORDER BY e.enrolled_at DESC, e.id DESC
     LIMIT ${limit}::int`,
    where.values,
  );
  return rows;
}

export interface EventRow {
  enrollment_id: string;
  type: string;
  at: Date;
  by_type: ActorType;
  by_id: string | null;
  by_name: string | null;
  detail: string | null;
  data: Record<string, unknown>;
}

export async function findEvents(
  db: Queryable,
  enrollmentIds: string[],
): Promise<Map<string, EnrollmentEvent[]>> {
  const byEnrollment = new Map<string, EnrollmentEvent[]>(enrollmentIds.map((id) => [id, []]));
  if (enrollmentIds.length === 0) return byEnrollment;
  const { rows } = await db.query<EventRow>(
    `SELECT ev.enrollment_id, ev.type, ev.at, ev.by_type, ev.by_id, u.name AS by_name, ev.detail, ev.data
     FROM enrollment_events ev
     LEFT JOIN users u ON ev.by_type = 'user' AND u.id::text = ev.by_id
     WHERE ev.enrollment_id = ANY($1::uuid[]) ORDER BY ev.id`,
    [enrollmentIds],
  );
  for (const row of rows) {
    byEnrollment.get(row.enrollment_id)?.push({
      type: row.type,
      at: row.at.toISOString(),
      by: { type: row.by_type, id: row.by_id },
      byName: row.by_name,
      detail: row.detail,
      data: row.data,
    });
  }
  return byEnrollment;
}

/** Enrollments with their audit trails, oldest event first. */
export async function withEvents(db: Queryable, rows: EnrollmentRow[]): Promise<EnrollmentWithEvents[]> {
  const events = await findEvents(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...toEnrollment(row), events: events.get(row.id) ?? [] }));
}

/** The contact's most recent enrollment, whatever its status. */
export async function findLatestEnrollment(
  db: Queryable,
  accountId: string,
  contactId: string,
): Promise<EnrollmentRow | undefined> {
  const { rows } = await db.query<EnrollmentRow>(
    `${ENROLLMENT_VIEW} WHERE e.account_id = $1::uuid AND e.contact_id = $2::uuid
     ORDER BY e.enrolled_at DESC, e.id DESC LIMIT 1`,
    [accountId, contactId],
  );
  return rows[0];
}

/**
 * M3: the next step of each active enrollment, soonest first, keyset-paginated on
 * (next_step_at, id), with the contact's name: one statement per page (C6), a range of the
 * partial index enrollments_scheduled (or enrollments_sequence_scheduled for one sequence).
 */
export async function listScheduled(
  db: Queryable,
  filter: { accountId: string; sequenceId?: string; after?: { at: Date; id: string }; limit: number },
): Promise<EnrollmentListRow[]> {
  const where = new Conditions();
  where.and(`e.account_id = ${where.param(filter.accountId)}::uuid`);
  where.and(`e.status = 'active' AND e.next_step_at IS NOT NULL`);
  if (filter.sequenceId != null) where.and(`e.sequence_id = ${where.param(filter.sequenceId)}::uuid`);
  if (filter.after)
    where.and(
      `(e.next_step_at, e.id) > (${where.param(filter.after.at)}::timestamptz, ${where.param(filter.after.id)}::uuid)`,
    );
  const limit = where.param(filter.limit);
  const { rows } = await db.query<EnrollmentListRow>(
    `${ENROLLMENT_LIST_VIEW}
     WHERE ${where.where}
     ORDER BY e.next_step_at, e.id LIMIT ${limit}::int`,
    where.values,
  );
  return rows;
}
