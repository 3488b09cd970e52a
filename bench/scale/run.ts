/**
 * bench:scale (issue 15) — how each user-facing cost grows with the size of the account.
 * For each size: load the scale dataset (bench/scale/dataset.ts) into a database of its own,
 * start the API in a process of its own, and measure
 * - POST /contacts/lookup of 1, 5 and 50 addresses under 20 concurrent clients, beside GET /health;
 * - the console's reads (5 clients): the sequences with their figures (Manage), a page of a
 *   sequence's enrollments by status, the Scheduled page, contacts search by name prefix and by
 *   email, a contact record with its timeline;
 * - inbound reply matching: a reply by thread headers, and one matched by its sender only;
 * - the worker's steps per second draining up to 10,000 due steps among all the enrollments;
 * - bulk unenroll of a sequence's current enrollments (100,000 at 1M contacts) beside a bare
 *   UPDATE of the same rows, with the longest lock wait a concurrent probe saw; and
 *   DELETE /sequences/:id of a sequence holding as many.
 * Then one table: size × operation → p50 / p99 / throughput, and p99's growth across the sizes.
 *
 *   npm run bench:scale -- --sizes 10000,100000,1000000 [--database-url postgres://…/postgres]
 *                          [--reuse] [--keep] [--seconds 5] [--rounds 3] [--pglite-max 100000]
 *                          [--only lookup,console]
 *
 * --database-url names a server on which a database `scale_<size>` is created for each size
 * (default BENCH_DATABASE_URL, else the machine's server); --reuse takes an existing one as it
 * is (the writing measurements put back what they changed), --keep leaves it there.
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDevTokenIssuer } from '../../src/server/auth/dev-tokens';
import { loadConfig } from '../../src/server/config';
import { migrate } from '../../src/server/db/migrate';
import { openPg } from '../../src/server/db/pg-adapter';
import type { Db } from '../../src/server/db/port';
import { outboxTransport } from '../../src/server/mail/outbox-transport';
import { foldSequenceFigures } from '../../src/server/sequences/queries';
import { StepWorker } from '../../src/server/worker/step-worker';
import { datasetIds, generateDataset } from './dataset';
import { defaultAnchor } from './seed';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    'database-url': { type: 'string' },
    seed: { type: 'string', default: 'scale' },
    history: { type: 'string', default: '3' },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const BASE =
  args['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(args.seconds);
const ROUNDS = Number(args.rounds);
const ONLY = args.only ? new Set(args.only.split(',')) : null;
const wanted = (group: string) => !ONLY || ONLY.has(group);
const DATA_DIR = path.join(__dirname, '..', '..', 'data', 'bench');
const BULK_ROWS = 100_000;
const WORKER_DUE = 10_000;

interface Row {
  size: number;
  op: string;
  p50: number;
  p99: number;
  rps?: number;
  note?: string;
}
const results: Row[] = [];
const report = (row: Row) => {
  results.push(row);
  const rps = row.rps === undefined ? '' : `${row.rps.toFixed(0).padStart(7)} /s`;
  console.log(
    `  ${row.op.padEnd(34)} p50 ${row.p50.toFixed(1).padStart(8)} ms  p99 ${row.p99.toFixed(1).padStart(8)} ms ${rps} ${row.note ?? ''}`,
  );
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];

function databaseUrl(name: string): string {
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BASE });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The database of one size: seeded now, or (--reuse) as it was. Answers the load time, if it loaded. */
async function prepare(size: number): Promise<{ url: string; loadSeconds?: number }> {
  const name = `scale_${size}`;
  const url = databaseUrl(name);
  const exists = await admin(
    async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount,
  );
  if (exists && args.reuse) {
    // A database seeded before a migration: bring it up to date (idempotent).
    const db = openPg(url);
    await migrate(db).finally(() => db.close());
    return { url };
  }
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const db = openPg(url);
  try {
    await migrate(db);
    const started = Date.now();
    const counts = await generateDataset(db, {
      contacts: size,
      seed: args.seed,
      history: Number(args.history),
      jobs: 2,
      anchor: defaultAnchor(),
      log: (line) => console.log(`  seed: ${line}`),
    });
    const loadSeconds = (Date.now() - started) / 1000;
    console.log(`  seed: ${JSON.stringify(counts)} in ${loadSeconds.toFixed(0)} s`);
    return { url, loadSeconds };
  } finally {
    await db.close();
  }
}

