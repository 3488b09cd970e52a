import type { ActorType } from '../../shared/enums';
import type { Clock } from '../clock';
import type { Db, Queryable } from '../db/port';
import { leasesHeld } from './queries/steps';

/** Who changed an enrollment (E3, E4). */
export interface Actor {
  type: ActorType;
  id: string | null;
}

/** The channel on which the workers hear that a step became due now (NOTIFY on PostgreSQL). */
export const STEPS_DUE_CHANNEL = 'sales_tools_steps_due';

/**
 * A transaction in which enrollments change. Besides the statements, it collects what must
 * happen after COMMIT: telling the workers about steps that became due, and waiting for
 * the steps that a pause or unenroll caught on their way to a mail server.
 */
export interface LifecycleTx extends Queryable {
  /** Enrollments stopped (paused, unenrolled) while another worker held a lease on their step. */
  readonly stopped: Set<string>;
  /** A step became due now: the workers are woken after commit. */
  stepsDue: boolean;
  /** The lease of the worker running this transaction: its own steps are not waited for. */
  readonly ownLease: string | null;
}

/** What changing enrollments needs of the app's dependencies (`Deps` has it). */
export interface LifecycleDeps {
  db: Db;
  clock: Clock;
  /** `leaseMs`: how long a worker's claim on a step lasts, so the longest a stop may wait for it. */
  config: { worker: { leaseMs: number } };
}

const POLL_MS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` in one transaction and, once it committed:
 * - wakes the step workers when a step became due (E1: the first step runs at once);
 * - waits until every step that was in flight to a mail server for an enrollment this
 *   transaction paused or unenrolled has been recorded (or its lease ran out), so that a
 *   pause or unenroll that returned is never followed by an email (E6).
 */
export async function changeEnrollments<T>(
  deps: LifecycleDeps,
  fn: (tx: LifecycleTx) => Promise<T>,
  options: { ownLease?: string } = {},
): Promise<T> {
  const { db } = deps;
  let after: { stopped: Set<string>; stepsDue: boolean } = { stopped: new Set(), stepsDue: false };
  const result = await db.transaction(async (inner) => {
    const tx: LifecycleTx = {
      query: (text, values) => inner.query(text, values),
      exec: (text) => inner.exec(text),
      stopped: new Set(),
      stepsDue: false,
      ownLease: options.ownLease ?? null,
    };
    after = tx;
    return fn(tx);
  });
  if (after.stepsDue) await db.notify(STEPS_DUE_CHANNEL);
  if (after.stopped.size > 0) await waitForLeases(deps, [...after.stopped]);
  return result;
}

/**
 * Polls until none of `ids` has a live lease. Bounded by the lease length in real time: a
 * worker that died mid-send leaves a lease that expires, and its step is then claimed
 * again by a worker that re-checks the status first.
 */
async function waitForLeases(deps: LifecycleDeps, ids: string[]): Promise<void> {
  const deadline = Date.now() + deps.config.worker.leaseMs;
  let pending = ids;
  while (pending.length > 0 && Date.now() < deadline) {
    pending = await leasesHeld(deps.db, pending, deps.clock.now());
    if (pending.length > 0) await sleep(POLL_MS);
  }
}
