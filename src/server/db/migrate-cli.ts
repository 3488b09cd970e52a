import 'dotenv/config';
import { ConfigError, loadConfig } from '../config';
import { migrate } from './migrate';
import { openDatabase } from './open';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
async function run(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const applied = await migrate(db);
    console.warn(applied.length ? `applied ${applied.join(', ')}` : 'the database is up to date');
  } finally {
    await db.close();
  }
}

run().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
