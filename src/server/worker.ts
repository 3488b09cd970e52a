import 'dotenv/config';
import pino from 'pino';
import { systemClock } from './clock';
import { loadConfigOrExit } from './config';
import { migrate } from './db/migrate';
import { openDatabase } from './db/open';
import { createTransport } from './mail/create-transport';
import { StepWorker } from './worker/step-worker';

/**
 * `npm run worker`: a step worker on its own, beside any number of others and
 * of API processes, all sharing one PostgreSQL (work is claimed with
 * `FOR UPDATE SKIP LOCKED`; see worker/step-worker.ts). Stops gracefully: the
 * transaction in progress commits before the database closes.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.databaseUrl) {
    console.error(
      'npm run worker needs DATABASE_URL: the embedded database belongs to one process, and `npm start` already runs the worker inside it.',
    );
    process.exit(1);
  }
  const log = pino({ level: config.logLevel, name: 'worker' });
  const db = await openDatabase(config);
  await migrate(db);
  const transport = createTransport(config.mailTransport, config.smtp);
  const worker = new StepWorker({ db, clock: systemClock, transport, config, settings: config.worker, log });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000).unref();
    try {
      await worker.stop();
      await transport.close?.();
      await db.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  worker.start();
  log.info(
    { transport: transport.name, pollMs: config.worker.pollMs, batchSize: config.worker.batchSize },
    'step worker started',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
