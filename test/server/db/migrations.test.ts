import { openPg } from '../../../src/server/db/pg-adapter';
import { loadMigrations, migrate } from '../../../src/server/db/migrate';
import { backends, createServerDatabase, openTestDatabase, TEST_DATABASE_URL } from '../../helpers/databases';

describe('migrations', () => {
  test('are numbered, unique and in order', () => {
    const migrations = loadMigrations();
    const versions = migrations.map((m) => m.version);
    expect(versions.length).toBeGreaterThan(0);
    expect(new Set(versions).size).toBe(versions.length);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  for (const kind of backends()) {
    test(`a second run applies nothing [${kind}]`, async () => {
      const database = await openTestDatabase(kind);
      try {
        expect(await migrate(database.db)).toEqual([]);
        const { rows } = await database.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM schema_migrations',
        );
        expect(rows[0].n).toBe(loadMigrations().length);
      } finally {
        await database.drop();
      }
    }, 60_000);
  }

  if (backends().includes('pg')) {
    test('two processes migrating one fresh PostgreSQL at once: each migration applied exactly once', async () => {
      const server = await createServerDatabase(TEST_DATABASE_URL!);
      const a = openPg(server.url, { max: 2 });
      const b = openPg(server.url, { max: 2 });
      try {
        const [ranA, ranB] = await Promise.all([migrate(a), migrate(b)]);
        const all = loadMigrations().map((m) => m.name);
        // One of them did all the work; the other found nothing left to do.
        expect([...ranA, ...ranB].sort()).toEqual([...all].sort());
        expect(Math.min(ranA.length, ranB.length)).toBe(0);
        const { rows } = await a.query<{ version: number }>(
          'SELECT version FROM schema_migrations ORDER BY version',
        );
        expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
        const tables = await a.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'enrollments'`,
        );
        expect(tables.rows[0].n).toBe(1);
      } finally {
        await a.close();
        await b.close();
        await server.drop();
      }
    }, 60_000);
  }
});
