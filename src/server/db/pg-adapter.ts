import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, Queryable, QueryOptions, QueryResult } from './port';

const INT8_OID = 20;
/** feature_not_supported: "cached plan must not change result type". */
const STALE_PLAN = '0A000';

/**
 * Every parameterised statement is a named prepared statement (per connection,
 * named by its text), so PostgreSQL parses and plans it once rather than on each
 * call: the contact lookup spent 3.3 ms planning against 5.4 ms executing
 * (EXPLAIN ANALYZE, 5,000 contacts). Our statements are a fixed set of texts
 * with `$n` parameters, so the set of names stays small. A statement asked to be planned on
 * each call (`planEachCall`) goes unnamed: PostgreSQL plans an unnamed statement for its values.
 */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `s_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

function wrap(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(
      text: string,
      values: unknown[] = [],
      options: QueryOptions = {},
    ): Promise<QueryResult<Row>> {
      let result: pg.QueryResult;
      try {
        result = options.planEachCall
          ? await target.query(text, values)
          : await target.query({ name: statementName(text), text, values });
      } catch (error: unknown) {
        // A migration that changed a table under a prepared `SELECT *` (a rolling deploy):
        // this connection's plan is stale, so run the statement unprepared this once.
        if ((error as { code?: string }).code !== STALE_PLAN) throw error;
        result = await target.query(text, values);
      }
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(text: string): Promise<void> {
      // Without values `pg` uses the simple query protocol, which allows several statements.
      await target.query(text);
    },
  };
}

/**
 * LISTEN needs a session of its own, outside the pool. One client serves every channel;
 * when it loses the server it reconnects with backoff and calls every handler once, since
 * a notification sent meanwhile was lost (handlers treat a call as "go and look").
 */
function createListener(connectionString: string) {
  const handlers = new Map<string, Set<() => void>>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let retryMs = 500;

  const listenAll = async (target: pg.Client) => {
    for (const channel of handlers.keys()) await target.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  };
  const callAll = () => {
    for (const set of handlers.values()) for (const handler of set) handler();
  };

  function connect(): Promise<void> {
    connecting ??= (async () => {
      const next = new pg.Client({ connectionString });
      next.on('notification', (message) => {
        for (const handler of handlers.get(message.channel) ?? []) handler();
      });
      next.on('error', () => undefined);
      next.on('end', () => {
        if (client !== next) return; // a failed first connect: its caller hears of it
        client = undefined;
        if (!closed) reconnectLater();
      });
      await next.connect();
      await listenAll(next);
      client = next;
      retryMs = 500;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  function reconnectLater(): void {
    const wait = retryMs;
    retryMs = Math.min(retryMs * 2, 30_000);
    setTimeout(() => {
      if (closed || client) return;
      connect().then(callAll, () => reconnectLater());
    }, wait).unref();
  }

  return {
    async listen(channel: string, handler: () => void): Promise<() => Promise<void>> {
      const set = handlers.get(channel) ?? new Set();
      const isNew = !handlers.has(channel);
      handlers.set(channel, set.add(handler));
      if (!client) await connect();
      else if (isNew) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        set.delete(handler);
      };
    },
    async close(): Promise<void> {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}

/** A PostgreSQL server through a `pg` pool. */
export function openPg(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    // S5: while the server is unreachable, a request fails within seconds instead of hanging.
    connectionTimeoutMillis: 3000,
    keepAlive: true,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // A client losing its connection (a restart, a failover) must not crash the process: idle ones
  // are replaced by the pool; one checked out fails its query, which the caller sees (S5).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const root = wrap(pool);
  const listener = createListener(connectionString);

  async function withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  return {
    kind: 'pg',
    query: root.query,
    exec: root.exec,
    transaction: (fn) =>
      withClient(async (client) => {
        await client.query('BEGIN');
        try {
          const result = await fn(wrap(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    withAdvisoryLock: (key, fn) =>
      withClient(async (client) => {
        await client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
        try {
          return await fn(wrap(client));
        } finally {
          await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
        }
      }),
    notify: async (channel) => {
      await root.query('SELECT pg_notify($1::text, NULL)', [channel]);
    },
    listen: (channel, handler) => listener.listen(channel, handler),
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
}
