// The server under test, in its own process so the load generator does not share its CPU.
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { ContactLookup } from '../../src/server/contacts/lookup-batch';
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
  // (bench:scale's ceiling for the lookup against /health). On an account's first lookup it reads
  // the answers for the addresses bench:scale draws from (its sample: the first 2,000 contacts
  // by id, with their aliases); an address outside them, like the sample's strangers, has none.
  const fromMemory = await buildApp({ config, db, logger: false, lookups: memoryLookup(db) });

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
  const memoryAddress = await fromMemory.app.listen({ host: '127.0.0.1', port: 0 });
  process.send?.({ address, unlimitedAddress, memoryAddress });
  // Exit normally on SIGINT, so that --cpu-prof (BENCH_PROFILE) writes its profile.
  process.on('SIGINT', () => process.exit(0));
}

function memoryLookup(db: Db): ContactLookup {
  const accounts = new Map<string, Promise<Map<string, LookupRow>>>();
  const load = async (accountId: string) => {
    const { rows } = await db.query<{ email_lower: string; aliases: string[] }>(
      `SELECT email_lower, aliases FROM contacts WHERE account_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT 2000`,
      [accountId],
    );
    const addresses = [...new Set(rows.flatMap((row) => [row.email_lower, ...row.aliases]))];
    const answers = new Map<string, LookupRow>();
    for (let i = 0; i < addresses.length; i += 500) {
      for (const row of await lookupByEmails(db, accountId, addresses.slice(i, i + 500)))
        answers.set(row.matched_email, row);
    }
    return answers;
  };
  return async (accountId, emails) => {
    if (!accounts.has(accountId)) accounts.set(accountId, load(accountId));
    const answers = await accounts.get(accountId)!;
    return emails.map((email) => answers.get(email) ?? null);
  };
}

void main();
