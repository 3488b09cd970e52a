/**
 * Loads the scale dataset (bench/scale/dataset.ts) into a database, migrating it first.
 *   npm run seed:scale -- --contacts 1000000 [--seed scale] [--history 3] [--anchor 2026-12-01T00:00:00Z]
 *                         [--database-url postgres://…] [--pglite ./data/scale]
 * Without --database-url, DATABASE_URL; with --pglite, an embedded database in that folder.
 */
import { parseArgs } from 'node:util';
import { migrate } from '../../src/server/db/migrate';
import { openPg } from '../../src/server/db/pg-adapter';
import { openPglite } from '../../src/server/db/pglite-adapter';
import type { Db } from '../../src/server/db/port';
import { generateDataset } from './dataset';

export const SEED_OPTIONS = {
  contacts: { type: 'string', default: '10000' },
  seed: { type: 'string', default: 'scale' },
  history: { type: 'string', default: '3' },
  jobs: { type: 'string', default: '2' },
  anchor: { type: 'string' },
  'database-url': { type: 'string' },
  pglite: { type: 'string' },
} as const;

/** The anchor by default: now, to the hour, so the same day's runs agree. */
export function defaultAnchor(): Date {
  const now = new Date();
  now.setUTCMinutes(0, 0, 0);
  return now;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: SEED_OPTIONS });
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  let db: Db;
  if (values.pglite) db = await openPglite({ dataDir: values.pglite });
  else if (url) db = openPg(url);
  else throw new Error('give --database-url (or DATABASE_URL) or --pglite <folder>');
  try {
    await migrate(db);
    const started = Date.now();
    const counts = await generateDataset(db, {
      contacts: Number(values.contacts),
      seed: values.seed,
      history: Number(values.history),
      jobs: values.pglite ? 1 : Number(values.jobs),
      anchor: values.anchor ? new Date(values.anchor) : defaultAnchor(),
      log: (line) => console.log(line),
    });
    console.log(JSON.stringify(counts));
    console.log(`loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