interface Server {
  address: string;
  /** The same API with the lookup's reads answered from memory (bench/lookup/server.ts). */
  memoryAddress: string;
  /** Has that API read the answers for these addresses, which it then serves from memory. */
  remember(accountId: string, emails: string[]): Promise<void>;
  stop(): Promise<void>;
}

/** The API in a process of its own (bench/lookup/server.ts), so the load generator does not share its event loop. */
async function startServer(url: string): Promise<Server> {
  const child = fork(path.join(__dirname, '..', 'lookup', 'server.ts'), [], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : []),
    ],
    env: { ...process.env, BENCH_DATABASE_URL: url, DATA_DIR },
  });
  const { address, memoryAddress } = await new Promise<{ address: string; memoryAddress: string }>(
    (resolve, reject) => {
      child.once('message', (message) => resolve(message as { address: string; memoryAddress: string }));
      child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
    },
  );
  return {
    address,
    memoryAddress,
    remember: (accountId, emails) =>
      new Promise((resolve) => {
        child.once('message', () => resolve());
        child.send({ remember: { accountId, emails } });
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

interface Load {
  method: 'GET' | 'POST' | 'DELETE';
  /** A request's path and body, chosen afresh for every request. */
  next: () => { path: string; body?: string };
}

async function load(
  server: Server,
  headers: Record<string, string>,
  spec: Load,
  connections: number,
  seconds = SECONDS,
) {
  const first = spec.next();
  const result = await autocannon({
    url: `${server.address}${first.path}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: spec.method,
        headers,
        setupRequest: (request) => ({ ...request, ...spec.next() }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${first.path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

interface Sample {
  contacts: Array<{ id: string; email: string; alias: string | null; last_name: string }>;
  /** A sequence and status with a full page of enrollments (51 rows or more) at this size. */
  fullEnrollmentPages: Array<{ sequenceId: string; status: string }>;
  /** The sequences with a full page of scheduled steps (101 or more). */
  fullScheduledPages: string[];
  anchor: Date;
}

async function sample(db: Db, accountId: string): Promise<Sample> {
  // Ids are md5s, so the first 2,000 by id are a fair draw from the whole account.
  const { rows: contacts } = await db.query<Sample['contacts'][number]>(
    `SELECT id, email, aliases[1] AS alias, last_name FROM contacts
     WHERE account_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT 2000`,
    [accountId],
  );
  const { rows: account } = await db.query<{ anchor: Date }>(
    'SELECT updated_at AS anchor FROM accounts WHERE id = $1',
    [accountId],
  );
  // The console's lists are measured on full pages only, so that every size does the same work:
  // at 10k most sequences hold ~20 active and ~11 paused enrollments, a third of a page.
  const { rows: fullEnrollmentPages } = await db.query<{ sequenceId: string; status: string }>(
    `SELECT e.sequence_id AS "sequenceId", e.status FROM enrollments e JOIN sequences s ON s.id = e.sequence_id
     WHERE s.account_id = $1 GROUP BY e.sequence_id, e.status HAVING count(*) > 50`,
    [accountId],
  );
  const { rows: fullScheduledPages } = await db.query<{ id: string }>(
    `SELECT e.sequence_id AS id FROM enrollments e JOIN sequences s ON s.id = e.sequence_id
     WHERE s.account_id = $1 AND e.status = 'active' AND e.next_step_at IS NOT NULL
     GROUP BY e.sequence_id HAVING count(*) > 100`,
    [accountId],
  );
  if (fullEnrollmentPages.length === 0 || fullScheduledPages.length === 0)
    throw new Error('the dataset has no full page of enrollments or of scheduled steps to measure');
  console.log(
    `  full pages: ${fullEnrollmentPages.length} sequence × status of enrollments, ${fullScheduledPages.length} sequences of scheduled steps`,
  );
  return {
    contacts,
    fullEnrollmentPages,
    fullScheduledPages: fullScheduledPages.map((row) => row.id),
    anchor: account[0].anchor,
  };
}

function addresses(s: Sample, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const contact = pick(s.contacts);
    if (i % 5 === 4) return `stranger${Math.floor(Math.random() * 1e9)}@elsewhere.example`;
    if (i % 5 === 3 && contact.alias) return contact.alias;
    return contact.email;
  });
}

async function measureReads(size: number, server: Server, headers: Record<string, string>, s: Sample) {
  if (wanted('lookup')) {
    const lookupOf = (n: number): Load => ({
      method: 'POST',
      next: () => ({ path: '/api/v1/contacts/lookup', body: JSON.stringify({ emails: addresses(s, n) }) }),
    });
    // /health and the lookup of 5 in turns, so that the machine's drift (on this shared VM
    // /health alone has ranged 10,000–47,000 a second between runs) falls on both alike; and in
    // the same turns the lookup of 5 with its reads answered from memory: the route's ceiling.
    const fromMemory: Server = { ...server, address: server.memoryAddress };
    const health: Array<Awaited<ReturnType<typeof load>>> = [];
    const lookup5: typeof health = [];
    const memory5: typeof health = [];
    // A fresh process: a second of each first, unmeasured, so that neither is measured cold.
    await load(server, {}, { method: 'GET', next: () => ({ path: '/health' }) }, 20, 1);
    await load(server, headers, lookupOf(5), 20, 1);
    await load(fromMemory, headers, lookupOf(5), 20, 1);
    for (let round = 0; round < ROUNDS; round++) {
      health.push(await load(server, {}, { method: 'GET', next: () => ({ path: '/health' }) }, 20));
      lookup5.push(await load(server, headers, lookupOf(5), 20));
      memory5.push(await load(fromMemory, headers, lookupOf(5), 20));
      const ratio = (run: (typeof health)[number]) => `${((100 * run.rps) / health[round].rps).toFixed(0)} %`;
      console.log(
        `  round ${round + 1}: /health ${health[round].rps.toFixed(0)} /s, lookup 5 ${lookup5[round].rps.toFixed(0)} /s (${ratio(lookup5[round])}), from memory ${memory5[round].rps.toFixed(0)} /s (${ratio(memory5[round])})`,
      );
    }
    const merged = (runs: typeof health) => ({
      rps: runs.reduce((sum, run) => sum + run.rps, 0) / runs.length,
      p50: percentile(
        runs.map((run) => run.p50),
        50,
      ),
      p99: Math.max(...runs.map((run) => run.p99)),
    });
    const healthAll = merged(health);
    const ofHealth = (run: { rps: number }) => `${((100 * run.rps) / healthAll.rps).toFixed(0)} % of /health`;
    report({ size, op: 'GET /health (20 clients)', ...healthAll });
    for (const n of [1, 5, 50]) {
      const lookup = n === 5 ? merged(lookup5) : await load(server, headers, lookupOf(n), 20);
      report({
        size,
        op: `lookup ${n} (20 clients)`,
        ...lookup,
        note: n <= 5 ? ofHealth(lookup) : undefined,
      });
    }
    const memory = merged(memory5);
    report({ size, op: 'lookup 5, reads from memory (20 clients)', ...memory, note: ofHealth(memory) });
  }
  if (wanted('console')) {
    const pages: Array<[string, () => string]> = [
      [
        'enrollments of a sequence by status',
        () => {
          const page = pick(s.fullEnrollmentPages);
          return `/api/v1/enrollments?sequenceId=${page.sequenceId}&status=${page.status}&limit=50`;
        },
      ],
      ['sequences with their figures (Manage)', () => `/api/v1/sequences/overview?limit=50`],
      ['scheduled', () => `/api/v1/scheduled?limit=100`],
      [
        'scheduled of a sequence',
        () => `/api/v1/scheduled?sequenceId=${pick(s.fullScheduledPages)}&limit=100`,
      ],
      [
        'contacts search, name prefix',
        () => `/api/v1/contacts?q=${pick(s.contacts).last_name.slice(0, 4)}&limit=50`,
      ],
      [
        'contacts search, email',
        () => `/api/v1/contacts?q=${encodeURIComponent(pick(s.contacts).email)}&limit=50`,
      ],
      ['contact record with timeline', () => `/api/v1/contacts/${pick(s.contacts).id}`],
    ];
    for (const [op, next] of pages) {
      report({
        size,
        op: `${op} (5 clients)`,
        ...(await load(server, headers, { method: 'GET', next: () => ({ path: next() }) }, 5)),
      });
    }
  }
}

async function measureInbound(
  size: number,
  server: Server,
  headers: Record<string, string>,
  db: Db,
  accountId: string,
) {
  // Active enrollments with an email sent, outside the sequences the writing measurements use.
  const { rows } = await db.query<{ id: string; email: string }>(
    `SELECT e.id, e.email FROM enrollments e JOIN sequences s ON s.id = e.sequence_id
     WHERE e.account_id = $1 AND e.status = 'active' AND e.current_step > 0 AND s.name LIKE 'Sequence %'
     ORDER BY e.id DESC LIMIT 400`,
    [accountId],
  );
  const kinds = [
    [
      'reply by thread headers',
      (e: (typeof rows)[number]) =>
        `In-Reply-To: <scale-${e.id}-0@scale.example>\r\nReferences: <scale-${e.id}-0@scale.example>\r\n`,
    ],
    ['reply by sender only', () => ''],
  ] as const;
  for (const [index, [op, threadHeaders]] of kinds.entries()) {
    const latencies: number[] = [];
    for (const enrollment of rows.filter((_, i) => i % 2 === index)) {
      const raw =
        `From: ${enrollment.email}\r\nTo: rep0@scale.example\r\nSubject: RE: Step 1\r\n` +
        `Message-ID: <reply-${enrollment.id}-${Date.now()}@customer.example>\r\n${threadHeaders(enrollment)}` +
        `Date: ${new Date().toUTCString()}\r\nContent-Type: text/plain\r\n\r\nSounds good, let us talk next week.\r\n`;
      const started = performance.now();
      const response = await fetch(`${server.address}/api/v1/inbound/email`, {
        method: 'POST',
        headers: { authorization: headers.authorization, 'content-type': 'message/rfc822' },
        body: raw,
      });
      latencies.push(performance.now() - started);
      if (!response.ok) throw new Error(`inbound: ${response.status} ${await response.text()}`);
    }
    report({
      size,
      op: `${op} (1 client)`,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      note: `${latencies.length} replies`,
    });
  }
}

async function measureWorker(size: number, db: Db, url: string, accountId: string, anchor: Date) {
  const { rowCount: due } = await db.query(
    `UPDATE enrollments SET next_step_at = $2::timestamptz - interval '1 minute'
     WHERE id IN (SELECT id FROM enrollments WHERE account_id = $1 AND status = 'active' AND current_step < 7
                  AND lease_token IS NULL ORDER BY id LIMIT $3)`,
    [accountId, anchor, WORKER_DUE],
  );
  const workerDb = openPg(url, { max: 2 });
  const worker = new StepWorker({
    db: workerDb,
    clock: { now: () => anchor },
    transport: outboxTransport,
    config: loadConfig({ NODE_ENV: 'test', AUTH_MODE: 'dev', LOG_LEVEL: 'silent' }),
    settings: { pollMs: 50, batchSize: 200, concurrency: 1 },
  });
  const started = performance.now();
  const result = await worker.drain();
  const ms = performance.now() - started;
  await workerDb.close();
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM enrollments');
  report({
    size,
    op: 'worker drain',
    p50: ms,
    p99: ms,
    rps: (1000 * result.steps.length) / ms,
    note: `${result.steps.length} of ${due} due steps/s, ${rows[0].n} enrollments`,
  });
}

/** Longest wait of a probe locking random rows of `ids` every 20 ms while `work` runs. */
async function withLockProbe<T>(
  url: string,
  ids: string[],
  work: () => Promise<T>,
): Promise<{ result: T; maxWait: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let running = true;
  let maxWait = 0;
  const probe = (async () => {
    while (running) {
      const started = performance.now();
      await client.query('BEGIN');
      await client.query('SELECT 1 FROM enrollments WHERE id = $1 FOR UPDATE', [pick(ids)]);
      await client.query('COMMIT');
      maxWait = Math.max(maxWait, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    const result = await work();
    return { result, maxWait };
  } finally {
    running = false;
    await probe;
    await client.end();
  }
}

const RESTORE = `UPDATE enrollments SET status = 'active', unenrolled_at = NULL, unenroll_reason = NULL,
  unenrolled_by_type = NULL, unenrolled_by_id = NULL, unenroll_detail = NULL WHERE id = ANY($1::uuid[])`;

async function measureBulk(
  size: number,
  server: Server,
  headers: Record<string, string>,
  db: Db,
  url: string,
) {
  const ids = datasetIds(args.seed);
  for (const [op, sequenceId] of [
    ['bulk unenroll of a sequence', ids.sequences.bulk],
    ['DELETE /sequences/:id', ids.sequences.delete],
  ] as const) {
    // The sequence's current enrollments, trimmed to 100,000 (a larger account has more).
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM enrollments WHERE sequence_id = $1 AND status IN ('active', 'paused') ORDER BY id`,
      [sequenceId],
    );
    const extra = rows.slice(BULK_ROWS).map((row) => row.id);
    const target = rows.slice(0, BULK_ROWS).map((row) => row.id);
    // Beyond 100,000 the rest move to another sequence for the measurement, and back after.
    const parked = datasetIds(args.seed).sequences.worker;
    await db.query('UPDATE enrollments SET sequence_id = $2 WHERE id = ANY($1::uuid[])', [extra, parked]);
    await db.query('ANALYZE enrollments');
    // Both runs start from a checkpoint: the first change of a page after one writes the whole
    // page to the WAL, and the second run on the same pages would otherwise be spared it.
    await db.query('CHECKPOINT');
    const started = performance.now();
    const { result: response, maxWait } = await withLockProbe(url, target, () =>
      op === 'DELETE /sequences/:id'
        ? fetch(`${server.address}/api/v1/sequences/${sequenceId}`, { method: 'DELETE', headers })
        : fetch(`${server.address}/api/v1/enrollments/unenroll`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ sequenceId, all: true }),
          }),
    );
    const ms = performance.now() - started;
    if (!response.ok) throw new Error(`${op}: ${response.status} ${await response.text()}`);
    // The same rows, set back to current, changed by one bare UPDATE: the floor.
    await db.query(RESTORE, [target]);
    await db.query('CHECKPOINT');
    const bareStarted = performance.now();
    // The rows' change alone: no trigger (the sequences' figures, foreign keys) runs for it.
    await db.transaction(async (tx) => {
      await tx.query("SET LOCAL session_replication_role = 'replica'");
      await tx.query(
        `UPDATE enrollments SET status = 'unenrolled', unenrolled_at = now(), unenroll_reason = 'manual',
                unenrolled_by_type = 'user', unenrolled_by_id = 'bench' WHERE id = ANY($1::uuid[]) AND status IN ('active', 'paused')`,
        [target],
      );
    });
    const bare = performance.now() - bareStarted;
    // Put back without triggers too: the figures never counted the bare change.
    await db.transaction(async (tx) => {
      await tx.query("SET LOCAL session_replication_role = 'replica'");
      await tx.query(RESTORE, [target]);
    });
    await db.query('UPDATE sequences SET deleted_at = NULL WHERE id = $1', [sequenceId]);
    await db.query('UPDATE enrollments SET sequence_id = $2 WHERE id = ANY($1::uuid[])', [extra, sequenceId]);
    report({
      size,
      op,
      p50: ms,
      p99: ms,
      rps: (1000 * target.length) / ms,
      note: `${target.length} rows; bare UPDATE ${bare.toFixed(0)} ms (${(ms / bare).toFixed(1)}×); longest lock wait ${maxWait.toFixed(0)} ms`,
    });
  }
}

