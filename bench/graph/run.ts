/**
 * bench:graph — issue 16's two measures, against the Graph stand-in, in one process:
 * 1. From a reply delivered into a connected mailbox to the contact's unenrollment, with change
 *    notifications (PUBLIC_URL HTTPS, the stand-in delivering to the app over loopback) and with
 *    polling only (GRAPH_POLL_SECONDS, default 5 here). Targets: ≤ 5 s, ≤ one poll interval + 5 s.
 * 2. Messages ingested per second through delta + $value + the inbound pipeline, 100 mailboxes ×
 *    100 messages, beside the same number of messages POSTed to /api/v1/inbound/email over HTTP
 *    with the same parallelism (GRAPH_CONCURRENCY). Target: ≥ 80 % of that rate.
 *   npm run bench:graph   (PostgreSQL at BENCH_DATABASE_URL, default the local server)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import path from 'node:path';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../src/server/app';
import { createDevTokenIssuer } from '../../src/server/auth/dev-tokens';
import { loadConfig } from '../../src/server/config';
import { migrate } from '../../src/server/db/migrate';
import { openPg } from '../../src/server/db/pg-adapter';
import type { Db } from '../../src/server/db/port';
import { createGraphConnector } from '../../src/server/graph';
import { markDue } from '../../src/server/mailboxes/queries/claims';
import { MailboxSyncWorker, mailboxWorkerSettings } from '../../src/server/mailboxes/sync-worker';
import { StepWorker } from '../../src/server/worker/step-worker';
import { createServerDatabase } from '../../test/helpers/databases';
import { personEmail, replyTo } from '../../test/helpers/mail';

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MAILBOXES = Number(process.env.BENCH_MAILBOXES ?? 100);
const PER_MAILBOX = Number(process.env.BENCH_MESSAGES ?? 100);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 10);
const POLL_SECONDS = Number(process.env.BENCH_POLL_SECONDS ?? 5);
const CLIENT_ID = 'bench-app';
const SECRET = 'bench-secret';

/** The stand-in in its own process, as Graph is remote: its work does not share the app's event loop. */
interface StandIn {
  url: string;
  authorityHost: string;
  baseUrl: string;
  ca: string;
  deliver(user: string, raw: string, folder?: string): Promise<void>;
  setNotificationOrigin(origin: string): Promise<void>;
  close(): Promise<void>;
}

