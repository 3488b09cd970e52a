/**
 * bench:worker — steps per second for 10,000 due email steps on PostgreSQL with
 * the outbox transport, 1 and 2 worker processes, beside bare SQL
 * claim-and-update loops over the same rows in the same run (issue 4).
 *
 *   npm run bench:worker                      # 10,000 rows, batches of 200
 *   BENCH_ROWS=20000 BENCH_BATCH=500 npm run bench:worker
 *   BENCH_DATABASE_URL=postgres://user@host:5432/postgres npm run bench:worker
 *
 * Two bare loops, run right before each worker run over the same rows, claim
 * due rows (`FOR UPDATE SKIP LOCKED`, the worker's claim) and advance them —
 * no facts, no email, no audit trail: one row per transaction (what a per-step
 * worker cannot go below), and a batch per statement (pure SQL, the floor of
 * the floor). A worker step writes three rows in three more tables besides the
 * UPDATE (sent_messages, outbox, enrollment_events, each with its foreign keys
 * and indexes), which is what separates it from the batched loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { migrate } from '../../src/server/db/migrate';
import { openPg } from '../../src/server/db/pg-adapter';
import type { Db } from '../../src/server/db/port';
import { createServerDatabase } from '../../test/helpers/databases';
import { resetDueEmailSteps, seedDueEmailSteps, type Seeded } from './seed';

const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 200);

const BARE = {
  /** One due row per transaction: claim it and advance it, the least any per-step worker does. */
  row: `UPDATE enrollments SET current_step = current_step + 1,
               next_step_at = $1::timestamptz + interval '3 days', updated_at = $1::timestamptz
        WHERE id = (SELECT id FROM enrollments
                    WHERE status = 'active' AND next_step_at <= $1::timestamptz
                    ORDER BY next_step_at LIMIT 1
                    FOR UPDATE SKIP LOCKED)`,
  /** A batch per transaction (the worker's batch size) in one statement: pure SQL, no step at all. */
  batch: `WITH c AS (
            SELECT id FROM enrollments
            WHERE status = 'active' AND next_step_at <= $1::timestamptz
            ORDER BY next_step_at LIMIT $2::int
            FOR UPDATE SKIP LOCKED
          )
          UPDATE enrollments e SET current_step = e.current_step + 1,
                 next_step_at = $1::timestamptz + interval '3 days', updated_at = $1::timestamptz
          FROM c WHERE e.id = c.id`,
};

/** A bare loop on `loops` concurrent connections until nothing is due; rows advanced per second. */
async function bareLoop(db: Db, now: Date, kind: keyof typeof BARE, loops: number) {
  let rows = 0;
  const start = performance.now();
  const loop = async () => {
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const values = kind === 'batch' ? [now, BATCH] : [now];
        return (await tx.query(BARE[kind], values)).rowCount;
      });
      if (n === 0) return;
      rows += n;
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
  return { rows, perSecond: rows / ((performance.now() - start) / 1000) };
}

async function startChild(
  url: string,
  now: Date,
): Promise<{ child: ChildProcess; lines: AsyncIterator<string> }> {
  // `node --import tsx`: the TypeScript loader in the worker's own process, no wrapper process.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'worker-child.ts')], {
    env: { ...process.env, BENCH_URL: url, BENCH_NOW: now.toISOString(), BENCH_BATCH: String(BATCH) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const reader = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const lines = reader[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== 'ready') throw new Error(`worker child said ${String(first.value)}`);
  return { child, lines };
}

/** `count` worker processes drain the due rows together; steps per second on the wall clock. */
async function workers(url: string, now: Date, count: number) {
  const children = await Promise.all(Array.from({ length: count }, () => startChild(url, now)));
  const start = performance.now();
  for (const { child } of children) child.stdin?.write('go\n');
  const results = await Promise.all(
    children.map(async ({ lines }) => JSON.parse((await lines.next()).value as string) as { steps: number }),
  );
  const seconds = (performance.now() - start) / 1000;
  const steps = results.reduce((sum, r) => sum + r.steps, 0);
  return { steps, perSecond: steps / seconds, perWorker: results.map((r) => r.steps) };
}

/** Every step recorded, stored and advanced exactly once. */
async function verify(db: Db, seeded: Seeded): Promise<void> {
  const { rows } = await db.query<{ sent: number; outbox: number; advanced: number; distinct_steps: number }>(
    `SELECT (SELECT count(*) FROM sent_messages)::int AS sent,
            (SELECT count(*) FROM outbox)::int AS outbox,
            (SELECT count(DISTINCT (enrollment_id, step_index)) FROM sent_messages)::int AS distinct_steps,
            (SELECT count(*) FROM enrollments WHERE sequence_id = $1::uuid AND current_step = 2)::int AS advanced`,
    [seeded.sequenceId],
  );
  const r = rows[0];
  if (r.sent !== ROWS || r.outbox !== ROWS || r.advanced !== ROWS || r.distinct_steps !== ROWS) {
    throw new Error(`verification failed: ${JSON.stringify(r)} (expected ${ROWS} of each)`);
  }
}

async function main(): Promise<void> {
  const scratch = await createServerDatabase(BASE_URL);
  const db = openPg(scratch.url, { max: 4 });
  try {
    await migrate(db);
    const now = new Date();
    const seeded = await seedDueEmailSteps(db, ROWS, now);
    console.log(`bench:worker — ${ROWS} due email steps, batches of ${BATCH}, outbox transport, PostgreSQL`);
    // Figures swing with whatever else the machine runs; say how busy it was.
    const load = os.loadavg().map((n) => n.toFixed(1));
    console.log(`machine: ${os.cpus().length} cores, load average ${load.join(' ')}`);
    const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} %`;
    const fmt = (n: number) => n.toFixed(0).padStart(6);
    for (const count of [1, 2]) {
      // The same rows, reset between runs; the baselines right before the run they are compared with.
      await resetDueEmailSteps(db, seeded, now);
      const row = await bareLoop(db, now, 'row', count);
      await resetDueEmailSteps(db, seeded, now);
      const batch = await bareLoop(db, now, 'batch', count);
      await resetDueEmailSteps(db, seeded, now);
      const run = await workers(scratch.url, now, count);
      await verify(db, seeded);
      console.log(`\n${count} at a time`);
      console.log(`  bare loop, one row per transaction  ${fmt(row.perSecond)} rows/s`);
      console.log(`  bare loop, ${BATCH} rows per statement  ${fmt(batch.perSecond)} rows/s`);
      console.log(
        `  worker${count > 1 ? 's' : ' '} (${run.perWorker.join(' + ')} steps)`.padEnd(37) +
          `${fmt(run.perSecond)} steps/s = ${pct(run.perSecond, row.perSecond)} of the per-row loop, ` +
          `${pct(run.perSecond, batch.perSecond)} of the batched one`,
      );
    }
    console.log('\ntargets: ≥ 500 steps/s with one worker, ≥ 50 % of the bare claim-and-update loop');
    console.log(
      'every worker run verified: each step recorded, stored in the outbox and advanced exactly once',
    );
  } finally {
    await db.close();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
