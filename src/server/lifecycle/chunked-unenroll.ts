import { changeEnrollments, type LifecycleDeps, type LifecycleTx } from './transaction';
import {
  unenroll,
  type UnenrollCause,
  type UnenrollOutcome,
  type UnenrollSelector,
} from './queries/unenroll';

/** Rows in the first chunk; later chunks are sized by how long the last one took. */
export const UNENROLL_CHUNK = 1000;

/**
 * How long one chunk's transaction should hold its row locks. The issue allows 1 s; aiming at
 * 0.4 s leaves room for a machine busier than the last chunk showed.
 */
export const CHUNK_TARGET_MS = 400;
/** The sizes a chunk takes: a few, since each is a prepared statement of its own (its LIMIT). */
const CHUNK_SIZES = [250, 500, 1000, 2000, 4000, 8000];

/**
 * The next chunk's size from the last one's: twice as many rows when twice as many still fit
 * the target time, half as many when the last chunk overran it by half. A fixed size cannot fit
 * every machine: bench:scale measured chunks of 1,000 at 1M contacts paying ~120 ms of fixed
 * cost each (100k rows in 18 s), while chunks of 5,000 held their locks 0.5 s on an idle
 * machine and 1.4 s on a busy one.
 */
export function nextChunkSize(size: number, elapsedMs: number): number {
  const at = CHUNK_SIZES.findIndex((candidate) => candidate >= size);
  const rung = at === -1 ? CHUNK_SIZES.length - 1 : at;
  if (elapsedMs * 2 <= CHUNK_TARGET_MS) return CHUNK_SIZES[Math.min(rung + 1, CHUNK_SIZES.length - 1)];
  if (elapsedMs > CHUNK_TARGET_MS * 1.5) return CHUNK_SIZES[Math.max(rung - 1, 0)];
  return CHUNK_SIZES[rung];
}

/**
 * Unenrolls everything a broad selector matches (a whole sequence: 100,000 enrollments and
 * more) in chunks (of `chunk` rows when given, else sized to hold locks ~0.4 s), EACH ITS OWN TRANSACTION through `changeEnrollments`: no
 * transaction holds row locks for longer than one chunk, and the worker's claims and the API's
 * writes run between chunks instead of queueing behind one long transaction. Each chunk waits after its commit for the steps it
 * caught on their way to a mail server, so when this returns no email follows (E6).
 *
 * `first` runs in the first chunk's transaction (a sequence's soft delete commits with the
 * first chunk). A process that dies between chunks leaves the rest current; unenrolling the
 * sequence again (POST /enrollments/unenroll with `all`) finishes the work, since a chunk
 * selects only enrollments still active or paused.
 */
export async function unenrollInChunks(
  deps: LifecycleDeps,
  accountId: string,
  selector: Exclude<UnenrollSelector, { kind: 'ids' }>,
  cause: UnenrollCause,
  options: { chunk?: number; first?: (tx: LifecycleTx) => Promise<void> } = {},
): Promise<UnenrollOutcome> {
  let chunk = options.chunk ?? UNENROLL_CHUNK;
  const total: UnenrollOutcome = { matched: 0, unenrolledIds: [] };
  let first = options.first;
  for (;;) {
    let elapsedMs = 0;
    const { matched, unenrolledIds } = await changeEnrollments(deps, async (tx) => {
      if (first) await first(tx);
      // Wall time, not the domain's clock: how long this transaction holds the rows it locked.
      const started = performance.now();
      const outcome = await unenroll(tx, accountId, selector, cause, chunk);
      elapsedMs = performance.now() - started;
      return outcome;
    });
    first = undefined;
    total.matched += matched;
    total.unenrolledIds.push(...unenrolledIds);
    // A short chunk means nothing was left.
    if (matched < chunk) return total;
    if (options.chunk === undefined) chunk = nextChunkSize(chunk, elapsedMs);
  }
}
