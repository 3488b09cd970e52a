import type { Queryable } from '../db/port';

export interface HitDelta {
  key: string;
  windowStart: Date;
  hits: number;
}

export interface HitTotal {
  key: string;
  window_start: Date;
  hits: number;
}

/**
 * Adds one process's hits, every key in one statement, and returns each key's total across
 * every process, with the totals of `alsoRead` (keys this process has seen this window but has
 * no new hits for: others may have). A key's row holds its latest window: hits for it add up,
 * hits for a newer window replace it, and late hits for an older window change nothing (the
 * row, newer, comes back as it is). Keys in a fixed order, so two processes adding the same
 * keys at once take their row locks in the same order and cannot deadlock.
 */
export async function addHits(
  db: Queryable,
  deltas: HitDelta[],
  alsoRead: string[] = [],
): Promise<HitTotal[]> {
  const sorted = [...deltas].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const { rows } = await db.query<HitTotal>(
    `WITH added AS (
       INSERT INTO rate_limit_hits AS r (key, window_start, hits)
       SELECT key, window_start, hits
       FROM unnest($1::text[], $2::timestamptz[], $3::int[]) WITH ORDINALITY AS t(key, window_start, hits, n)
       ORDER BY n
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE
           WHEN r.window_start = excluded.window_start THEN r.hits + excluded.hits
           WHEN r.window_start < excluded.window_start THEN excluded.hits
           ELSE r.hits END,
         window_start = greatest(r.window_start, excluded.window_start)
       RETURNING key, window_start, hits
     )
     SELECT key, window_start, hits FROM added
     UNION ALL
     SELECT key, window_start, hits FROM rate_limit_hits WHERE key = ANY($4::text[])`,
    [sorted.map((d) => d.key), sorted.map((d) => d.windowStart), sorted.map((d) => d.hits), alsoRead],
  );
  return rows;
}

/** Drops the rows of windows that ended before `before` (keys no longer in use). */
export async function forgetWindowsBefore(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM rate_limit_hits WHERE window_start < $1::timestamptz', [
    before,
  ]);
  return rowCount;
}
