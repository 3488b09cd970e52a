/**
 * Bulk unenroll of 10,000 active enrollments through the API (POST
 * /enrollments/unenroll with 10,000 ids), beside a bare SQL UPDATE of the same
 * number of rows in the same run. Target on PostgreSQL: ≤ 1 s and ≤ 3× the bare
 * UPDATE. Also measured on PGlite (reported).
 *   npm run bench:bulk-unenroll
 */
import { randomUUID } from 'node:crypto';
import { buildApp } from '../../src/server/app';
import { createDevTokenIssuer, devOid } from '../../src/server/auth/dev-tokens';
import { loadConfig } from '../../src/server/config';
import { migrate } from '../../src/server/db/migrate';
import { openPg } from '../../src/server/db/pg-adapter';
import { openPglite } from '../../src/server/db/pglite-adapter';
import type { Db } from '../../src/server/db/port';
import { createServerDatabase } from '../../test/helpers/databases';
import { seedAccount } from '../lib/seed';

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function activeIds(db: Db, accountId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM enrollments WHERE account_id = $1 AND status = 'active'`,
    [accountId],
  );
  return rows.map((row) => row.id);
}

async function measure(kind: string, db: Db): Promise<void> {
  await migrate(db);
  const issuer = await createDevTokenIssuer();
  const { app } = await buildApp({
    config: loadConfig({
      AUTH_MODE: 'dev',
      LOG_LEVEL: 'silent',
      WORKER_ENABLED: 'false',
      BODY_LIMIT_BYTES: String(4 * 1_048_576),
    }),
    db,
    devTokens: issuer,
    logger: false,
  });
  const api: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const tenantId = randomUUID();
    const email = `rep-${run}@bench.example`;
    const seeded = await seedAccount(db, { tenantId, email, contacts: ROWS, enrolled: ROWS });
    await db.query('UPDATE users SET oid = $1 WHERE id = $2', [devOid(email), seeded.userId]);
    const token = await issuer.issue({ email, tenantId });
    const ids = await activeIds(db, seeded.accountId);
    if (ids.length !== ROWS) throw new Error(`seeded ${ids.length} rows, wanted ${ROWS}`);
    await db.query('ANALYZE enrollments');

    let started = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/enrollments/unenroll',
      headers: { authorization: `Bearer ${token}` },
      payload: { ids },
    });
    api.push(performance.now() - started);
    const result = response.json() as { unenrolled: number };
    if (result.unenrolled !== ROWS) throw new Error(`API unenrolled ${result.unenrolled}: ${response.body}`);

    // The baseline: the same number of rows, set back to active, by one bare UPDATE.
    await db.query(
      `UPDATE enrollments SET status = 'active', unenrolled_at = NULL, unenroll_reason = NULL,
                    unenrolled_by_type = NULL, unenrolled_by_id = NULL WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    await db.query('ANALYZE enrollments');
    started = performance.now();
    const { rowCount } = await db.query(
      `UPDATE enrollments SET status = 'unenrolled', unenrolled_at = now(), unenroll_reason = 'manual',
              unenrolled_by_type = 'user', unenrolled_by_id = $2 WHERE id = ANY($1::uuid[]) AND status IN ('active', 'paused')`,
      [ids, seeded.userId],
    );
    bare.push(performance.now() - started);
    if (rowCount !== ROWS) throw new Error(`bare UPDATE changed ${rowCount}`);
  }
  await app.close();
  const a = median(api);
  const b = median(bare);
  console.log(
    `${kind.padEnd(10)} API ${a.toFixed(0).padStart(5)} ms   bare UPDATE ${b.toFixed(0).padStart(5)} ms   ratio ${(a / b).toFixed(2)}×   (median of ${RUNS}, ${ROWS} rows)`,
  );
}

async function main(): Promise<void> {
  console.log(
    `Bulk unenroll of ${ROWS} active enrollments (target on PostgreSQL: ≤ 1000 ms and ≤ 3× bare UPDATE)`,
  );
  const scratch = await createServerDatabase(BASE);
  const pg = openPg(scratch.url);
  try {
    await measure('PostgreSQL', pg);
  } finally {
    await pg.close();
    await scratch.drop();
  }
  const lite = await openPglite();
  try {
    await measure('PGlite', lite);
  } finally {
    await lite.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
