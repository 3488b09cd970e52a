import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadMigrations, migrate } from '../../src/server/db/migrate';
import { openPg } from '../../src/server/db/pg-adapter';
import { openPglite } from '../../src/server/db/pglite-adapter';
import type { Db, DbKind } from '../../src/server/db/port';

/**
 * The suite runs on both databases: always on PGlite, and on a PostgreSQL
 * server when TEST_DATABASE_URL is set (CI sets it, with REQUIRE_POSTGRES=1 so
 * that a missing server fails the run instead of skipping it).
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const REQUIRE_POSTGRES = process.env.REQUIRE_POSTGRES === '1';

export function backends(): DbKind[] {
  if (REQUIRE_POSTGRES && !TEST_DATABASE_URL) {
    throw new Error('REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set');
  }
  return TEST_DATABASE_URL ? ['pglite', 'pg'] : ['pglite'];
}

export interface TestDatabase {
  db: Db;
  kind: DbKind;
  /** For tests that open further connections (a second worker, concurrent migrations). */
  url?: string;
  drop(): Promise<void>;
}

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const migration of loadMigrations()) hash.update(migration.name).update(migration.sql);
  return hash.digest('hex').slice(0, 16);
}

/**
 * A migrated PGlite. Booting PGlite and migrating costs seconds, so the first
 * test file to need one dumps it to a file shared by every later file (keyed by
 * the migrations' contents), and they start from that dump.
 */
async function freshPglite(): Promise<Db> {
  const dir = path.join(os.tmpdir(), 'sales-tools-test');
  const file = path.join(dir, `pglite-${migrationsHash()}.tar`);
  if (existsSync(file)) {
    return openPglite({ loadDataDir: new Blob([readFileSync(file)]) });
  }
  const db = await openPglite();
  await migrate(db);
  const dump = Buffer.from(await (await db.dump()).arrayBuffer());
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, dump);
  renameSync(tmp, file);
  return db;
}

/** A new, empty, migrated database on the server, dropped afterwards. */
export async function createServerDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `st_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function openTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await freshPglite();
    return { db, kind, drop: () => db.close() };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const server = await createServerDatabase(TEST_DATABASE_URL);
  const db = openPg(server.url);
  await migrate(db);
  return {
    db,
    kind,
    url: server.url,
    async drop() {
      await db.close();
      await server.drop();
    },
  };
}
