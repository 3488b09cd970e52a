/**
 * The one database port. Everything above this file speaks PostgreSQL through
 * `query(text, values)` and `transaction(fn)`; the adapters (PGlite embedded,
 * `pg` for a server) live beside it and are chosen once at boot.
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Plan the statement for each call's values instead of keeping a plan for any values. For a
   * statement whose best plan depends on its values — a search, where a prefix may match one
   * contact or a tenth of the account — a plan kept for any values fits neither (docs/scaling.md).
   */
  planEachCall?: boolean;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(
    text: string,
    values?: unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<Row>>;
  /** Runs a script of several statements without parameters (migrations, test resets). */
  exec(text: string): Promise<void>;
}

export type DbKind = 'pglite' | 'pg';

export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` while holding a session-level advisory lock (one at a time per key
   * across every process sharing the database).
   */
  withAdvisoryLock<T>(key: number, fn: (conn: Queryable) => Promise<T>): Promise<T>;
  /**
   * Tells every process sharing the database that something happened on `channel`
   * (PostgreSQL NOTIFY; in-process for the embedded database, which one process owns).
   * Call it after the change it announces has committed.
   */
  notify(channel: string): Promise<void>;
  /** Calls `handler` on each `notify(channel)`, from any process; resolves once listening. Returns the way to stop. */
  listen(channel: string, handler: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
