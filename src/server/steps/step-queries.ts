import type { ActorType, EngagementType, EnrollmentStatus, EventType } from '../../shared/enums';
import type { SequenceSettings, Step } from '../../shared/schemas';
import type { Queryable } from '../db/port';

/** Everything a step needs to run, read with the enrollment row locked. */
export interface StepFacts {
  id: string;
  account_id: string;
  sequence_id: string;
  contact_id: string;
  email: string;
  status: EnrollmentStatus;
  current_step: number;
  next_step_at: Date | null;
  paused_at: Date | null;
  thread_message_id: string | null;
  thread_subject: string | null;
  send_attempts: number;
  steps: Step[];
  settings: SequenceSettings;
  sender_id: string;
  sender_name: string;
  sender_email: string;
  sender_signature: string;
  sender_time_zone: string;
  first_name: string;
  last_name: string;
  company_name: string | null;
  opted_out_at: Date | null;
  bounced_at: Date | null;
}

/**
 * The enrollment columns come from the locking SELECT itself (the CTE `e`), so
 * they are the row version that was locked — after a lock wait PostgreSQL hands
 * back the newest version, where a join against the table would read the
 * statement's older snapshot. The sender is the user who enrolled the contact,
 * else the sequence's owner.
 */
const ENROLLMENT_COLUMNS = `id, account_id, sequence_id, contact_id, email, status, current_step, next_step_at, paused_at,
  thread_message_id, thread_subject, send_attempts, enrolled_by`;

const FACTS = `
  SELECT e.id, e.account_id, e.sequence_id, e.contact_id, e.email, e.status, e.current_step, e.next_step_at,
         e.paused_at, e.thread_message_id, e.thread_subject, e.send_attempts, s.steps, s.settings,
         sender.id AS sender_id, sender.name AS sender_name, sender.email AS sender_email,
         sender.signature AS sender_signature, sender.time_zone AS sender_time_zone,
         c.first_name, c.last_name, co.name AS company_name, c.opted_out_at, c.bounced_at
  FROM e
  JOIN sequences s ON s.id = e.sequence_id
  JOIN users sender ON sender.id = coalesce(e.enrolled_by, s.owner_id)
  JOIN contacts c ON c.id = e.contact_id
  LEFT JOIN companies co ON co.id = c.company_id`;

/**
 * Locks the enrollment (`FOR UPDATE`) and reads its facts. While the lock is
 * held an unenroll of this row waits, which is what E6 relies on.
 */
export async function lockStepFacts(db: Queryable, enrollmentId: string): Promise<StepFacts | undefined> {
  const { rows } = await db.query<StepFacts>(
    `WITH e AS (SELECT ${ENROLLMENT_COLUMNS} FROM enrollments WHERE id = $1::uuid FOR UPDATE) ${FACTS}`,
    [enrollmentId],
  );
  return rows[0];
}

/**
 * Claims up to `limit` due steps: active enrollments whose next step is due,
 * oldest first, locked with SKIP LOCKED so that concurrent workers take
 * disjoint rows and never wait on each other. The locks last until the
 * caller's transaction ends; a row that was unenrolled or paused by a
 * transaction that committed first no longer matches (PostgreSQL re-checks the
 * WHERE on the newest row version before locking it).
 */
export async function claimDueSteps(db: Queryable, now: Date, limit: number): Promise<StepFacts[]> {
  const { rows } = await db.query<StepFacts>(
    `WITH e AS (
       SELECT ${ENROLLMENT_COLUMNS} FROM enrollments
       WHERE status = 'active' AND next_step_at <= $1::timestamptz
       ORDER BY next_step_at
       LIMIT $2::int
       FOR UPDATE SKIP LOCKED
     ) ${FACTS}`,
    [now, limit],
  );
  return rows;
}

export interface SentMessageInput {
  accountId: string;
  enrollmentId: string;
  sequenceId: string;
  contactId: string;
  stepIndex: number;
  messageId: string;
  from: string;
  to: string;
  subject: string;
  unsubscribeNonce: string;
}

/**
 * Records steps' emails before they leave, set-based. Unique on (enrollment,
 * step): a step whose email was recorded already gets no id back, and then
 * nothing is sent. Returns the new ids by enrollment.
 */
