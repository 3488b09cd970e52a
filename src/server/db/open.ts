import path from 'node:path';
import { openPg } from './pg-adapter';
import { openPglite } from './pglite-adapter';
import type { Db } from './port';

/** The server when `databaseUrl` is set, else the embedded database under `dataDir`. */
export async function openDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  if (config.databaseUrl) return openPg(config.databaseUrl);
  return openPglite({ dataDir: path.resolve(config.dataDir, 'pglite') });
}
