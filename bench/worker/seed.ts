import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../src/server/db/port';

/** A three-email sequence; rows are seeded on its second step, a reply in the thread. */
export const BENCH_STEPS = [
  {
    type: 'email',
    delayMinutes: 0,
    subject: 'Quick question, {{firstName}}',
    body: 'Hi {{firstName}},\n\nA short call about {{company}}?\n\n{{senderName}}',
  },
  {
    type: 'email',
    delayMinutes: 60 * 24,
    subject: 'Following up',
    body: 'Hi {{firstName}}, just following up on my note.\n\n{{signature}}',
  },
  {
    type: 'email',
    delayMinutes: 60 * 24 * 3,
    subject: 'Last note',
    body: 'Hi {{firstName}}, I will leave it here.',
  },
];

export interface Seeded {
  accountId: string;
  sequenceId: string;
}

/**
 * `count` active enrollments whose second step (an email) is due at `now`:
 * one account, user, company and sequence; set-based inserts.
 */
export async function seedDueEmailSteps(db: Queryable, count: number, now: Date): Promise<Seeded> {
  const tag = randomUUID().slice(0, 8);
  const account = await db.query<{ id: string }>(
    `INSERT INTO accounts (tenant_id, name) VALUES ($1::text, 'Bench') RETURNING id`,
    [`bench-${tag}`],
  );
  const accountId = account.rows[0].id;
  const user = await db.query<{ id: string }>(
    `INSERT INTO users (account_id, oid, email, name, signature)
     VALUES ($1::uuid, $2::text, $3::text, 'Riley Rep', 'Riley Rep, Contoso') RETURNING id`,
    [accountId, `oid-${tag}`, `rep-${tag}@contoso.example`],
  );
  const company = await db.query<{ id: string }>(
    `INSERT INTO companies (account_id, name, domains) VALUES ($1::uuid, 'Fabrikam', '{fabrikam.example}') RETURNING id`,
    [accountId],
  );
  const sequence = await db.query<{ id: string }>(
    `INSERT INTO sequences (account_id, owner_id, name, steps) VALUES ($1::uuid, $2::uuid, 'Bench', $3::jsonb) RETURNING id`,
    [accountId, user.rows[0].id, JSON.stringify(BENCH_STEPS)],
  );
  const sequenceId = sequence.rows[0].id;
  await db.query(
    `INSERT INTO contacts (account_id, email, first_name, last_name, company_id)
     SELECT $1::uuid, 'contact-' || g || '-' || $3::text || '@fabrikam.example', 'Ann', 'Lee', $2::uuid
     FROM generate_series(1, $4::int) AS g`,
    [accountId, company.rows[0].id, tag, count],
  );
  await db.query(
    `INSERT INTO enrollments (account_id, sequence_id, contact_id, email, status, current_step, next_step_at,
                              thread_message_id, thread_subject, enrolled_at, enrolled_by, updated_at)
     SELECT $1::uuid, $2::uuid, c.id, c.email, 'active', 1, $3::timestamptz - interval '1 minute',
            'first-' || c.id || '@contoso.example', 'Quick question, Ann', $3::timestamptz - interval '1 day',
            $4::uuid, $3::timestamptz
     FROM contacts c WHERE c.account_id = $1::uuid`,
    [accountId, sequenceId, now, user.rows[0].id],
  );
  return { accountId, sequenceId };
}

/** Puts the seeded rows back on their due second step, and clears what a run wrote. */
export async function resetDueEmailSteps(db: Queryable, seeded: Seeded, now: Date): Promise<void> {
  await db.exec('TRUNCATE outbox, sent_messages, tasks, engagements, enrollment_events');
  await db.query(
    `UPDATE enrollments SET status = 'active', current_step = 1, next_step_at = $2::timestamptz - interval '1 minute',
            unenrolled_at = NULL, unenroll_reason = NULL, unenrolled_by_type = NULL, unenrolled_by_id = NULL,
            unenroll_detail = NULL, send_attempts = 0, last_send_error = NULL
     WHERE sequence_id = $1::uuid`,
    [seeded.sequenceId, now],
  );
  await db.exec('VACUUM ANALYZE enrollments');
}