export async function recordSentMessages(
  db: Queryable,
  inputs: SentMessageInput[],
  sentAt: Date,
): Promise<Map<string, string>> {
  if (inputs.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; enrollment_id: string }>(
    `INSERT INTO sent_messages (account_id, enrollment_id, sequence_id, contact_id, step_index, message_id,
                                from_address, to_address, subject, sent_at, unsubscribe_nonce)
     SELECT m.account_id, m.enrollment_id, m.sequence_id, m.contact_id, m.step_index, m.message_id,
            m.from_address, m.to_address, m.subject, $2::timestamptz, m.unsubscribe_nonce
     FROM jsonb_to_recordset($1::jsonb) AS m(account_id uuid, enrollment_id uuid, sequence_id uuid, contact_id uuid,
          step_index int, message_id text, from_address text, to_address text, subject text, unsubscribe_nonce text)
     ON CONFLICT (enrollment_id, step_index) DO NOTHING
     RETURNING id, enrollment_id`,
    [
      JSON.stringify(
        inputs.map((m) => ({
          account_id: m.accountId,
          enrollment_id: m.enrollmentId,
          sequence_id: m.sequenceId,
          contact_id: m.contactId,
          step_index: m.stepIndex,
          message_id: m.messageId,
          from_address: m.from,
          to_address: m.to,
          subject: m.subject,
          unsubscribe_nonce: m.unsubscribeNonce,
        })),
      ),
      sentAt,
    ],
  );
  return new Map(rows.map((row) => [row.enrollment_id, row.id]));
}

export async function markSentMessageBounced(db: Queryable, id: string, response: string): Promise<void> {
  await db.query(
    `UPDATE sent_messages SET delivery_status = 'bounced', delivery_response = $2::text WHERE id = $1::uuid`,
    [id, response],
  );
}

export interface TaskInput {
  accountId: string;
  enrollmentId: string;
  sequenceId: string;
  contactId: string;
  ownerId: string;
  stepIndex: number;
  title: string;
}

/** Creates task steps' tasks, set-based; unique on (enrollment, step). Returns the new ids by enrollment. */
export async function insertTasks(
  db: Queryable,
  inputs: TaskInput[],
  now: Date,
): Promise<Map<string, string>> {
  if (inputs.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; enrollment_id: string }>(
    `INSERT INTO tasks (account_id, enrollment_id, sequence_id, contact_id, owner_id, step_index, title, due_at, created_at)
     SELECT t.account_id, t.enrollment_id, t.sequence_id, t.contact_id, t.owner_id, t.step_index, t.title,
            $2::timestamptz, $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS t(account_id uuid, enrollment_id uuid, sequence_id uuid, contact_id uuid,
          owner_id uuid, step_index int, title text)
     ON CONFLICT (enrollment_id, step_index) DO NOTHING
     RETURNING id, enrollment_id`,
    [
      JSON.stringify(
        inputs.map((t) => ({
          account_id: t.accountId,
          enrollment_id: t.enrollmentId,
          sequence_id: t.sequenceId,
          contact_id: t.contactId,
          owner_id: t.ownerId,
          step_index: t.stepIndex,
          title: t.title,
        })),
      ),
      now,
    ],
  );
  return new Map(rows.map((row) => [row.enrollment_id, row.id]));
}

export interface EventInput {
  accountId: string;
  enrollmentId: string;
  type: EventType;
  by: { type: ActorType; id: string | null };
  detail?: string | null;
  data?: Record<string, unknown>;
}

function eventsJson(events: EventInput[]): string {
  return JSON.stringify(
    events.map((event) => ({
      account_id: event.accountId,
      enrollment_id: event.enrollmentId,
      type: event.type,
      by_type: event.by.type,
      by_id: event.by.id,
      detail: event.detail ?? null,
      data: event.data ?? {},
    })),
  );
}

/** Inserts the events of a JSON array parameter in array order (ids ascend with it). */
const INSERT_EVENTS = (param: string, at: string) => `
  INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id, detail, data)
  SELECT v.account_id, v.enrollment_id, v.type, ${at}, v.by_type, v.by_id, v.detail, v.data
  FROM ROWS FROM (jsonb_to_recordset(${param}) AS (account_id uuid, enrollment_id uuid, type text,
       by_type text, by_id text, detail text, data jsonb))
       WITH ORDINALITY AS v(account_id, enrollment_id, type, by_type, by_id, detail, data, n)
  ORDER BY v.n`;

