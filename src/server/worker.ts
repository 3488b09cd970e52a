import 'dotenv/config';
import pino from 'pino';
import { systemClock } from './clock';
import { loadConfigOrExit } from './config';
import { batchedLookup } from './contacts/lookup-batch';
import { migrate } from './db/migrate';
import { openDatabase } from './db/open';
import { PrincipalCache } from './auth/plugin';
import { createGraphConnector } from './graph';
import { createTransport } from './mail/create-transport';
import { graphSenderLookup } from './mailboxes/sending';
import { MailboxSyncWorker, mailboxWorkerSettings } from './mailboxes/sync-worker';
import { RATE_WINDOW_MS } from './rate-limit/plugin';
import { SharedRateCounter } from './rate-limit/shared-counter';
import { exitGracefully } from './shutdown';
import { StepWorker } from './worker/step-worker';

/**
 * `npm run worker`: a step worker on its own, beside any number of others and
 * of API processes, all sharing one PostgreSQL (work is claimed with
 * `FOR UPDATE SKIP LOCKED` and leases; docs/architecture.md). Stops gracefully: the
 * step in progress is recorded before the database closes.
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
  const graph = createGraphConnector(config.graph);
  const transport = createTransport(
    config.mailTransport,
    config.smtp,
    graph && { graph: graph.client, db, senderOf: graphSenderLookup(db) },
  );
  const worker = new StepWorker({ db, clock: systemClock, transport, config, settings: config.worker, log });
  // Microsoft 365 mailboxes are read here too: workers share them through leases in the database.
  const mailboxWorker =
    graph &&
    new MailboxSyncWorker(
      {
        config,
        db,
        clock: systemClock,
        transport,
        principals: new PrincipalCache(),
        graph: graph.client,
        // Counted by the API and the SMTP listener only; a worker takes no requests.
        rateLimits: new SharedRateCounter(db, systemClock, {
          windowMs: RATE_WINDOW_MS,
          flushMs: config.rateLimit.syncMs,
        }),
        lookups: batchedLookup(db),
      },
      graph.client,
      mailboxWorkerSettings(config),
      log.child({ component: 'mailboxes' }),
    );

  exitGracefully(log, async () => {
    await worker.stop();
    await mailboxWorker?.stop();
    await transport.close?.();
    graph?.close();
    await db.close();
  });

  await worker.start();
  await mailboxWorker?.start();
  log.info(
    { transport: transport.name, pollMs: config.worker.pollMs, batchSize: config.worker.batchSize },
    'step worker started',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
