/**
 * A12 at scale: DELETE /sequences/:id on a sequence with 10,000 active
 * enrollments, on a PostgreSQL server, beside the baseline of a bare SQL UPDATE
 * of the same number of rows in the same run (target: at most 3×).
 *
 * The delete does more than the bare update, on purpose: it soft-deletes the
 * sequence, writes one audit event per enrollment (E4) in the same statements,
 * and works in batches of UNENROLL_BATCH rows so that locks stay short. Where
 * the extra time goes (EXPLAIN ANALYZE of one 5,000-row batch, PostgreSQL 15):
 * the UPDATE ≈ 180 ms, inserting the audit events ≈ 100 ms, and the foreign-key
 * checks of those events ≈ 135 ms (75 for account_id → accounts, 60 for
 * enrollment_id → enrollments): per-row costs of keeping the audit trail.
 *
 *   npm run bench:lifecycle                       # postgres://postgres@127.0.0.1:5432/postgres
 *   BENCH_DATABASE_URL=postgres://… BENCH_ENROLLMENTS=10000 BENCH_ROUNDS=7 npm run bench:lifecycle
 *
 * A scratch database is created and dropped; nothing else is touched.
 */
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/server/app';
import { createDevTokenIssuer } from '../../src/server/auth/dev-tokens';
import { loadConfig } from '../../src/server/config';
import { migrate } from '../../src/server/db/migrate';
import { openPg } from '../../src/server/db/pg-adapter';
import type { Db } from '../../src/server/db/port';
import { UNENROLL_BATCH } from '../../src/server/lifecycle';
import { createServerDatabase } from '../../test/helpers/databases';

const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ENROLLMENTS = Number(process.env.BENCH_ENROLLMENTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const TARGET_RATIO = 3;

/** A sequence of `ENROLLMENTS` fresh contacts, each actively enrolled with its `enrolled` event: set-based SQL. */
async function seedSequence(db: Db, accountId: string, userId: string, tag: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO sequences (account_id, owner_id, name, steps)
     VALUES ($1::uuid, $2::uuid, $3::text, '[{"type":"task","delayMinutes":0,"title":"Call"}]'::jsonb)
     RETURNING id`,
    [accountId, userId, `Bench ${tag}`],
  );
  const sequenceId = rows[0].id;
  await db.query(
    `WITH contacts AS (
       INSERT INTO contacts (account_id, email, first_name)
       SELECT $1::uuid, 'c' || g || '-' || $3::text || '@bench.example', 'Contact ' || g
       FROM generate_series(1, $4::int) AS g
       RETURNING id, email
     ), enrolled AS (
       INSERT INTO enrollments (account_id, sequence_id, contact_id, email, status, current_step, next_step_at, enrolled_at, enrolled_by)
       SELECT $1::uuid, $5::uuid, id, email, 'active', 1, now() + interval '1 day', now(), $2::uuid FROM contacts
       RETURNING id
     )
     INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id)
     SELECT $1::uuid, id, 'enrolled', now(), 'user', $2::text FROM enrolled`,
    [accountId, userId, tag, ENROLLMENTS, sequenceId],
  );
  return sequenceId;
}

const BARE_UPDATE = `
  UPDATE enrollments
  SET status = 'unenrolled', unenrolled_at = now(), unenroll_reason = 'sequence_deleted',
      unenrolled_by_type = 'user', unenrolled_by_id = $2::text, updated_at = now()
  WHERE sequence_id = $1::uuid AND status IN ('active', 'paused')`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function main(): Promise<void> {
  const scratch = await createServerDatabase(BASE_URL);
  const db = openPg(scratch.url);
  try {
    await migrate(db);
    const config = loadConfig({
      NODE_ENV: 'test',
      AUTH_MODE: 'dev',
      DATA_DIR: path.join(os.tmpdir(), 'sales-tools-bench'),
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      WORKER_ENABLED: 'false',
    });
    const devTokens = await createDevTokenIssuer();
    const { app } = await buildApp({ config, db, devTokens, logger: false });
    const token = await devTokens.issue({ email: 'owner@bench.example', tenantId: 'bench' });
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    const { id: userId, accountId } = me.json() as { id: string; accountId: string };

    const deleteTimes: number[] = [];
    const updateTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const viaApi = await seedSequence(db, accountId, userId, `api${round}`);
      const bare = await seedSequence(db, accountId, userId, `sql${round}`);
      await db.query('ANALYZE');

      const measureDelete = async () => {
        const start = process.hrtime.bigint();
        const response = await app.inject({
          method: 'DELETE',
          url: `/api/v1/sequences/${viaApi}`,
          headers: { authorization: `Bearer ${token}` },
        });
        deleteTimes.push(ms(start));
        if (response.statusCode !== 204)
          throw new Error(`DELETE answered ${response.statusCode}: ${response.body}`);
      };
      const measureUpdate = async () => {
        const start = process.hrtime.bigint();
        const { rowCount } = await db.query(BARE_UPDATE, [bare, userId]);
        updateTimes.push(ms(start));
        if (rowCount !== ENROLLMENTS) throw new Error(`bare UPDATE changed ${rowCount} rows`);
      };
      // Alternate which goes first, so neither always runs on a warmer cache.
      if (round % 2 === 0) {
        await measureDelete();
        await measureUpdate();
      } else {
        await measureUpdate();
        await measureDelete();
      }

      const { rows } = await db.query<{ unenrolled: number; events: number }>(
        `SELECT (SELECT count(*) FROM enrollments WHERE sequence_id = $1::uuid AND unenroll_reason = 'sequence_deleted')::int AS unenrolled,
                (SELECT count(*) FROM enrollment_events ev JOIN enrollments e ON e.id = ev.enrollment_id
                 WHERE e.sequence_id = $1::uuid AND ev.type = 'unenrolled')::int AS events`,
        [viaApi],
      );
      if (rows[0].unenrolled !== ENROLLMENTS || rows[0].events !== ENROLLMENTS) {
        throw new Error(`the delete unenrolled ${rows[0].unenrolled} with ${rows[0].events} events`);
      }
      console.log(
        `round ${round + 1}/${ROUNDS}: DELETE /sequences/:id ${deleteTimes.at(-1)!.toFixed(1)} ms, ` +
          `bare UPDATE ${updateTimes.at(-1)!.toFixed(1)} ms`,
      );
    }
    await app.close();

    const deleteMs = median(deleteTimes);
    const updateMs = median(updateTimes);
    // Each round's two timings were taken back to back, so their ratio is the figure least
    // disturbed by other load on the machine; the headline is the median of those ratios.
    const ratios = deleteTimes.map((time, round) => time / updateTimes[round]);
    const ratio = median(ratios);
    const version = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0]
      .server_version;
    console.log('');
    console.log(`PostgreSQL ${version}, ${ENROLLMENTS} active enrollments, ${ROUNDS} rounds (medians)`);
    console.log(
      `  DELETE /sequences/:id (soft delete + unenroll + ${ENROLLMENTS} audit events, batches of ${UNENROLL_BATCH}): ${deleteMs.toFixed(1)} ms`,
    );
    console.log(`  baseline, a bare SQL UPDATE of the same number of rows: ${updateMs.toFixed(1)} ms`);
    console.log(
      `  ratio, median of the rounds' paired ratios: ${ratio.toFixed(2)}× ` +
        `(range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}; target ≤ ${TARGET_RATIO}×) ` +
        (ratio <= TARGET_RATIO ? 'OK' : 'OVER TARGET'),
    );
    if (ratio > TARGET_RATIO) process.exitCode = 1;
  } finally {
    await db.close();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
