import { AppError } from './errors';
import { isStorableTimestamp } from './timestamp-range';

/** Keyset cursors: the (timestamp, id) of the last row of a page, opaque to clients. */
export interface Keyset {
  at: Date;
  id: string;
}

export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify([key.at.toISOString(), key.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    // A forged cursor may hold any date JavaScript can (year −200000 was a 500): only storable ones.
    if (!isStorableTimestamp(date) || typeof id !== 'string' || !UUID.test(id)) throw new Error('shape');
    return { at: date, id };
  } catch {
    throw new AppError('invalid_request', 'The cursor is not one this API returned');
  }
}

/** Cuts one extra row fetched to learn whether there is a next page. */
export function paginate<Row>(rows: Row[], limit: number, key: (row: Row) => Keyset) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}
