/**
 * The step worker: claims due steps in the database and executes them.
 *
 * Design (E6, exactly once, many workers) and why:
 *
 * - Claim = lock. A transaction selects due rows `FOR UPDATE SKIP LOCKED`
 *   (steps/step-queries.ts `claimDueSteps`), executes them and commits. Any
 *   number of workers, in any number of processes, share one PostgreSQL: SKIP
 *   LOCKED hands each a disjoint set and nobody waits. Nothing lives only in a
 *   process: a worker killed mid-step loses its connection, PostgreSQL rolls
 *   its transaction back and releases the rows, and the next claim takes them.
 *
 * - Exactly once. An email is recorded in `sent_messages`, UNIQUE (enrollment,
 *   step), in the transaction that advances the enrollment. With the outbox
 *   transport the email is a row of that same transaction: it exists if and
 *   only if the step committed, so a crash or a second worker can neither lose
 *   nor double it. With SMTP the hand-over to the relay happens inside the
 *   transaction, before COMMIT: a crash before the relay's 250 rolls back and
 *   the step is sent by the next claim (nothing lost, nothing doubled); the one
 *   window left is a crash between the relay's 250 and our COMMIT (one round
 *   trip), after which the step is sent again — with the same deterministic
 *   Message-ID (mail/message-id.ts), so receiving systems can drop the copy. No
 *   design removes that window without the relay taking part (it is the
 *   two-generals problem); we chose at-least-once there over losing mail.
 *
 * - E6. The row lock is held from the status re-check to the hand-over. An
 *   unenroll or pause is an UPDATE of the same row: if it committed first, the
 *   claim no longer matches (the WHERE is re-checked on the newest version);
 *   otherwise it waits for our COMMIT and returns after the email left. So an
 *   unenroll that returned is never followed by an email.
 *
 * - The cost: with SMTP that lock spans network I/O. On PostgreSQL that blocks
 *   only the one enrollment row (and one pooled connection) for one SMTP
 *   transaction on an already-open pooled connection, bounded by
 *   SMTP_TIMEOUT_MS. On PGlite (one connection: an open transaction makes every
 *   other statement wait) the API pauses for that long — a few milliseconds to
 *   a local relay, at worst the timeout. We accepted that rather than a
 *   record-then-deliver split, because a delivery that re-checks the status
 *   must hold the lock across the send anyway (or break E6), and the split
 *   would let a follow-up be scheduled before its predecessor was delivered.
 *   Deployments that send much SMTP mail run PostgreSQL.
 *
 * - Throughput. The outbox transport is transactional, so a batch of
 *   WORKER_BATCH_SIZE steps runs in one transaction with one statement per kind
 *   of write (bench/worker). SMTP steps run one per transaction — a failure or
 *   a crash then touches one step, and a slow relay holds one lock — with
 *   WORKER_CONCURRENCY lanes in parallel on PostgreSQL.
 *
 * - Latency. The worker polls every WORKER_POLL_MS (500 ms) and goes again at
 *   once while it finds full batches, so due work is picked up within a second.
 *   LISTEN/NOTIFY would save idle polls but needs a dedicated connection that
 *   the database port does not have, and steps become due by the clock, not by
 *   a write anyone could notify about.
 *
 * - Time comes from the injected Clock; tests drive it and call `runOnce`.
 */
import type { Clock } from '../clock';
import type { Db } from '../db/port';
import type { Deps } from '../deps';
import { executeSteps, StepOutcome, type StepReport, type StepRuntime } from '../steps/execute-step';
import { claimDueSteps } from '../steps/step-queries';
import { postponeFailedStep, resumeDuePauses } from './resume-queries';

export interface WorkerLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export interface WorkerSettings {
  pollMs: number;
  batchSize: number;
  /** Parallel transactions for a non-transactional transport (SMTP) on PostgreSQL. */
  concurrency: number;
}

export interface StepWorkerOptions extends StepRuntime {
  db: Db;
  clock: Clock;
  settings: WorkerSettings;
  log?: WorkerLogger;
}

export interface TickResult {
  resumed: number;
  steps: StepReport[];
  /** Failed unexpectedly and put aside for a while (logged). */
  failed: number;
}

/** A step that failed with an unexpected error waits this long before it is tried again. */
const FAILED_STEP_RETRY_MS = 5 * 60_000;

