import 'dotenv/config';
import { buildApp } from './app';
import { loadConfigOrExit } from './config';
import { openDatabase } from './db/open';
import { migrate } from './db/migrate';
import { seedDemoWorkspace } from './dev/seed';
import { startInboundSmtp, type InboundSmtp } from './inbound/smtp-listener';
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
    app.log.info('seeded a demo workspace: open /preview, or ask POST /dev/token for rep@contoso.example');
  }

  let inboundSmtp: InboundSmtp | undefined;
  const worker = config.worker.enabled
    ? workerFromDeps(deps, app.log.child({ component: 'worker' }))
    : undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await inboundSmtp?.close();
      await app.close();
      // The worker finishes its transaction before the database closes under it.
      await worker?.stop();
      await deps.transport.close?.();
      await db.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  if (config.inbound.smtpPort !== undefined) {
    inboundSmtp = await startInboundSmtp(deps, {
      port: config.inbound.smtpPort,
      host: config.inbound.smtpHost,
    });
    app.log.info(`inbound SMTP listening on ${config.inbound.smtpHost}:${inboundSmtp.port}`);
  }
  worker?.start();
  app.log.info(
    `Sales Tools is running on ${config.publicUrl} (${db.kind === 'pg' ? 'PostgreSQL server' : `embedded database in ${config.dataDir}`}, auth mode ${config.auth.mode}, worker ${worker ? 'on' : 'off'})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
