import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { seedDueEmailSteps } from '../../../bench/worker/seed';
import { loadConfig } from '../../../src/server/config';
import { openPglite, type PgliteDb } from '../../../src/server/db/pglite-adapter';
import type { Db } from '../../../src/server/db/port';
import { createTransport } from '../../../src/server/mail/create-transport';
import { StepWorker } from '../../../src/server/worker/step-worker';
import { backends, openTestDatabase } from '../../helpers/databases';
import { startSmtpPeer, type SmtpPeer } from '../mail/smtp-peer';

const ROOT = path.join(__dirname, '..', '..', '..');
const NOW = new Date('2026-01-05T09:00:00Z');
const ROWS = 12;

/** Runs crash-child.ts until it prints `waitFor`, then kills it with SIGKILL. */
async function crashWorker(env: Record<string, string>, waitFor: string): Promise<string> {
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-child.ts')], {
    cwd: ROOT,
    env: { ...inherited, ...env, CRASH_NOW: NOW.toISOString() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const seen = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => line.startsWith(waitFor) && resolve(line));
    void exited.then((code) =>
      reject(new Error(`the worker exited (${code}) before "${waitFor}": ${stderr}`)),
    );
  });
  child.kill('SIGKILL');
  await exited;
  return seen;
}

const CONFIG = loadConfig({ NODE_ENV: 'test', AUTH_MODE: 'dev', LOG_LEVEL: 'silent' });
/** When the killed worker's leases have run out. */
const LEASE_EXPIRED = new Date(NOW.getTime() + CONFIG.worker.leaseMs + 1000);

/**
 * The surviving worker, its clock at `now`: drains until `expected` steps are done or it
 * finds nothing more (a killed session's row locks go with it; its leases run out).
 */
async function survivorDrains(db: Db, transportSpec: string, expected: number, now = NOW): Promise<number> {
  const transport = createTransport(transportSpec, { timeoutMs: 5000, maxConnections: 1 });
  const worker = new StepWorker({
    db,
    clock: { now: () => now },
    transport,
    config: CONFIG,
    settings: { pollMs: 20, batchSize: 5, concurrency: 1 },
  });
  let done = 0;
  const deadline = Date.now() + 3_000;
  while (done < expected && Date.now() < deadline) {
    done += (await worker.drain()).steps.length;
    if (done < expected) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await transport.close?.();
  return done;
}

async function sentCounts(db: Db) {
  const { rows } = await db.query<{ sent: number; steps: number; outbox: number; advanced: number }>(
    `SELECT (SELECT count(*) FROM sent_messages)::int AS sent,
            (SELECT count(DISTINCT (enrollment_id, step_index)) FROM sent_messages)::int AS steps,
            (SELECT count(*) FROM outbox)::int AS outbox,
            (SELECT count(*) FROM enrollments WHERE current_step = 2)::int AS advanced`,
  );
  return rows[0];
}

/** One message per contact at the SMTP server: none lost, none doubled. */
function expectEachOnce(peer: SmtpPeer) {
  const recipients = peer.messages.flatMap((mail) => mail.envelopeTo);
  expect(recipients).toHaveLength(ROWS);
  expect(new Set(recipients).size).toBe(ROWS);
  expect(new Set(peer.messages.map((mail) => mail.headers['message-id'])).size).toBe(ROWS);
}

const onPostgres = backends().includes('pg') ? describe : describe.skip;

onPostgres('a worker process killed with SIGKILL mid-step [pg]', () => {
  let peer: SmtpPeer;
  beforeEach(async () => {
    peer = await startSmtpPeer();
  });
  afterEach(async () => {
    await peer.close();
  });

  test.each([
    ['between claim and send', 'before-send', 'PARKED'],
    ['after three steps committed', 'after-commit', 'COMMITTED'],
  ])(
    'SMTP, %s: no email lost, none doubled',
    async (_name, at, signal) => {
      const database = await openTestDatabase('pg');
      try {
        await seedDueEmailSteps(database.db, ROWS, NOW);
        await crashWorker(
          {
            CRASH_DB: database.url ?? '',
            CRASH_TRANSPORT: peer.url,
            CRASH_AT: at,
            CRASH_AFTER: '3',
            CRASH_BATCH: '3',
          },
          signal,
        );
        expect(peer.messages).toHaveLength(3);
        const parked = at === 'before-send' ? 3 : 0;
        // While the killed worker's leases last, nobody else takes its steps …
        expect(await survivorDrains(database.db, peer.url, ROWS - 3)).toBe(ROWS - 3 - parked);
        // … then they are claimed again and sent (their outcome unknown: never handed over here).
        expect(await survivorDrains(database.db, peer.url, parked, LEASE_EXPIRED)).toBe(parked);
        expectEachOnce(peer);
        expect(await sentCounts(database.db)).toEqual({ sent: ROWS, steps: ROWS, outbox: 0, advanced: ROWS });
      } finally {
        await database.drop();
      }
    },
    60_000,
  );

  test('outbox, a whole batch claimed and killed before its commit: every step runs exactly once later', async () => {
    const database = await openTestDatabase('pg');
    try {
      await seedDueEmailSteps(database.db, ROWS, NOW);
      await crashWorker(
        {
          CRASH_DB: database.url ?? '',
          CRASH_TRANSPORT: 'outbox',
          CRASH_AT: 'before-send',
          CRASH_AFTER: '0',
          CRASH_BATCH: '8',
        },
        'PARKED',
      );
      expect(await sentCounts(database.db)).toEqual({ sent: 0, steps: 0, outbox: 0, advanced: 0 });
      expect(await survivorDrains(database.db, 'outbox', ROWS)).toBe(ROWS);
      expect(await sentCounts(database.db)).toEqual({
        sent: ROWS,
        steps: ROWS,
        outbox: ROWS,
        advanced: ROWS,
      });
    } finally {
      await database.drop();
    }
  }, 60_000);
});

describe('the embedded database (PGlite) killed with SIGKILL mid-step', () => {
  test('SMTP, between claim and send: after the restart no email is lost or doubled', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sales-tools-crash-'));
    const peer = await startSmtpPeer();
    try {
      // Start from the suite's migrated snapshot rather than migrating again (seconds saved).
      const template = await openTestDatabase('pglite');
      const snapshot = await (template.db as PgliteDb).dump();
      await template.drop();
      const setup = await openPglite({ dataDir: dir, loadDataDir: snapshot });
      await seedDueEmailSteps(setup, ROWS, NOW);
      await setup.close();

      await crashWorker(
        {
          CRASH_DB: dir,
          CRASH_TRANSPORT: peer.url,
          CRASH_AT: 'before-send',
          CRASH_AFTER: '3',
          CRASH_BATCH: '3',
        },
        'PARKED',
      );
      expect(peer.messages).toHaveLength(3);

      // The process restarts on the same data directory: PostgreSQL's recovery drops the open transaction.
      const restarted = await openPglite({ dataDir: dir });
      try {
        // The 3 steps the killed process had leased wait for the lease to run out, then go.
        expect(await survivorDrains(restarted, peer.url, ROWS - 3)).toBe(ROWS - 6);
        expect(await survivorDrains(restarted, peer.url, 3, LEASE_EXPIRED)).toBe(3);
        expectEachOnce(peer);
        expect(await sentCounts(restarted)).toEqual({ sent: ROWS, steps: ROWS, outbox: 0, advanced: ROWS });
      } finally {
        await restarted.close();
      }
    } finally {
      await peer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
