import 'dotenv/config';
import { buildApp } from './app';
import { loadConfigOrExit } from './config';
import { openDatabase } from './db/open';
import { startEmbeddedVacuum } from './db/embedded-vacuum';
import { migrate } from './db/migrate';
import { seedDemoWorkspace } from './dev/seed';
import { startInboundSmtp, type InboundSmtp } from './inbound/smtp-listener';
import { MailboxSyncWorker, mailboxWorkerSettings } from './mailboxes/sync-worker';
import { exitGracefully } from './shutdown';
import { workerFromDeps } from './worker/step-worker';

/** Listens, and shuts down gracefully: stop accepting, finish requests, close the database. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const db = await openDatabase(config);
  await migrate(db);
  // Readable lines for a person at a terminal; JSON lines (for a log shipper) otherwise.
  const pretty = process.stdout.isTTY && config.nodeEnv !== 'production';
  const { app, deps } = await buildApp({
    config,
    db,
    logger: {
      level: config.logLevel,
      ...(pretty
        ? {
            transport: {
              target: 'pino-pretty',
              options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
            },
          }
        : {}),
    },
  });
  if (config.seedDemo && (await seedDemoWorkspace(deps))) {
    app.log.info(
      'seeded a demo workspace: open /preview, or ask POST /api/v1/dev/token for rep@contoso.example',
    );
  }

  const stopVacuum =
    db.kind === 'pglite'
      ? startEmbeddedVacuum(db, {
          onError: (error) => app.log.warn({ err: error }, 'vacuuming the embedded database failed'),
        })
      : undefined;

  let inboundSmtp: InboundSmtp | undefined;
  const worker = config.worker.enabled
    ? workerFromDeps(deps, app.log.child({ component: 'worker' }))
    : undefined;
  // Microsoft 365 mailboxes (GRAPH_CLIENT_ID): read by a worker beside the step worker.
  const mailboxWorker =
    config.worker.enabled && deps.graph
      ? new MailboxSyncWorker(
          deps,
          deps.graph,
          mailboxWorkerSettings(config),
          app.log.child({ component: 'mailboxes' }),
        )
      : undefined;

  exitGracefully(app.log, async () => {
    await inboundSmtp?.close();
    await app.close();
    // The worker finishes its step before the database closes under it.
    await worker?.stop();
    await mailboxWorker?.stop();
    await deps.transport.close?.();
    await stopVacuum?.();
    await db.close();
  });

  await app.listen({ host: config.host, port: config.port });
  if (config.inbound.smtpPort !== undefined) {
    inboundSmtp = await startInboundSmtp(deps, {
      port: config.inbound.smtpPort,
      host: config.inbound.smtpHost,
    });
    app.log.info(`inbound SMTP listening on ${config.inbound.smtpHost}:${inboundSmtp.port}`);
  }
  await worker?.start();
  await mailboxWorker?.start();
  app.log.info(
    `Sales Tools is running on ${config.publicUrl} (${db.kind === 'pg' ? 'PostgreSQL server' : `embedded database in ${config.dataDir}`}, auth mode ${config.auth.mode}, worker ${worker ? 'on' : 'off'}, Microsoft 365 ${deps.graph ? `on: ${config.graph.baseUrl}` : 'off'})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
