// The server under test, in its own process so the load generator does not share its CPU.
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { lookupByEmails, type LookupRow } from '../../src/server/contacts/queries';
import { openPg } from '../../src/server/db/pg-adapter';
import type { Db } from '../../src/server/db/port';

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

  // The same app with the lookup's reads answered from memory: the route without its statement
  // (bench:scale's ceiling for the lookup against /health). bench:scale sends the addresses it
  // draws from (`remember`), whose answers are read once; any other address, like its strangers,
  // has none — as in the database.
  const remembered = new Map<string, Map<string, LookupRow>>();
  const fromMemory = await buildApp({
    config,
    db,
    logger: false,
    lookups: async (accountId, emails) =>
      emails.map((email) => remembered.get(accountId)?.get(email) ?? null),
  });

  // Two reference points that split the lookup's cost, on bench-only routes of this process:
  // the lookup's answer served from memory (what any handler with this answer pays: HTTP
  // and 27 KB of JSON, no auth, no database) and the lookup's one SQL statement alone.
  let canned: unknown = null;
  let sqlInput: { accountId: string; emails: string[] } | null = null;
  process.on('message', async (m: { canned?: unknown; sqlInput?: typeof sqlInput; remember?: Remember }) => {
    if (m.canned) canned = m.canned;
    if (m.sqlInput) sqlInput = m.sqlInput;
    if (m.remember) remembered.set(m.remember.accountId, await answersOf(db, m.remember));
    process.send?.({ ok: true });
  });
  app.get('/bench/canned-answer', async () => canned);
  app.get('/bench/lookup-sql', async () => {
    const rows = await lookupByEmails(db, sqlInput!.accountId, sqlInput!.emails);
    return { rows: rows.length };
  });

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const unlimitedAddress = await unlimited.app.listen({ host: '127.0.0.1', port: 0 });
  const memoryAddress = await fromMemory.app.listen({ host: '127.0.0.1', port: 0 });
  process.send?.({ address, unlimitedAddress, memoryAddress });
  // Exit normally on SIGINT, so that --cpu-prof (BENCH_PROFILE) writes its profile.
  process.on('SIGINT', () => process.exit(0));
}

interface Remember {
  accountId: string;
  emails: string[];
}

/** The database's answers for the addresses, by lower-cased address (those it has one for). */
async function answersOf(db: Db, { accountId, emails }: Remember): Promise<Map<string, LookupRow>> {
  const answers = new Map<string, LookupRow>();
  for (let i = 0; i < emails.length; i += 500) {
    for (const row of await lookupByEmails(db, accountId, emails.slice(i, i + 500)))
      answers.set(row.matched_email, row);
  }
  return answers;
}

void main();
