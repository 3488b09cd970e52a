/**
 * The product as `npm start` runs it (API + step worker in one process), in a child process
 * of a benchmark, so the load generator does not share its CPU. Environment: BENCH_DB
 * (`postgres://…` or a PGlite data directory), BENCH_SMTP_URL, BENCH_CONTACTS (seeded, none
 * enrolled), BENCH_WORKER (`on` | `later`: started by a `{ startWorker: true }` message).
 * Sends `{ address, token, sequenceId, emails }` when listening.
 */
import path from 'node:path';
import { buildApp } from '../../src/server/app';
import { createDevTokenIssuer } from '../../src/server/auth/dev-tokens';
import { loadConfig } from '../../src/server/config';
import { migrate } from '../../src/server/db/migrate';
import { openDatabase } from '../../src/server/db/open';
import { workerFromDeps } from '../../src/server/worker/step-worker';
import { seedAccount } from './seed';

async function main(): Promise<void> {
  const target = process.env.BENCH_DB ?? '';
  const dataDir = target.startsWith('postgres') ? path.join(__dirname, '..', '..', 'data', 'bench') : target;
  const config = loadConfig({
    ...process.env,
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    WORKER_ENABLED: 'true',
    DATA_DIR: dataDir,
    DATABASE_URL: target.startsWith('postgres') ? target : '',
    MAIL_TRANSPORT: process.env.BENCH_SMTP_URL ?? 'outbox',
    // A bench is one user sending far more than a person would; the limits are measured by bench:lookup.
    RATE_LIMIT_PER_USER: process.env.RATE_LIMIT_PER_USER ?? '0',
    RATE_LIMIT_PER_ADDRESS: process.env.RATE_LIMIT_PER_ADDRESS ?? '0',
  });
  const db = await openDatabase(config);
  await migrate(db);
  const issuer = await createDevTokenIssuer({ keyFile: path.join(dataDir, 'dev-auth-key.json') });
  const account = await seedAccount(db, {
    tenantId: 'bench-app',
    email: 'rep@bench.example',
    contacts: Number(process.env.BENCH_CONTACTS ?? 1000),
    enrolled: 0,
  });
  const token = await issuer.issue({ email: account.email, tenantId: account.tenantId });
  await db.query(`UPDATE users SET oid = $1 WHERE id = $2`, [
    JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).oid,
    account.userId,
  ]);
  const { app, deps } = await buildApp({ config, db, logger: false, devTokens: issuer });
  const worker = workerFromDeps(deps);
  if (process.env.BENCH_WORKER !== 'later') await worker.start();
  process.on('message', (message: { startWorker?: boolean }) => {
    if (message.startWorker) void worker.start().then(() => process.send?.({ started: true }));
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.send?.({ address, token, sequenceId: account.sequenceId, accountId: account.accountId });
  process.on('SIGINT', () => {
    void worker
      .stop()
      .then(() => app.close())
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
}

void main();
