// The server under test, in its own process so the load generator does not share its CPU.
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { openPg } from '../../src/server/db/pg-adapter';

async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'silent',
    WORKER_ENABLED: 'false',
    SEED_DEMO: 'false',
  });
  const db = openPg(process.env.BENCH_DATABASE_URL!, { max: 10 });
  const { app } = await buildApp({ config, db, logger: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.send?.({ address });
  // Exit normally on SIGINT, so that --cpu-prof (BENCH_PROFILE) writes its profile.
  process.on('SIGINT', () => process.exit(0));
}

void main();
