import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db } from '../db/port';
import type { Deps } from '../deps';
import { changeEnrollments, resumeDuePauses, STEPS_DUE_CHANNEL } from '../lifecycle';
import type { MailTransport } from '../mail/transport';
import { foldSequenceFigures } from '../sequences/queries';
import { runSentSteps, runStoredSteps } from '../steps/execute';
import { StepOutcome, type StepReport } from '../steps/outcomes';

export interface WorkerLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export interface WorkerSettings {
  pollMs: number;
  batchSize: number;
  /** Emails handed to a mail server in parallel (SMTP, Graph). */
  concurrency: number;
}

export interface StepWorkerOptions {
  db: Db;
  clock: Clock;
  transport: MailTransport;
  config: Pick<Config, 'publicUrl' | 'unsubscribeSecret'> & {
    worker: { leaseMs: number };
    inbound: { returnPathDomain?: string };
  };
  settings: WorkerSettings;
  log?: WorkerLogger;
}

export interface TickResult {
  resumed: number;
  steps: StepReport[];
  /** Failed unexpectedly and put aside for a while (logged). */
  failed: number;
}

/** How often the worker folds the sequences' figure deltas (see `foldSequenceFigures`). */
const FOLD_EVERY_MS = 60_000;

const silent: WorkerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The step worker: claims due steps in the database and executes them (steps/execute.ts;
 * the protocol and its trade-offs are in docs/architecture.md). Any number of workers in
 * any number of processes share one PostgreSQL. It polls every `pollMs`, goes again at
 * once while batches come back full, and wakes as soon as an enrollment makes a step due
 * now (LISTEN/NOTIFY, or in-process on the embedded database): E1's "at once".
 */
export class StepWorker {
  private readonly log: WorkerLogger;
  private running?: Promise<void>;
  private stopping = false;
  private woken = false;
  private foldedAt = -Infinity;
  private wake?: () => void;
  private unlisten?: () => Promise<void>;

  constructor(private readonly options: StepWorkerOptions) {
    this.log = options.log ?? silent;
  }

  /** Starts polling and listening; `stop()` ends both. */
  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    try {
      this.unlisten = await this.options.db.listen(STEPS_DUE_CHANNEL, () => this.nudge());
    } catch (error: unknown) {
      // Without notifications the worker still polls; due work waits at most one poll.
      this.log.warn({ err: error }, 'cannot listen for due steps; polling only');
    }
    this.running = this.loop();
  }

  /** Finishes the tick in progress (its transactions commit), then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    await this.unlisten?.();
    this.running = undefined;
  }

  /** Something became due now: run a tick as soon as the current one ends. */
  nudge(): void {
    this.woken = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let busy = false;
      this.woken = false;
      try {
        const tick = await this.runOnce();
        busy = tick.steps.length >= this.options.settings.batchSize;
      } catch (error: unknown) {
        this.log.error({ err: error }, 'worker tick failed');
      }
      await this.foldFiguresNow();
      if (!busy && !this.woken && !this.stopping) await this.sleep(this.options.settings.pollMs);
    }
  }

  /** Every minute: the sequences' figure deltas folded into their base, so reads stay a few rows. */
  private async foldFiguresNow(): Promise<void> {
    if (performance.now() - this.foldedAt < FOLD_EVERY_MS) return;
    this.foldedAt = performance.now();
    try {
      await foldSequenceFigures(this.options.db);
    } catch (error: unknown) {
      this.log.warn({ err: error }, 'folding the sequences’ figures failed; next minute again');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /** One pass: ends due pauses, then executes up to one batch of due steps. */
  async runOnce(): Promise<TickResult> {
    const { clock, settings } = this.options;
    const deps = this.deps();
    const resumed = await changeEnrollments(deps, (tx) =>
      resumeDuePauses(tx, clock.now(), settings.batchSize),
    );
    const result: TickResult = { resumed: resumed.length, steps: [], failed: 0 };
    try {
      result.steps = await this.runBatch(settings.batchSize, false);
    } catch (error: unknown) {
      // One bad row must not stall the queue: take this round's steps one at a time, each isolated.
      this.log.warn({ err: error }, 'batch failed; executing its steps one by one');
      for (let n = 0; n < settings.batchSize && !this.stopping; n += 1) {
        const steps = await this.runBatch(1, true);
        if (steps.length === 0) break;
        result.steps.push(...steps);
      }
    }
    result.failed = result.steps.filter((step) => step.outcome === StepOutcome.failed).length;
    result.steps = result.steps.filter((step) => step.outcome !== StepOutcome.failed);
    this.report(result);
    return result;
  }

  private runBatch(limit: number, isolate: boolean): Promise<StepReport[]> {
    const { transport, settings } = this.options;
    const onFailure = (error: unknown, ids: string[]) =>
      this.log.error({ err: error, enrollmentIds: ids }, 'step failed; postponed');
    if (transport.kind === 'storing')
      return runStoredSteps(this.deps(), transport, { limit, isolate, onFailure });
    return runSentSteps(this.deps(), transport, { limit, isolate, onFailure, lanes: settings.concurrency });
  }

  private deps() {
    const { db, clock, config } = this.options;
    return { db, clock, config };
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