async function measureSize(size: number): Promise<void> {
  console.log(`\n${size.toLocaleString('en')} contacts (PostgreSQL)`);
  const { url, loadSeconds } = await prepare(size);
  if (loadSeconds !== undefined)
    report({ size, op: 'load the dataset', p50: loadSeconds * 1000, p99: loadSeconds * 1000 });
  const db = openPg(url, { max: 2 });
  const ids = datasetIds(args.seed);
  const issuer = await createDevTokenIssuer({ keyFile: path.join(DATA_DIR, 'dev-auth-key.json') });
  const token = await issuer.issue({ email: ids.email, tenantId: ids.tenantId, admin: true });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const server = await startServer(url);
  try {
    const s = await sample(db, ids.accountId);
    // The addresses the lookups draw from, answered from memory by the ceiling's API.
    await server.remember(
      ids.accountId,
      s.contacts
        .flatMap((contact) => (contact.alias ? [contact.email, contact.alias] : [contact.email]))
        .map((email) => email.toLowerCase()),
    );
    await db.query('ANALYZE');
    // The figures' deltas the earlier runs' writes left, folded as a running worker does every minute.
    await foldSequenceFigures(db);
    await measureReads(size, server, headers, s);
    if (wanted('inbound')) await measureInbound(size, server, headers, db, ids.accountId);
    if (wanted('worker')) await measureWorker(size, db, url, ids.accountId, s.anchor);
    if (wanted('bulk')) await measureBulk(size, server, { authorization: headers.authorization }, db, url);
  } finally {
    await server.stop();
    await db.close();
    if (!args.keep && !args.reuse) await admin((c) => c.query(`DROP DATABASE IF EXISTS scale_${size}`));
  }
}

function printTable(sizes: number[]): void {
  console.log(
    `\n| operation | ${sizes.map((n) => `${n.toLocaleString('en')}: p50 / p99 ms, /s`).join(' | ')} | p99 growth |`,
  );
  console.log(`|---|${sizes.map(() => '---|').join('')}---|`);
  const ops = [...new Set(results.map((row) => row.op))];
  for (const op of ops) {
    const cells = sizes.map((size) => results.find((row) => row.op === op && row.size === size));
    const first = cells[0];
    const last = cells[cells.length - 1];
    const growth = first && last && first !== last ? `${(last.p99 / first.p99).toFixed(2)}×` : '';
    const text = cells.map((row) =>
      row
        ? `${row.p50.toFixed(1)} / ${row.p99.toFixed(1)}${row.rps === undefined ? '' : `, ${row.rps.toFixed(0)}`}`
        : '',
    );
    console.log(`| ${op} | ${text.join(' | ')} | ${growth} |`);
  }
}

async function main(): Promise<void> {
  const sizes = args.sizes.split(',').map(Number);
  for (const size of sizes) await measureSize(size);
  printTable(sizes);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
