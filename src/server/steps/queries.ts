import type { SequenceSettings, Step } from '../../shared/schemas';
import type { Queryable } from '../db/port';

/** What running a claimed step needs besides the enrollment row: its sequence, sender and contact. */
export interface StepContext {
  enrollment_id: string;
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
 * The context of each claimed enrollment, in one statement. The sender is the user who
 * enrolled the contact, else the sequence's owner.
 */
export async function stepContexts(
  db: Queryable,
  enrollmentIds: string[],
): Promise<Map<string, StepContext>> {
  if (enrollmentIds.length === 0) return new Map();
  const { rows } = await db.query<StepContext>(
    `SELECT e.id AS enrollment_id, s.steps, s.settings,
            sender.id AS sender_id, sender.name AS sender_name, sender.email AS sender_email,
            sender.signature AS sender_signature, sender.time_zone AS sender_time_zone,
            c.first_name, c.last_name, co.name AS company_name, c.opted_out_at, c.bounced_at
     FROM enrollments e
     JOIN sequences s ON s.id = e.sequence_id
     JOIN users sender ON sender.id = coalesce(e.enrolled_by, s.owner_id)
     JOIN contacts c ON c.id = e.contact_id
     LEFT JOIN companies co ON co.id = c.company_id
     WHERE e.id = ANY($1::uuid[])`,
    [enrollmentIds],
  );
  return new Map(rows.map((row) => [row.enrollment_id, row]));
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

export interface RecordedSend {
  /** The `sent_messages` row. */
  id: string;
  /** An earlier attempt at this step was recorded as 'sending' and never answered: it may have gone out. */
  outcomeUnknown: boolean;
}

/**
 * Records steps' emails before they leave, set-based — the exactly-once key is UNIQUE
 * (enrollment, step). A step recorded as sent or bounced already gets nothing back (it
 * ran; it must not be sent again). A step left 'sending' by an attempt that died before
 * its outcome was recorded is taken over, flagged `outcomeUnknown`. `status`: 'sent' when
 * the transport stores through this transaction (the row then exists only if the step
 * commits), 'sending' when the email leaves after the commit.
 */
export async function recordSends(
  db: Queryable,
  inputs: SentMessageInput[],
  sentAt: Date,
  status: 'sent' | 'sending',
): Promise<Map<string, RecordedSend>> {
  if (inputs.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; enrollment_id: string; outcome_unknown: boolean }>(
    `INSERT INTO sent_messages (account_id, enrollment_id, sequence_id, contact_id, step_index, message_id,
                                from_address, to_address, subject, sent_at, unsubscribe_nonce, delivery_status)
     SELECT m.account_id, m.enrollment_id, m.sequence_id, m.contact_id, m.step_index, m.message_id,
            m.from_address, m.to_address, m.subject, $2::timestamptz, m.unsubscribe_nonce, $3::text
     FROM jsonb_to_recordset($1::jsonb) AS m(account_id uuid, enrollment_id uuid, sequence_id uuid, contact_id uuid,
          step_index int, message_id text, from_address text, to_address text, subject text, unsubscribe_nonce text)
     ON CONFLICT (enrollment_id, step_index) DO UPDATE SET sent_at = EXCLUDED.sent_at, delivery_status = EXCLUDED.delivery_status
       WHERE sent_messages.delivery_status = 'sending'
     RETURNING id, enrollment_id, (xmax <> 0) AS outcome_unknown`,
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
      status,
    ],
  );
  return new Map(rows.map((row) => [row.enrollment_id, { id: row.id, outcomeUnknown: row.outcome_unknown }]));
}

/** What the transports answered, set-based: delivered, bounced (with the reply), or not sent at all (forgotten, to be recorded afresh by a retry). */
export async function recordDeliveries(
  db: Queryable,
  outcomes: { sent: string[]; bounced: { id: string; response: string }[]; forget: string[] },
): Promise<void> {
  const { sent, bounced, forget } = outcomes;
  if (sent.length + bounced.length + forget.length === 0) return;
  await db.query(
    `WITH forgotten AS (
       DELETE FROM sent_messages WHERE id = ANY($1::uuid[])
     ), delivered AS (
       UPDATE sent_messages SET delivery_status = 'sent' WHERE id = ANY($2::uuid[]) AND delivery_status = 'sending'
     )
     UPDATE sent_messages sm SET delivery_status = 'bounced', delivery_response = b.response
     FROM unnest($3::uuid[], $4::text[]) AS b(id, response) WHERE sm.id = b.id`,
    [forget, sent, bounced.map((b) => b.id), bounced.map((b) => b.response)],
  );
}
