/**
 * A step worker process for crash.test.ts to kill -9 at a chosen point. Its
 * transport lets CRASH_AFTER emails through, then:
 *   CRASH_AT=before-send   stops dead after the claim and before the hand-over (prints
 *                          "PARKED"): inside the claiming transaction for the outbox,
 *                          holding the step's lease for SMTP;
 *   CRASH_AT=after-commit  stops dead after those steps committed (prints "COMMITTED").
 * Environment: CRASH_DB (a postgres:// URL or a PGlite data directory), CRASH_NOW,
 * CRASH_TRANSPORT (outbox or an smtp:// URL), CRASH_BATCH.
 */
import { loadConfig } from '../../../src/server/config';
import { openPg } from '../../../src/server/db/pg-adapter';
import { openPglite } from '../../../src/server/db/pglite-adapter';
import type { Db } from '../../../src/server/db/port';
import { createTransport } from '../../../src/server/mail/create-transport';
import type { MailTransport } from '../../../src/server/mail/transport';
import { StepWorker } from '../../../src/server/worker/step-worker';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const forever = () => new Promise<never>(() => undefined);

async function main(): Promise<void> {
  const target = env('CRASH_DB');
  const db: Db = target.startsWith('postgres')
    ? openPg(target, { max: 2 })
    : await openPglite({ dataDir: target });
  const now = new Date(env('CRASH_NOW'));
  const after = Number(env('CRASH_AFTER'));
  const at = env('CRASH_AT');
  const inner = createTransport(env('CRASH_TRANSPORT'), { timeoutMs: 5000, maxConnections: 1 });
  let through = 0;
  const gate = async (count: number) => {
    if (at === 'before-send' && through + count > after) {
      process.stdout.write('PARKED\n');
      await forever();
    }
    through += count;
  };
  const transport: MailTransport =
    inner.kind === 'storing'
      ? {
          kind: 'storing',
          name: `crashing ${inner.name}`,
          async store(tx, emails, sentAt) {
            await gate(emails.length);
            return inner.store(tx, emails, sentAt);
          },
        }
      : {
          kind: 'sending',
          name: `crashing ${inner.name}`,
          async send(email, sentAt, attempt) {
            await gate(1);
            return inner.send(email, sentAt, attempt);
          },
        };
  const worker = new StepWorker({
    db,
    clock: { now: () => now },
    transport,
    config: loadConfig({ NODE_ENV: 'test', AUTH_MODE: 'dev', LOG_LEVEL: 'silent' }),
    settings: { pollMs: 20, batchSize: Number(env('CRASH_BATCH')), concurrency: 1 },
  });
  if (at === 'after-commit') {
    let done = 0;
    while (done < after) done += (await worker.runOnce()).steps.length;
    process.stdout.write(`COMMITTED ${done}\n`);
    await forever();
  }
  await worker.drain();
  process.stdout.write('DRAINED\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
