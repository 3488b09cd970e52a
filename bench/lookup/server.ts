// The server under test, in its own process so the load generator does not share its CPU.
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { lookupByEmails } from '../../src/server/contacts/queries';
import { openPg } from '../../src/server/db/pg-adapter';

async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'silent',
    WORKER_ENABLED: 'false',
    SEED_DEMO: 'false',
    // Every lookup is counted (what the bench measures), but the limit is never reached.
    RATE_LIMIT_PER_USER: '10000000',
  });
  const db = openPg(process.env.BENCH_DATABASE_URL!, { max: 10 });
  const { app } = await buildApp({ config, db, logger: false });
  // The same app with the rate limits off, for the cost of counting (loaded in turn, never together).
  const unlimited = await buildApp({
    config: { ...config, rateLimit: { ...config.rateLimit, perUser: 0, perAddress: 0 } },
    db,
    logger: false,
  });

  // Two reference points that split the lookup's cost, on bench-only routes of this process:
  // the lookup's answer served from memory (what any handler with this answer pays: HTTP
  // and 27 KB of JSON, no auth, no database) and the lookup's one SQL statement alone.
  let canned: unknown = null;
  let sqlInput: { accountId: string; emails: string[] } | null = null;
  process.on('message', (m: { canned?: unknown; sqlInput?: typeof sqlInput }) => {
    if (m.canned) canned = m.canned;
    if (m.sqlInput) sqlInput = m.sqlInput;
    process.send?.({ ok: true });
  });
  app.get('/bench/canned-answer', async () => canned);
  app.get('/bench/lookup-sql', async () => {
    const rows = await lookupByEmails(db, sqlInput!.accountId, sqlInput!.emails);
    return { rows: rows.length };
  });

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const unlimitedAddress = await unlimited.app.listen({ host: '127.0.0.1', port: 0 });
  process.send?.({ address, unlimitedAddress });
  // Exit normally on SIGINT, so that --cpu-prof (BENCH_PROFILE) writes its profile.
  process.on('SIGINT', () => process.exit(0));
}

void main();
