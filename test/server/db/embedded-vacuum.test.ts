import { startEmbeddedVacuum, vacuumDueTables } from '../../../src/server/db/embedded-vacuum';
import { openPglite } from '../../../src/server/db/pglite-adapter';

type Embedded = Awaited<ReturnType<typeof openPglite>>;
const stat = async (db: Embedded, table: string, column: 'n_dead_tup' | 'n_mod_since_analyze') =>
  (
    await db.query<{ n: number }>(`SELECT ${column}::int AS n FROM pg_stat_user_tables WHERE relname = $1`, [
      table,
    ])
  ).rows[0].n;
const deadRows = (db: Embedded, table: string) => stat(db, table, 'n_dead_tup');

/** The statistics reach pg_stat_user_tables when the session is idle, at most once a second. */
async function settled(
  db: Embedded,
  table: string,
  atLeast: number,
  column: 'n_dead_tup' | 'n_mod_since_analyze' = 'n_dead_tup',
) {
  const until = Date.now() + 5000;
  let n = await stat(db, table, column);
  while (n < atLeast && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    n = await stat(db, table, column);
  }
  return n;
}

describe('the embedded database does autovacuum’s job (single-user PostgreSQL has no autovacuum)', () => {
  test('a table whose rows were rewritten is vacuumed and analysed; a quiet one is left alone', async () => {
    const db = await openPglite();
    try {
      await db.exec(`CREATE TABLE busy (id int PRIMARY KEY, v int);
                     CREATE TABLE quiet (id int PRIMARY KEY);
                     INSERT INTO busy SELECT g, 0 FROM generate_series(1, 2000) g;
                     INSERT INTO quiet SELECT g FROM generate_series(1, 2000) g;`);
      expect(await settled(db, 'quiet', 2000, 'n_mod_since_analyze')).toBe(2000);
      await db.exec('ANALYZE quiet');
      await db.exec('ANALYZE busy');
      await db.exec('UPDATE busy SET v = 1');
      expect(await settled(db, 'busy', 2000)).toBe(2000);

      expect(await vacuumDueTables(db)).toEqual(['public.busy']);
      expect(await deadRows(db, 'busy')).toBe(0);
      expect(await vacuumDueTables(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  test('the loop runs on its interval and stops when asked', async () => {
    const db = await openPglite();
    try {
      await db.exec(`CREATE TABLE busy (id int PRIMARY KEY, v int);
                     INSERT INTO busy SELECT g, 0 FROM generate_series(1, 500) g;
                     ANALYZE busy;`);
      await db.exec('UPDATE busy SET v = 1');
      expect(await settled(db, 'busy', 500)).toBe(500);
      const stop = startEmbeddedVacuum(db, { everyMs: 20, onError: (error) => fail(error) });
      const until = Date.now() + 10_000;
      while ((await deadRows(db, 'busy')) > 0 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      await stop();
      expect(await deadRows(db, 'busy')).toBe(0);
    } finally {
      await db.close();
    }
  });
});
