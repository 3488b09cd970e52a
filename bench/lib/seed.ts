import type { Queryable } from '../../src/server/db/port';

export interface SeededAccount {
  accountId: string;
  userId: string;
  sequenceId: string;
  tenantId: string;
  email: string;
}

/**
 * One account with `contacts` contacts (`c<i>@bench.example`), a two-step
 * sequence, and the first `enrolled` contacts actively enrolled in it — all
 * with set-based SQL, so seeding 10,000 rows takes a moment, not minutes.
 */
export async function seedAccount(
  db: Queryable,
  options: { tenantId: string; email: string; contacts: number; enrolled: number },
): Promise<SeededAccount> {
  const { rows } = await db.query<{ account_id: string; user_id: string; sequence_id: string }>(
    `WITH a AS (INSERT INTO accounts (tenant_id, name) VALUES ($1, 'bench') RETURNING id),
          u AS (INSERT INTO users (account_id, oid, email, name) SELECT id, $2, $3, 'Bench Rep' FROM a RETURNING id, account_id),
          s AS (INSERT INTO sequences (account_id, owner_id, name, steps)
                SELECT account_id, id, 'Bench sequence',
                       '[{"type":"email","delayMinutes":0,"subject":"Hi","body":"Hi {{firstName}}"},
                         {"type":"email","delayMinutes":1440,"subject":"Again","body":"Again"}]'::jsonb
                FROM u RETURNING id)
     SELECT a.id AS account_id, u.id AS user_id, s.id AS sequence_id FROM a, u, s`,
    [options.tenantId, `oid-${options.tenantId}`, options.email],
  );
  const seeded = rows[0];
  await db.query(
    `INSERT INTO contacts (account_id, email, first_name, last_name, owner_id)
     SELECT $1::uuid, 'c' || i || '@bench.example', 'First' || i, 'Last', $2::uuid FROM generate_series(1, $3::int) i`,
    [seeded.account_id, seeded.user_id, options.contacts],
  );
  await db.query(
    `INSERT INTO enrollments (account_id, sequence_id, contact_id, email, status, current_step, next_step_at, enrolled_at, enrolled_by)
     SELECT $1::uuid, $2::uuid, c.id, c.email, 'active', 1, now() + interval '1 day', now(), $3::uuid
     FROM contacts c WHERE c.account_id = $1::uuid AND c.email ~ '^c\\d+@' AND substring(c.email from 2 for position('@' in c.email) - 2)::int <= $4::int`,
    [seeded.account_id, seeded.sequence_id, seeded.user_id, options.enrolled],
  );
  return { accountId: seeded.account_id, userId: seeded.user_id, sequenceId: seeded.sequence_id, ...options };
}
