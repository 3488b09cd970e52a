import type { Db } from './port';

/** autovacuum's default thresholds: vacuum past 50 + 20 % of live rows dead, analyse past 50 + 10 % changed. */
const DUE_TABLES = `
  SELECT format('%I.%I', schemaname, relname) AS name,
         n_dead_tup > 50 + 0.2 * n_live_tup AS vacuum
  FROM pg_stat_user_tables
  WHERE n_dead_tup > 50 + 0.2 * n_live_tup OR n_mod_since_analyze > 50 + 0.1 * n_live_tup
  ORDER BY n_dead_tup DESC`;

/**
 * Does autovacuum's job once for the embedded database: PGlite runs PostgreSQL in single-user
 * mode, where the autovacuum launcher never starts, so without this the dead versions of every
 * updated row stay, tables and indexes only grow and the planner's statistics age. Each table is
 * its own statement, so requests queued on the one connection wait for one table at most.
 * Answers the tables it vacuumed or analysed.
 */
export async function vacuumDueTables(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ name: string; vacuum: boolean }>(DUE_TABLES);
  for (const { name, vacuum } of rows) await db.exec(vacuum ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
  return rows.map((row) => row.name);
}

/** Runs `vacuumDueTables` every `everyMs` (default a minute, autovacuum's naptime) until stopped. */
export function startEmbeddedVacuum(
  db: Db,
  options: { everyMs?: number; onError?: (error: unknown) => void } = {},
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = vacuumDueTables(db).catch((error: unknown) => options.onError?.(error));
  }, options.everyMs ?? 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
