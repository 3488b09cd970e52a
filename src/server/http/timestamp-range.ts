/**
 * The instants the API accepts in a timestamp (a body's date-time, a page cursor): years
 * 0100 to 9999, UTC. PostgreSQL's timestamptz reaches from 4714 BC to 294276 AD, but not every
 * instant in it survives the way there and back:
 * - an RFC 3339 date-time writes the year with four digits, so nothing beyond 9999 arrives;
 * - year 0000 (1 BC) is stored by `pg` (it writes "0001 BC") but refused by PGlite, which sends
 *   `toISOString()` ("0000-…": PostgreSQL has no year zero) — a 500 before this bound;
 * - PGlite reads years 0001–0099 back wrong (measured: 0001-06-01 returned as 2001-01-06; its
 *   parser hands "0001-06-01 00:00:00+00" to `new Date`, which takes two-digit years as 19xx/20xx).
 * Nothing this service records happens before the year 100, so the bound costs nothing.
 */
export const EARLIEST_TIMESTAMP = '0100-01-01T00:00:00Z';
export const LATEST_TIMESTAMP = '9999-12-31T23:59:59.999Z';

const EARLIEST = Date.parse(EARLIEST_TIMESTAMP);
const LATEST = Date.parse(LATEST_TIMESTAMP);

/** Whether both databases store this instant and give it back unchanged. */
export function isStorableTimestamp(date: Date): boolean {
  const time = date.getTime();
  return time >= EARLIEST && time <= LATEST;
}
