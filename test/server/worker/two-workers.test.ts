import { seedDueEmailSteps } from '../../../bench/worker/seed';
import { loadConfig } from '../../../src/server/config';
import { openPg } from '../../../src/server/db/pg-adapter';
import { createTransport } from '../../../src/server/mail/create-transport';
import { StepWorker, type TickResult } from '../../../src/server/worker/step-worker';
import { backends, openTestDatabase, type TestDatabase } from '../../helpers/databases';
import { startSmtpPeer, type SmtpPeer } from '../mail/smtp-peer';

const NOW = new Date('2026-01-05T09:00:00Z');
const config = loadConfig({ NODE_ENV: 'test', AUTH_MODE: 'dev', LOG_LEVEL: 'silent' });

/** A worker with its own connection pool, as a separate process would have. */
function workerOn(url: string, transportSpec: string, batchSize: number) {
  const db = openPg(url, { max: 4 });
  const transport = createTransport(transportSpec, { timeoutMs: 5000, maxConnections: 2 });
  const worker = new StepWorker({
    db,
    clock: { now: () => NOW },
    transport,
    config,
    settings: { pollMs: 20, batchSize, concurrency: 2 },
  });
  return { worker, close: async () => (await transport.close?.(), await db.close()) };
}

const ids = (result: TickResult) => result.steps.map((step) => step.enrollmentId);

const onPostgres = backends().includes('pg') ? describe : describe.skip;

onPostgres('two workers sharing one PostgreSQL [pg]', () => {
  let database: TestDatabase;
  let peer: SmtpPeer;
  beforeEach(async () => {
    database = await openTestDatabase('pg');
    peer = await startSmtpPeer();
  });
  afterEach(async () => {
    await database.drop();
    await peer.close();
  });

  test('outbox, batches: the workers take disjoint steps and each step runs exactly once', async () => {
    const rows = 600;
    await seedDueEmailSteps(database.db, rows, NOW);
    const a = workerOn(database.url ?? '', 'outbox', 25);
    const b = workerOn(database.url ?? '', 'outbox', 25);
    const [ra, rb] = await Promise.all([a.worker.drain(), b.worker.drain()]);
    await Promise.all([a.close(), b.close()]);

    expect(ra.steps.length + rb.steps.length).toBe(rows);
    expect(ra.steps.length).toBeGreaterThan(0);
    expect(rb.steps.length).toBeGreaterThan(0);
    const taken = new Set(ids(ra));
    expect(ids(rb).filter((id) => taken.has(id))).toEqual([]);
    const { rows: counts } = await database.db.query<{
      sent: number;
      outbox: number;
      ids: number;
      events: number;
    }>(
      `SELECT (SELECT count(*) FROM sent_messages)::int AS sent, (SELECT count(*) FROM outbox)::int AS outbox,
              (SELECT count(DISTINCT message_id) FROM outbox)::int AS ids,
              (SELECT count(*) FROM enrollment_events WHERE type = 'email_sent')::int AS events`,
    );
    expect(counts[0]).toEqual({ sent: rows, outbox: rows, ids: rows, events: rows });
  }, 60_000);

  test('SMTP, one step per transaction in parallel lanes: every email reaches the server exactly once', async () => {
    const rows = 120;
    await seedDueEmailSteps(database.db, rows, NOW);
    const a = workerOn(database.url ?? '', peer.url, 10);
    const b = workerOn(database.url ?? '', peer.url, 10);
    const [ra, rb] = await Promise.all([a.worker.drain(), b.worker.drain()]);
    await Promise.all([a.close(), b.close()]);

    expect(ra.steps.length + rb.steps.length).toBe(rows);
    expect(ra.steps.length).toBeGreaterThan(0);
    expect(rb.steps.length).toBeGreaterThan(0);
    const recipients = peer.messages.flatMap((mail) => mail.envelopeTo);
    expect(recipients).toHaveLength(rows);
    expect(new Set(recipients).size).toBe(rows);
    expect(new Set(peer.messages.map((mail) => mail.headers['message-id'])).size).toBe(rows);
  }, 60_000);
});
