import type { Queryable } from './port';

/** Whether the database answers (readiness). */
export async function ping(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}