const silent: WorkerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export class StepWorker {
  private readonly log: WorkerLogger;
  private running?: Promise<void>;
  private stopping = false;
  private wake?: () => void;

  constructor(private readonly options: StepWorkerOptions) {
    this.log = options.log ?? silent;
  }

  /** Starts polling; `stop()` ends it. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Finishes the tick in progress (its transaction commits), then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let busy = false;
      try {
        const tick = await this.runOnce();
        busy = tick.steps.length >= this.options.settings.batchSize;
      } catch (error: unknown) {
        this.log.error({ err: error }, 'worker tick failed');
      }
      if (!busy && !this.stopping) await this.sleep(this.options.settings.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** One pass: ends due pauses, then executes up to one batch of due steps. */
  async runOnce(): Promise<TickResult> {
    const { db, clock, settings } = this.options;
    const resumed = await resumeDuePauses(db, clock.now(), settings.batchSize);
    const result: TickResult = { resumed: resumed.length, steps: [], failed: 0 };
    if (this.options.transport.transactional) {
      try {
        result.steps = await db.transaction(async (tx) => {
          const now = clock.now();
          return executeSteps(tx, this.options, await claimDueSteps(tx, now, settings.batchSize), now);
        });
      } catch (error: unknown) {
        // One bad row must not stall the queue: run this round one step per transaction to isolate it.
        this.log.warn({ err: error }, 'batch failed; executing its steps one by one');
        await this.runSingly(result);
      }
    } else {
      await this.runSingly(result);
    }
    this.report(result);
    return result;
  }

  /** Ticks until one finds nothing to do (tests, and draining before a shutdown). */
  async drain(maxTicks = 10_000): Promise<TickResult> {
    const total: TickResult = { resumed: 0, steps: [], failed: 0 };
    for (let tick = 0; tick < maxTicks; tick += 1) {
      const result = await this.runOnce();
      total.resumed += result.resumed;
      total.failed += result.failed;
      total.steps.push(...result.steps);
      if (result.resumed === 0 && result.steps.length === 0 && result.failed === 0) break;
    }
    return total;
  }

  /** Up to one batch, one step per transaction, in parallel lanes on PostgreSQL. */
  private async runSingly(result: TickResult): Promise<void> {
    const { db, settings } = this.options;
    const lanes = db.kind === 'pg' ? Math.max(1, settings.concurrency) : 1;
    let budget = settings.batchSize;
    const lane = async () => {
      while (budget > 0 && !this.stopping) {
        budget -= 1;
        const outcome = await this.runOneStep();
        if (outcome === 'none') return;
        if (outcome === 'failed') result.failed += 1;
        else result.steps.push(outcome);
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
  }

  /**
   * One step in its own transaction. An unexpected failure is rolled back to a
   * savepoint taken after the claim, and the step is postponed in the same
   * transaction: the row stays locked throughout, so no other lane or worker can
   * claim the broken step between the failure and its postponement.
   */
  private async runOneStep(): Promise<StepReport | 'none' | 'failed'> {
    const { db, clock } = this.options;
    return db.transaction(async (tx) => {
      const now = clock.now();
      const [facts] = await claimDueSteps(tx, now, 1);
      if (!facts) return 'none' as const;
      await tx.query('SAVEPOINT step');
      try {
        const [report] = await executeSteps(tx, this.options, [facts], now);
        return report;
      } catch (error: unknown) {
        await tx.query('ROLLBACK TO SAVEPOINT step');
        this.log.error({ err: error, enrollmentId: facts.id }, 'step failed; postponed');
        const message = error instanceof Error ? error.message : String(error);
        await postponeFailedStep(tx, facts.id, new Date(now.getTime() + FAILED_STEP_RETRY_MS), message, now);
        return 'failed' as const;
      }
    });
  }

  private report(result: TickResult): void {
    for (const step of result.steps) {
      if (step.outcome === StepOutcome.retrying) {
        this.log.warn(
          { enrollmentId: step.enrollmentId, response: step.response },
          'email deferred; will retry',
        );
      } else if (step.outcome === StepOutcome.bounced) {
        this.log.info(
          { enrollmentId: step.enrollmentId, response: step.response },
          'email bounced; unenrolled',
        );
      }
    }
    if (result.steps.length > 0 || result.resumed > 0) {
      this.log.info({ steps: result.steps.length, resumed: result.resumed }, 'worker tick');
    }
  }
}

/** The worker for an app's dependencies (`npm start` runs it in-process). */
export function workerFromDeps(deps: Deps, log?: WorkerLogger): StepWorker {
  return new StepWorker({
    db: deps.db,
    clock: deps.clock,
    transport: deps.transport,
    config: deps.config,
    settings: deps.config.worker,
    log,
  });
}
