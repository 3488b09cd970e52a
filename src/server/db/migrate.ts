import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db, Queryable } from './port';

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

/** Arbitrary but fixed: every process migrating this database takes the same lock. */
const MIGRATION_LOCK_KEY = 7_204_318_551;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** `0001_init.sql` → version 1. Files are applied in version order, each exactly once. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file,
      sql: readFileSync(path.join(dir, file), 'utf8'),
    }));
}

async function appliedVersions(conn: Queryable): Promise<Set<number>> {
  await conn.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await conn.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((row) => row.version));
}

/**
 * Applies the pending migrations, each in its own transaction, recorded in
 * `schema_migrations`. Forward only. Safe when several processes start at once:
 * they queue on one advisory lock, and a process that gets it after another has
 * migrated finds nothing left to do.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  return db.withAdvisoryLock(MIGRATION_LOCK_KEY, async (conn) => {
    const applied = await appliedVersions(conn);
    const done: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await conn.query('BEGIN');
      try {
        await conn.exec(migration.sql);
        await conn.query('INSERT INTO schema_migrations (version, name) VALUES ($1::int, $2::text)', [
          migration.version,
          migration.name,
        ]);
        await conn.query('COMMIT');
      } catch (error) {
        await conn.query('ROLLBACK');
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      done.push(migration.name);
    }
    return done;
  });
}