async function spawnStandIn(): Promise<StandIn> {
  const dir = path.join(os.tmpdir(), 'bench-graph-stand-in');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/graph-stand-in/cli.ts',
      '--port',
      '0',
      '--quiet',
      '--dir',
      dir,
      '--client-id',
      CLIENT_ID,
      '--client-secret',
      SECRET,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      if (buffered.includes('\n')) resolve(buffered.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`the stand-in exited (${code})`)));
  });
  const { url, cert } = JSON.parse(first) as { url: string; cert: string };
  const ca = readFileSync(cert, 'utf8');
  const agent = new https.Agent({ keepAlive: true, ca });
  const post = (path: string, body: string, type: string) =>
    new Promise<void>((resolve, reject) => {
      const request = https.request(
        `${url}${path}`,
        { method: 'POST', agent, headers: { 'content-type': type } },
        (response) => {
          response.resume();
          response.on('end', () =>
            response.statusCode && response.statusCode < 300
              ? resolve()
              : reject(new Error(`${path}: ${response.statusCode}`)),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  return {
    url,
    authorityHost: url,
    baseUrl: `${url}/v1.0`,
    ca,
    deliver: (user, raw, folder = 'inbox') =>
      post(`/_stand-in/mailboxes/${encodeURIComponent(user)}/${folder}`, raw, 'text/plain'),
    setNotificationOrigin: (origin) =>
      post('/_stand-in/notification-origin', JSON.stringify({ origin }), 'application/json'),
    async close() {
      agent.destroy();
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Running {
  origin: string;
  db: Db;
  request(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
  steps: StepWorker;
  mailboxes: MailboxSyncWorker;
  token(email: string, admin?: boolean, tenantId?: string): Promise<string>;
}

async function startApp(dbUrl: string, standIn: StandIn, env: Record<string, string>): Promise<Running> {
  const config = loadConfig({
    NODE_ENV: 'test',
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    GRAPH_CLIENT_ID: CLIENT_ID,
    GRAPH_CLIENT_SECRET: SECRET,
    GRAPH_AUTHORITY_HOST: standIn.authorityHost,
    GRAPH_BASE_URL: standIn.baseUrl,
    PUBLIC_URL: 'https://sales.example',
    // Measured here: the pipeline, not the API's rate limits (10,000 posts by one user).
    RATE_LIMIT_PER_USER: '0',
    RATE_LIMIT_PER_ADDRESS: '0',
    ...env,
  });
  const db = openPg(dbUrl);
  await migrate(db);
  const graph = createGraphConnector(config.graph, { ca: standIn.ca });
  if (!graph) throw new Error('no Graph connector');
  const issuer = await createDevTokenIssuer();
  const { app, deps } = await buildApp({ config, db, graph, devTokens: issuer, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const steps = new StepWorker({
    db,
    clock: deps.clock,
    transport: deps.transport,
    config,
    settings: { pollMs: 50, batchSize: 100, concurrency: 4 },
  });
  const mailboxes = new MailboxSyncWorker(deps, graph.client, mailboxWorkerSettings(config));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return {
    origin,
    db,
    steps,
    mailboxes,
    token: (email, admin = false, tenantId = 'bench-tenant') => issuer.issue({ email, admin, tenantId }),
    request(method, path, token, body) {
      const payload =
        body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
      return new Promise((resolve, reject) => {
        const request = http.request(
          `${origin}${path}`,
          {
            method,
            agent,
            headers: {
              authorization: `Bearer ${token}`,
              ...(payload
                ? { 'content-type': Buffer.isBuffer(body) ? 'message/rfc822' : 'application/json' }
                : {}),
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({
                status: response.statusCode ?? 0,
                body: text.startsWith('{') ? JSON.parse(text) : text,
              });
            });
          },
        );
        request.on('error', reject);
        request.end(payload);
      });
    },
    async close() {
      await steps.stop();
      await mailboxes.stop();
      await app.close();
      graph.close();
      agent.destroy();
      await db.close();
    },
  };
}

/** The admin-consent flow through the stand-in: the link, its redirect, our callback. */
async function connect(app: Running, standIn: StandIn, adminToken: string): Promise<void> {
  const link = await app.request('POST', '/api/v1/account/mail-connection/consent', adminToken);
  const location = await new Promise<string>((resolve, reject) =>
    https
      .get(link.body.consentUrl, { ca: standIn.ca }, (response) => {
        response.resume();
        resolve(String(response.headers.location));
      })
      .on('error', reject),
  );
  const callback = new URL(location);
  const answer = await app.request('GET', `${callback.pathname}${callback.search}`, adminToken);
  if (answer.status !== 200) throw new Error(`consent: ${answer.status}`);
}

async function replyLatency(dbUrl: string, mode: 'notifications' | 'polling'): Promise<number[]> {
  const standIn = await spawnStandIn();
  const app = await startApp(dbUrl, standIn, {
    GRAPH_NOTIFICATIONS: mode === 'notifications' ? 'true' : 'false',
    GRAPH_POLL_SECONDS: String(mode === 'notifications' ? 60 : POLL_SECONDS),
  });
  await standIn.setNotificationOrigin(app.origin);
  const tenant = `latency-${mode}`;
  const rep = `rep@${tenant}.example`;
  const token = await app.token(rep, true, tenant);
  const latencies: number[] = [];
  try {
    await connect(app, standIn, token);
    const sequence = await app.request('POST', '/api/v1/sequences', token, {
      name: 'Bench',
      // Two steps, so the enrollment is still active after the first email (one step would complete it).
      steps: [
        { type: 'email', delayMinutes: 0, subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}' },
        { type: 'email', delayMinutes: 24 * 60, subject: 'Follow-up', body: 'Just following up' },
      ],
    });
    await app.mailboxes.drain(); // subscriptions made, first rounds done
    await app.mailboxes.start();
    for (let n = 0; n < REPLIES; n += 1) {
      const contact = `lead${n}@northwind.example`;
      await app.request('POST', '/api/v1/contacts', token, { email: contact, firstName: 'Lead' });
      const enrolled = await app.request('POST', '/api/v1/enrollments', token, {
        sequenceId: sequence.body.id,
        email: contact,
      });
      if (enrolled.status !== 201)
        throw new Error(`enroll: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
      await app.steps.drain();
      const { rows } = await app.db.query<{ message_id: string; subject: string }>(
        'SELECT message_id, subject FROM sent_messages WHERE enrollment_id = $1::uuid',
        [enrolled.body.id],
      );
      // A random moment within the poll interval, as a real reply would come.
      if (mode === 'polling') await sleep(Math.random() * POLL_SECONDS * 1000);
      const started = performance.now();
      await standIn.deliver(
        rep,
        replyTo({ messageId: rows[0].message_id, subject: rows[0].subject }, contact, rep),
      );
      for (;;) {
        const state = await app.db.query<{ status: string }>(
          'SELECT status FROM enrollments WHERE id = $1::uuid',
          [enrolled.body.id],
        );
        if (state.rows[0].status === 'unenrolled') break;
        if (performance.now() - started > 120_000) throw new Error('no unenrollment within 120 s');
        await sleep(5);
      }
      latencies.push(performance.now() - started);
    }
  } finally {
    await app.close();
    await standIn.close();
  }
  return latencies;
}

async function ingestionRates(
  dbUrl: string,
): Promise<{ graph: number; http: number; graphMs: number; httpMs: number }> {
  const standIn = await spawnStandIn();
  const app = await startApp(dbUrl, standIn, { GRAPH_NOTIFICATIONS: 'false', GRAPH_POLL_SECONDS: '3600' });
  const total = MAILBOXES * PER_MAILBOX;
  try {
    const tenant = 'ingest';
    const admin = await app.token('admin@ingest.example', true, tenant);
    await app.request('GET', '/api/v1/me', admin);
    const reps: string[] = [];
    for (let n = 0; n < MAILBOXES; n += 1) {
      const email = `rep${n}@ingest.example`;
      await app.request('GET', '/api/v1/me', await app.token(email, false, tenant));
      reps.push(email);
    }
    await connect(app, standIn, admin);
    await app.mailboxes.drain(); // every mailbox's first round (empty)
    const raws: Buffer[] = [];
    for (const rep of reps) {
      for (let n = 0; n < PER_MAILBOX; n += 1) {
        const raw = personEmail({
          from: `lead${n}@northwind.example`,
          to: rep,
          subject: `Question ${n}`,
          body: 'Could you send me the pricing for 20 seats?',
        });
        raws.push(Buffer.from(raw));
        await standIn.deliver(rep, raw);
      }
    }
    const { rows } = await app.db.query<{ id: string }>('SELECT id FROM mailboxes');
    await markDue(app.db, { mailboxIds: rows.map((row) => row.id) }, new Date());
    let started = performance.now();
    const tick = await app.mailboxes.drain();
    const graphMs = performance.now() - started;
    if (tick.ingested !== total) throw new Error(`ingested ${tick.ingested} of ${total}`);

    // The baseline: the same messages (new Message-IDs, so none is a duplicate) to POST /inbound/email.
    const other = await app.token('admin@http.example', true, 'http-baseline');
    const fresh = raws.map((raw) =>
      Buffer.from(
        raw.toString('utf8').replace(/^Message-ID: <[^>]+>/m, `Message-ID: <${randomUUID()}@mail.example>`),
      ),
    );
    await app.request('GET', '/api/v1/me', other);
    let next = 0;
    started = performance.now();
    await Promise.all(
      Array.from({ length: mailboxWorkerSettings(loadConfig({})).concurrency }, async () => {
        while (next < fresh.length) {
          const response = await app.request('POST', '/api/v1/inbound/email', other, fresh[next++]);
          if (response.status !== 200) throw new Error(`inbound: ${response.status}`);
        }
      }),
    );
    const httpMs = performance.now() - started;
    return { graph: (total / graphMs) * 1000, http: (total / httpMs) * 1000, graphMs, httpMs };
  } finally {
    await app.close();
    await standIn.close();
  }
}

async function main(): Promise<void> {
  const scratch = await createServerDatabase(BASE);
  try {
    console.log(`bench:graph on PostgreSQL, Graph stand-in over HTTPS on loopback (its own process)`);
    const only = process.env.BENCH_ONLY;
    if (only !== 'ingestion') await latencies(scratch.url);
    if (only !== 'latency') await ingestion(scratch.url);
  } finally {
    await scratch.drop();
  }
}

async function latencies(dbUrl: string): Promise<void> {
  {
    const notified = await replyLatency(dbUrl, 'notifications');
    console.log(
      `reply → unenrolled, change notifications: median ${(median(notified) / 1000).toFixed(2)} s, max ${(Math.max(...notified) / 1000).toFixed(2)} s over ${notified.length} replies (target ≤ 5 s)`,
    );
    const polled = await replyLatency(dbUrl, 'polling');
    console.log(
      `reply → unenrolled, polling only every ${POLL_SECONDS} s: median ${(median(polled) / 1000).toFixed(2)} s, max ${(Math.max(...polled) / 1000).toFixed(2)} s over ${polled.length} replies (target ≤ ${POLL_SECONDS + 5} s)`,
    );
  }
}

async function ingestion(dbUrl: string): Promise<void> {
  {
    const rates = await ingestionRates(dbUrl);
    console.log(
      `ingestion, ${MAILBOXES} mailboxes × ${PER_MAILBOX} messages: delta + $value + pipeline ${rates.graph.toFixed(0)} msg/s (${(rates.graphMs / 1000).toFixed(1)} s); POST /inbound/email ${rates.http.toFixed(0)} msg/s (${(rates.httpMs / 1000).toFixed(1)} s); ratio ${((rates.graph / rates.http) * 100).toFixed(0)} % (target ≥ 80 %)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
