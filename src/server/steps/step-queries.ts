import type { EnrollmentStatus } from '../../shared/enums';
import type { Step } from '../../shared/schemas';
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
  thread_message_id: string | null;
  thread_subject: string | null;
  steps: Step[];
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
 * Locks the enrollment (`FOR UPDATE OF e`) and reads its facts. While the lock is
 * held an unenroll of this row waits, which is what E6 relies on. The sender is
 * the user who enrolled the contact, else the sequence's owner.
 */
export async function lockStepFacts(db: Queryable, enrollmentId: string): Promise<StepFacts | undefined> {
  const { rows } = await db.query<StepFacts>(
    `SELECT e.id, e.account_id, e.sequence_id, e.contact_id, e.email, e.status, e.current_step, e.next_step_at,
            e.thread_message_id, e.thread_subject, s.steps,
            sender.id AS sender_id, sender.name AS sender_name, sender.email AS sender_email,
            sender.signature AS sender_signature, sender.time_zone AS sender_time_zone,
            c.first_name, c.last_name, co.name AS company_name, c.opted_out_at, c.bounced_at
     FROM enrollments e
     JOIN sequences s ON s.id = e.sequence_id
     JOIN users sender ON sender.id = coalesce(e.enrolled_by, s.owner_id)
     JOIN contacts c ON c.id = e.contact_id
     LEFT JOIN companies co ON co.id = c.company_id
     WHERE e.id = $1::uuid
     FOR UPDATE OF e`,
    [enrollmentId],
  );
  return rows[0];
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
  sentAt: Date;
}

/**
 * Records a step's email before it leaves. Unique on (enrollment, step): returns
 * undefined when that step's email was recorded already, and then nothing is sent.
 */
export async function recordSentMessage(db: Queryable, input: SentMessageInput): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO sent_messages (account_id, enrollment_id, sequence_id, contact_id, step_index, message_id, from_address, to_address, subject, sent_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::int, $6::text, $7::text, $8::text, $9::text, $10::timestamptz)
     ON CONFLICT (enrollment_id, step_index) DO NOTHING
     RETURNING id`,
    [
      input.accountId,
      input.enrollmentId,
      input.sequenceId,
      input.contactId,
      input.stepIndex,
      input.messageId,
      input.from,
      input.to,
      input.subject,
      input.sentAt,
    ],
  );
  return rows[0]?.id;
}

export interface TaskInput {
  accountId: string;
  enrollmentId: string;
  sequenceId: string;
  contactId: string;
  ownerId: string;
  stepIndex: number;
  title: string;
  dueAt: Date;
}

export async function insertTask(db: Queryable, input: TaskInput): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO tasks (account_id, enrollment_id, sequence_id, contact_id, owner_id, step_index, title, due_at, created_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6::int, $7::text, $8::timestamptz, $8::timestamptz)
     ON CONFLICT (enrollment_id, step_index) DO NOTHING
     RETURNING id`,
    [
      input.accountId,
      input.enrollmentId,
      input.sequenceId,
      input.contactId,
      input.ownerId,
      input.stepIndex,
      input.title,
      input.dueAt,
    ],
  );
  return rows[0]?.id;
}

/** Moves the enrollment past a step: the number executed, when the next is due, the thread it started. */
export async function advanceEnrollment(
  db: Queryable,
  input: {
    enrollmentId: string;
    currentStep: number;
    nextStepAt: Date | null;
    threadMessageId: string | null;
    threadSubject: string | null;
    now: Date;
  },
): Promise<void> {
  await db.query(
    `UPDATE enrollments
     SET current_step = $2::int, next_step_at = $3::timestamptz,
         thread_message_id = coalesce(thread_message_id, $4::text),
         thread_subject = coalesce(thread_subject, $5::text), updated_at = $6::timestamptz
     WHERE id = $1::uuid`,
    [
      input.enrollmentId,
      input.currentStep,
      input.nextStepAt,
      input.threadMessageId,
      input.threadSubject,
      input.now,
    ],
  );
}
