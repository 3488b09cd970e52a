import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps';
import type { GraphClient } from '../graph';
import { ensureMailboxes } from './connection-service';
import { MAILBOXES_DUE_CHANNEL } from './notifications';
import { claimMailboxes, finishSync } from './queries/claims';
import { LeaseLost, syncMailbox, type SyncSettings } from './sync';

export interface MailboxWorkerLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export interface MailboxWorkerSettings extends SyncSettings {
  /** Mailboxes read in parallel by this worker. */
  concurrency: number;
  /** How often to look for due mailboxes when nothing wakes the worker. */
  tickMs: number;
}

export interface MailboxTick {
  synced: number;
  throttled: number;
  failed: number;
  ingested: number;
  manual: number;
}

const silent: MailboxWorkerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** How many ticks between two passes that give new sales seats their mailbox rows. */
const ENSURE_EVERY_TICKS = 30;

/**
 * Reads the connected mailboxes (issue 16): claims due mailboxes in the database with a lease
 * — any number of workers in any number of processes share them, one mailbox is read by one
 * worker at a time, and a worker that dies leaves a lease that runs out — and reads each in
 * its own lane, so one slow or failing mailbox never holds up the others. Wakes at once on a
 * change notification (LISTEN/NOTIFY, or in-process on the embedded database).
 */
export class MailboxSyncWorker {
  private readonly log: MailboxWorkerLogger;
  private running?: Promise<void>;
  private stopping = false;
  private woken = false;
  private wake?: () => void;
  private unlisten?: () => Promise<void>;
  private ticks = 0;

  constructor(
    private readonly deps: Deps,
    private readonly graph: GraphClient,
    private readonly settings: MailboxWorkerSettings,
    log?: MailboxWorkerLogger,
  ) {
    this.log = log ?? silent;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    try {
      this.unlisten = await this.deps.db.listen(MAILBOXES_DUE_CHANNEL, () => this.nudge());
    } catch (error: unknown) {
      this.log.warn({ err: error }, 'cannot listen for due mailboxes; polling only');
    }
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    await this.unlisten?.();
    this.running = undefined;
  }

  nudge(): void {
    this.woken = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.woken = false;
      try {
        await this.runOnce();
      } catch (error: unknown) {
        this.log.error({ err: error }, 'mailbox tick failed');
      }
      if (!this.woken && !this.stopping) await this.sleep(this.settings.tickMs);
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

  /** One pass: every lane claims and reads mailboxes until none is due. */
  async runOnce(): Promise<MailboxTick> {
    if (this.ticks++ % ENSURE_EVERY_TICKS === 0) await ensureMailboxes(this.deps);
    const tick: MailboxTick = { synced: 0, throttled: 0, failed: 0, ingested: 0, manual: 0 };
    const lane = async () => {
      while (!this.stopping && (await this.syncOne(tick))) {
        // next mailbox
      }
    };
    await Promise.all(Array.from({ length: this.settings.concurrency }, lane));
    if (tick.synced + tick.failed + tick.throttled > 0) this.log.info({ ...tick }, 'mailbox tick');
    return tick;
  }

  /** Claims one due mailbox and reads it; false when none is due. */
  private async syncOne(tick: MailboxTick): Promise<boolean> {
    const { deps, settings } = this;
    const token = randomUUID();
    const claimedAt = deps.clock.now();
    const [mailbox] = await claimMailboxes(deps.db, claimedAt, 1, {
      token,
      until: new Date(claimedAt.getTime() + settings.leaseMs),
    });
    if (!mailbox) return false;
    try {
      const report = await syncMailbox(deps, this.graph, mailbox, { token, settings, log: this.log });
      await finishSync(
        deps.db,
        { mailboxId: mailbox.id, token, notificationsSeen: mailbox.notifications, outcome: report.outcome },
        deps.clock.now(),
      );
      tick[report.outcome.kind === 'synced' ? 'synced' : report.outcome.kind] += 1;
      tick.ingested += report.ingested;
      tick.manual += report.manual;
      if (report.outcome.kind === 'failed')
        this.log.warn({ mailboxId: mailbox.id, error: report.outcome.message }, 'mailbox failing');
    } catch (error: unknown) {
      if (error instanceof LeaseLost) {
        this.log.warn(
          { mailboxId: mailbox.id },
          'lease on a mailbox ran out mid-sync; another worker goes on',
        );
        return true;
      }
      // An unexpected failure (the database, a bug): put this mailbox aside, go on with the others.
      tick.failed += 1;
      this.log.error({ err: error, mailboxId: mailbox.id }, 'mailbox sync failed');
      const message = error instanceof Error ? error.message : String(error);
      await finishSync(
        deps.db,
        {
          mailboxId: mailbox.id,
          token,
          notificationsSeen: mailbox.notifications,
          outcome: {
            kind: 'failed',
            nextAt: new Date(deps.clock.now().getTime() + settings.pollMs),
            message,
          },
        },
        deps.clock.now(),
      ).catch(() => undefined);
    }
    return true;
  }

  /** Ticks until one finds nothing due (tests, benchmarks). */
  async drain(maxTicks = 1000): Promise<MailboxTick> {
    await ensureMailboxes(this.deps);
    const total: MailboxTick = { synced: 0, throttled: 0, failed: 0, ingested: 0, manual: 0 };
    for (let n = 0; n < maxTicks; n += 1) {
      const tick = await this.runOnce();
      for (const key of Object.keys(total) as (keyof MailboxTick)[]) total[key] += tick[key];
      if (tick.synced + tick.throttled + tick.failed === 0) break;
    }
    return total;
  }
}

/** The settings of a worker for a configuration. */
export function mailboxWorkerSettings(config: Deps['config']): MailboxWorkerSettings {
  return {
    pollMs: config.graph.pollSeconds * 1000,
    // A page is at most DELTA_PAGE_SIZE messages, each a request bounded by GRAPH_TIMEOUT_MS;
    // the lease is extended after every page.
    leaseMs: Math.max(config.worker.leaseMs, 8 * config.graph.timeoutMs),
    notifications: config.graph.notifications,
    publicUrl: config.publicUrl,
    concurrency: config.graph.concurrency,
    tickMs: Math.min(1000, config.graph.pollSeconds * 1000),
  };
}
