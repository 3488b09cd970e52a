import { changeEnrollments, type LifecycleDeps, type LifecycleTx } from './transaction';
import {
  unenroll,
  type UnenrollCause,
  type UnenrollOutcome,
  type UnenrollSelector,
} from './queries/unenroll';

/**
 * Rows per chunk. bench:scale on 2 busy cores: a chunk of 5,000 held its locks up to 1.6 s; one
 * of 1,000 stays well under the 1 s the issue allows, for a few percent more in total.
 */
export const UNENROLL_CHUNK = 1000;

/**
 * Unenrolls everything a broad selector matches (a whole sequence: 100,000 enrollments and
 * more) in chunks of `chunk` rows, EACH ITS OWN TRANSACTION through `changeEnrollments`: no
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
  const chunk = options.chunk ?? UNENROLL_CHUNK;
  const total: UnenrollOutcome = { matched: 0, unenrolledIds: [] };
  let first = options.first;
  for (;;) {
    const { matched, unenrolledIds } = await changeEnrollments(deps, async (tx) => {
      if (first) await first(tx);
      return unenroll(tx, accountId, selector, cause, chunk);
    });
    first = undefined;
    total.matched += matched;
    total.unenrolledIds.push(...unenrolledIds);
    // A short chunk means nothing was left.
    if (matched < chunk) return total;
  }
}