/** Appends audit events (E4) in one statement, in array order. */
export async function appendEvents(db: Queryable, events: EventInput[], at: Date): Promise<void> {
  if (events.length === 0) return;
  await db.query(INSERT_EVENTS('$1::jsonb', '$2::timestamptz'), [eventsJson(events), at]);
}

export interface Advance {
  enrollmentId: string;
  /** Steps executed so far. */
  currentStep: number;
  nextStepAt: Date | null;
  threadMessageId: string | null;
  threadSubject: string | null;
}

export interface Postponement {
  enrollmentId: string;
  nextStepAt: Date;
  /** Failed attempts so far; unchanged when the step only waits for its send window. */
  sendAttempts: number;
  lastSendError: string | null;
}

export interface StepWrites {
  /** Records of emails that were deferred (not sent): removed, so a retry records them afresh. */
  forget: string[];
  events: EventInput[];
  /** Enrollments moved past their step. */
  advances: Advance[];
  /** Enrollments left on their step, due again later (send window, or a retry after a failed send). */
  postponements: Postponement[];
}

/**
 * A batch's closing writes in ONE statement (one round trip whatever the batch
 * size): forget deferred records, append the events, advance and postpone the
 * enrollments. Advanced and postponed rows are disjoint, so the two UPDATEs
 * never touch one row twice.
 */
export async function finishSteps(db: Queryable, writes: StepWrites, now: Date): Promise<void> {
  const { forget, events, advances, postponements } = writes;
  if (forget.length + events.length + advances.length + postponements.length === 0) return;
  await db.query(
    `WITH forgotten AS (
       DELETE FROM sent_messages WHERE id = ANY($1::uuid[])
     ), events AS (${INSERT_EVENTS('$2::jsonb', '$5::timestamptz')}
     ), advanced AS (
       UPDATE enrollments e
       SET current_step = a.current_step, next_step_at = a.next_step_at,
           thread_message_id = coalesce(e.thread_message_id, a.thread_message_id),
           thread_subject = coalesce(e.thread_subject, a.thread_subject),
           send_attempts = 0, last_send_error = NULL, updated_at = $5::timestamptz
       FROM jsonb_to_recordset($3::jsonb) AS a(id uuid, current_step int, next_step_at timestamptz,
            thread_message_id text, thread_subject text)
       WHERE e.id = a.id
     ), postponed AS (
       UPDATE enrollments e
       SET next_step_at = p.next_step_at, send_attempts = p.send_attempts,
           last_send_error = coalesce(p.last_send_error, e.last_send_error), updated_at = $5::timestamptz
       FROM jsonb_to_recordset($4::jsonb) AS p(id uuid, next_step_at timestamptz, send_attempts int, last_send_error text)
       WHERE e.id = p.id
     )
     SELECT 1`,
    [
      forget,
      eventsJson(events),
      JSON.stringify(
        advances.map((a) => ({
          id: a.enrollmentId,
          current_step: a.currentStep,
          next_step_at: a.nextStepAt?.toISOString() ?? null,
          thread_message_id: a.threadMessageId,
          thread_subject: a.threadSubject,
        })),
      ),
      JSON.stringify(
        postponements.map((p) => ({
          id: p.enrollmentId,
          next_step_at: p.nextStepAt.toISOString(),
          send_attempts: p.sendAttempts,
          last_send_error: p.lastSendError,
        })),
      ),
      now,
    ],
  );
}

/** A8: the address hard-bounced; the contact cannot be enrolled again. The first bounce's time stays. */
export async function markContactBounced(db: Queryable, contactId: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE contacts SET bounced_at = coalesce(bounced_at, $2::timestamptz), updated_at = $2::timestamptz
     WHERE id = $1::uuid`,
    [contactId, now],
  );
}

export interface EngagementInput {
  accountId: string;
  enrollmentId: string;
  sequenceId: string;
  contactId: string;
  type: EngagementType;
  sourceRef: string;
}

/** Records an engagement once per (enrollment, type, source): idempotent. */
export async function recordEngagement(db: Queryable, input: EngagementInput, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO engagements (account_id, enrollment_id, sequence_id, contact_id, type, source_ref, occurred_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::text, $6::text, $7::timestamptz)
     ON CONFLICT (enrollment_id, type, source_ref) DO NOTHING`,
    [input.accountId, input.enrollmentId, input.sequenceId, input.contactId, input.type, input.sourceRef, at],
  );
}
