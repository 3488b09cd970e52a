import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/server/config';
import { migrate } from '../../src/server/db/migrate';
import { openPg } from '../../src/server/db/pg-adapter';
import { outboxTransport } from '../../src/server/mail/outbox-transport';
import { executeSteps } from '../../src/server/steps/execute-step';
import { claimDueSteps } from '../../src/server/steps/step-queries';
import { seedDueEmailSteps } from './seed';

async function main() {
  const base = 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `st_prof_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const db = openPg(`postgres://postgres@127.0.0.1:5432/${name}`);
  await migrate(db);
  const now = new Date();
  await seedDueEmailSteps(db, 10000, now);
  await db.exec('VACUUM ANALYZE');
  const config = loadConfig({ NODE_ENV: 'test', AUTH_MODE: 'dev', LOG_LEVEL: 'silent' });
  const times = new Map<string, number>();
  let js = 0;
  const start = performance.now();
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const timed = {
        ...tx,
        query: async (text: string, values?: unknown[]) => {
          const t = performance.now();
          const r = await tx.query(text, values);
          const key = text.trim().slice(0, 40).replace(/\s+/g, ' ');
          times.set(key, (times.get(key) ?? 0) + performance.now() - t);
          return r as any;
        },
      } as any;
      const t0 = performance.now();
      const facts = await claimDueSteps(timed, now, Number(process.env.B ?? 200));
      if (facts.length === 0) return 0;
      await executeSteps(timed, { transport: outboxTransport, config }, facts, now);
      js += performance.now() - t0;
      return facts.length;
    });
    if (n === 0) break;
  }
  const total = performance.now() - start;
  let sql = 0;
  for (const [k, v] of times) {
    sql += v;
    console.log(v.toFixed(0).padStart(6), k);
  }
  console.log('total', total.toFixed(0), 'sql', sql.toFixed(0), 'in-tx', js.toFixed(0));
  await db.close();
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
}
main();
