/**
 * One bench worker process: opens its own pool on BENCH_URL, waits for "go" on
 * stdin, drains every due step with the outbox transport, and prints
 * `{"steps":n,"ms":t}`. Separate processes, like separate `npm run worker`s.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/server/config';
import { openPg } from '../../src/server/db/pg-adapter';
import { outboxTransport } from '../../src/server/mail/outbox-transport';
import { StepWorker } from '../../src/server/worker/step-worker';

async function main(): Promise<void> {
  const url = process.env.BENCH_URL;
  const now = new Date(process.env.BENCH_NOW ?? '');
  if (!url || Number.isNaN(now.getTime())) throw new Error('BENCH_URL and BENCH_NOW are required');
  const config = loadConfig({ NODE_ENV: 'test', AUTH_MODE: 'dev', LOG_LEVEL: 'silent' });
  const db = openPg(url, { max: 2 });
  const worker = new StepWorker({
    db,
    clock: { now: () => now },
    transport: outboxTransport,
    config,
    settings: { pollMs: 50, batchSize: Number(process.env.BENCH_BATCH ?? 200), concurrency: 1 },
  });
  await db.query('SELECT 1');
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  const start = performance.now();
  const result = await worker.drain();
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ steps: result.steps.length, failed: result.failed, ms })}\n`);
  await db.close();
  process.stdin.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
