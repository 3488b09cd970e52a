import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult } from './port';

export interface PgliteDb extends Db {
  /** A snapshot of the whole data directory, to start further instances from quickly. */
  dump(): Promise<Blob>;
}

function wrap(target: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    // Every statement here is unnamed, so planned for its values: `planEachCall` is how it runs anyway.
    async query<Row>(text: string, values: unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(text, values);
      return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
    },
    async exec(text: string): Promise<void> {
      await target.exec(text);
    },
  };
}

/**
 * Embedded PostgreSQL. One connection: PGlite serialises statements itself and a
 * transaction holds its mutex, so statements outside it wait until it ends.
 * No `dataDir` means in memory; `loadDataDir` starts from a `dump()`.
 */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<PgliteDb> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pg = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    // int8 as a number, like the `pg` adapter, so both return the same rows.
    parsers: { [types.INT8]: (value: string) => Number(value) },
  });
  const root = wrap(pg);
  // The embedded database belongs to this process, so a notification never needs to leave it.
  const signals = new EventEmitter().setMaxListeners(0);
  return {
    kind: 'pglite',
    query: root.query,
    exec: root.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    // A single connection cannot interleave with another session, so the lock is the connection itself.
    withAdvisoryLock: (_key, fn) => fn(root),
    notify: async (channel) => {
      signals.emit(channel);
    },
    listen: async (channel, handler) => {
      signals.on(channel, handler);
      return async () => {
        signals.off(channel, handler);
      };
    },
    dump: () => pg.dumpDataDir('none'),
    close: () => pg.close(),
  };
}
