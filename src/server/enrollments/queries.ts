import type { ActorType, EnrollmentStatus, EventType, UnenrollReason } from '../../shared/enums';
import type { Enrollment, EnrollmentEvent } from '../../shared/schemas';
import type { Queryable } from '../db/port';

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
     WHERE e.account_id = $1::uuid AND e.contact_id = ANY($2::uuid[]) AND e.status IN ('active', 'paused')`,
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
  after?: { enrolledAt: Date; id: string };
  limit: number;
}

/** A page of enrollments, newest first, keyset-paginated on (enrolled_at, id). */
export async function listEnrollments(db: Queryable, filter: ListFilter): Promise<EnrollmentRow[]> {
  const { rows } = await db.query<EnrollmentRow>(
    `${ENROLLMENT_VIEW}
     WHERE e.account_id = $1::uuid
       AND ($2::uuid IS NULL OR e.sequence_id = $2::uuid)
       AND ($3::uuid IS NULL OR e.contact_id = $3::uuid)
       AND ($4::text IS NULL OR e.status = $4::text)
       AND ($5::timestamptz IS NULL OR (e.enrolled_at, e.id) < ($5::timestamptz, $6::uuid))
     ORDER BY e.enrolled_at DESC, e.id DESC
     LIMIT $7::int`,
    [
      filter.accountId,
      filter.sequenceId ?? null,
      filter.contactId ?? null,
      filter.status ?? null,
      filter.after?.enrolledAt ?? null,
      filter.after?.id ?? null,
      filter.limit,
    ],
  );
  return rows;
}

export interface EventRow {
  enrollment_id: string;
  type: string;
  at: Date;
  by_type: ActorType;
  by_id: string | null;
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
    `SELECT enrollment_id, type, at, by_type, by_id, detail, data
     FROM enrollment_events WHERE enrollment_id = ANY($1::uuid[]) ORDER BY id`,
    [enrollmentIds],
  );
  for (const row of rows) {
    byEnrollment.get(row.enrollment_id)?.push({
      type: row.type,
      at: row.at.toISOString(),
      by: { type: row.by_type, id: row.by_id },
      detail: row.detail,
      data: row.data,
    });
  }
  return byEnrollment;
}

export interface NewEvent {
  accountId: string;
  enrollmentId: string;
  type: EventType;
  at: Date;
  by: { type: ActorType; id: string | null };
  detail?: string | null;
  data?: Record<string, unknown>;
}

export async function appendEvent(db: Queryable, event: NewEvent): Promise<void> {
  await db.query(
    `INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id, detail, data)
     VALUES ($1::uuid, $2::uuid, $3::text, $4::timestamptz, $5::text, $6::text, $7::text, $8::jsonb)`,
    [
      event.accountId,
      event.enrollmentId,
      event.type,
      event.at,
      event.by.type,
      event.by.id,
      event.detail ?? null,
      JSON.stringify(event.data ?? {}),
    ],
  );
}

export interface NewEnrollment {
  accountId: string;
  sequenceId: string;
  contactId: string;
  email: string;
  enrolledBy: string;
  now: Date;
}

/**
 * Inserts an active enrollment, or nothing when the contact already has a current
 * one: the partial unique index `enrollments_one_current` decides (E2), so two
 * enrolls racing each other cannot both win.
 */
export async function insertEnrollment(db: Queryable, input: NewEnrollment): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO enrollments (account_id, sequence_id, contact_id, email, status, current_step, next_step_at, enrolled_at, enrolled_by, updated_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::text, 'active', 0, $5::timestamptz, $5::timestamptz, $6::uuid, $5::timestamptz)
     ON CONFLICT (contact_id) WHERE status IN ('active', 'paused') DO NOTHING
     RETURNING id`,
    [input.accountId, input.sequenceId, input.contactId, input.email, input.now, input.enrolledBy],
  );
  return rows[0]?.id;
}
