/**
 * POST /contacts/lookup with 50 emails under load, beside GET /health of the same
 * server in the same run (target: lookup ≥ 30 % of /health's requests per second), and the
 * lookup with the rate limits off, in turns with it, for what counting costs.
 * PostgreSQL: BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres
 * (a scratch database is created and dropped).
 *   npm run bench:lookup
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import path from 'node:path';
import { createDevTokenIssuer } from '../../src/server/auth/dev-tokens';
import { migrate } from '../../src/server/db/migrate';
import { openPg } from '../../src/server/db/pg-adapter';
import { createServerDatabase } from '../../test/helpers/databases';
import { seedAccount } from '../lib/seed';

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const TURN_SECONDS = Number(process.env.BENCH_TURN_SECONDS ?? 5);

async function load(
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  duration = DURATION,
) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, ...init });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function main(): Promise<void> {
  const scratch = await createServerDatabase(BASE);
  const db = openPg(scratch.url);
  const dataDir = path.join(__dirname, '..', '..', 'data', 'bench');
  try {
    await migrate(db);
    const issuer = await createDevTokenIssuer({ keyFile: path.join(dataDir, 'dev-auth-key.json') });
    // A server database holds many accounts: nine others of the same size share the tables.
    for (let i = 0; i < 9; i += 1) {
      await seedAccount(db, {
        tenantId: `other-${i}`,
        email: `rep${i}@other.example`,
        contacts: 5000,
        enrolled: 2000,
      });
    }
    const account = await seedAccount(db, {
      tenantId: 'bench-lookup',
      email: 'rep@bench.example',
      contacts: 5000,
      enrolled: 2000,
    });
    // What autovacuum does on a live database: statistics for the planner.
    await db.query('ANALYZE');
    const token = await issuer.issue({ email: account.email, tenantId: account.tenantId });
    // The principal is created on the first request; make the seeded user that principal.
    await db.query(`UPDATE users SET oid = $1 WHERE id = $2`, [
      JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).oid,
      account.userId,
    ]);

    // 50 recipients: 20 enrolled contacts, 20 known contacts, 10 unknown addresses.
    const emails = [
      ...Array.from({ length: 20 }, (_, i) => `c${i * 97 + 1}@bench.example`),
      ...Array.from({ length: 20 }, (_, i) => `C${3000 + i * 31}@Bench.example`),
      ...Array.from({ length: 10 }, (_, i) => `stranger${i}@elsewhere.example`),
    ];

    const server = fork(path.join(__dirname, 'server.ts'), [], {
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : []),
      ],
      env: { ...process.env, BENCH_DATABASE_URL: scratch.url, DATA_DIR: dataDir },
    });
    const { address, unlimitedAddress } = await new Promise<{ address: string; unlimitedAddress: string }>(
      (resolve) => server.once('message', resolve),
    );
    try {
      const body = JSON.stringify({ emails });
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const check = await fetch(`${address}/api/v1/contacts/lookup`, { method: 'POST', headers, body });
      const answer = (await check.json()) as { results: Array<{ enrollment: unknown; contact: unknown }> };
      const results = answer.results;
      const enrolledCount = results.filter((r) => r.enrollment).length;
      const knownCount = results.filter((r) => r.contact).length;
      if (enrolledCount !== 20 || knownCount !== 40)
        throw new Error(`unexpected lookup answer: ${enrolledCount} enrolled, ${knownCount} known`);

      // The reference points: the same answer from memory, and the lookup's SQL alone.
      const sqlInput = {
        accountId: account.accountId,
        emails: [...new Set(emails.map((e) => e.toLowerCase()))],
      };
      await new Promise((resolve) => {
        server.once('message', resolve);
        server.send({ canned: answer, sqlInput });
      });
      const canned = await fetch(`${address}/bench/canned-answer`);
      const cannedBytes = (await canned.arrayBuffer()).byteLength;

      await load(`${address}/health`, { method: 'GET' }); // warm-up of every path
      await load(`${address}/api/v1/contacts/lookup`, { method: 'POST', headers, body });
      await load(`${address}/bench/lookup-sql`, { method: 'GET' });
      const health = await load(`${address}/health`, { method: 'GET' });
      const lookup = await load(`${address}/api/v1/contacts/lookup`, { method: 'POST', headers, body });
      const memory = await load(`${address}/bench/canned-answer`, { method: 'GET' });
      const sql = await load(`${address}/bench/lookup-sql`, { method: 'GET' });
      console.log(`PostgreSQL, ${CONNECTIONS} connections, ${DURATION} s each, server in its own process`);
      console.log(
        `GET /health                      ${health.rps.toFixed(0).padStart(7)} req/s  p50 ${health.p50} ms  p99 ${health.p99} ms`,
      );
      console.log(
        `POST /contacts/lookup (50 emails) ${lookup.rps.toFixed(0).padStart(6)} req/s  p50 ${lookup.p50} ms  p99 ${lookup.p99} ms`,
      );
      console.log(`lookup / health: ${((100 * lookup.rps) / health.rps).toFixed(1)} % (target ≥ 30 %)`);
      const pct = (a: number) => `${((100 * a) / health.rps).toFixed(1)} % of /health`;
      console.log('\nwhere the time goes (same server, same run):');
      console.log(
        `  the same answer from memory (${(cannedBytes / 1024).toFixed(1)} KiB JSON, no auth, no database) ${memory.rps.toFixed(0)} req/s = ${pct(memory.rps)}`,
      );
      console.log(
        `  the lookup's SQL statement alone (pool + PostgreSQL, tiny answer)          ${sql.rps.toFixed(0)} req/s = ${pct(sql.rps)}`,
      );

      // What rate limiting costs the lookup: the same server with the limits off, in turns
      // (on, off, off, on, on, off) so that a change in the machine's load falls on both alike.
      const turns = { on: [] as number[], off: [] as number[] };
      for (const turn of ['on', 'off', 'off', 'on', 'on', 'off'] as const) {
        const url = `${turn === 'on' ? address : unlimitedAddress}/api/v1/contacts/lookup`;
        turns[turn].push((await load(url, { method: 'POST', headers, body }, TURN_SECONDS)).rps);
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const [on, off] = [median(turns.on), median(turns.off)];
      console.log(
        `  rate limits counted (shared counter) vs. off, median of 3 turns of ${TURN_SECONDS} s: ` +
          `${on.toFixed(0)} vs. ${off.toFixed(0)} req/s (${((100 * (on - off)) / off).toFixed(1)} %; ` +
          `turns on ${turns.on.map((v) => v.toFixed(0)).join(', ')}, off ${turns.off.map((v) => v.toFixed(0)).join(', ')})`,
      );
    } finally {
      server.kill('SIGINT');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  } finally {
    await db.close();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
