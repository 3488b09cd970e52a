import type { Clock } from '../clock';
import type { Db } from '../db/port';
import { addHits, forgetWindowsBefore } from './queries';

export interface Hit {
  /** Hits of this key in the current window, by every process as far as this one knows. */
  count: number;
  /** Until the window ends. */
  resetInMs: number;
}

interface Entry {
  windowStart: number;
  /** The key's total in the database after this process's last flush (its own hits included). */
  shared: number;
  /** Hits being added to the database right now. */
  inFlight: number;
  /** Hits since. */
  pending: number;
}

export interface SharedCounterOptions {
  /** The length of a fixed window; every process starts windows at the same instants. */
  windowMs: number;
  /** How often this process adds its hits to the database. */
  flushMs: number;
  onError?: (error: unknown) => void;
}

/**
 * Rate-limit counts shared by every process on one database, at no cost per request.
 *
 * Each hit is counted here, in memory, and decided at once against the key's total as the
 * database last reported it plus this process's hits since. Every `flushMs` one statement adds
 * this process's new hits for every key and brings back the totals of every key it has seen
 * this window, which include the other processes' hits (queries.ts). Windows are fixed and aligned to the clock (a minute starting
 * at :00), so every process agrees on them without talking.
 *
 * Why not one UPSERT per request: it puts a database round trip, and a row lock every request
 * of a user queues on, in front of every API call — the very lookup the add-in waits for. The
 * price of batching is a lag: across N processes a key can overshoot its limit by what the
 * others let through in one flush interval (at 250 ms and 600 a minute, a couple of requests);
 * a process alone is exact. If the database is out of reach the hits wait and counting goes on
 * locally.
 */
export class SharedRateCounter {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private flushes = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly options: SharedCounterOptions,
  ) {}

  private windowOf(now: number): number {
    return now - (now % this.options.windowMs);
  }

  /** Counts one hit of `key` now. */
  hit(key: string): Hit {
    const now = this.clock.now().getTime();
    const windowStart = this.windowOf(now);
    let entry = this.entries.get(key);
    if (!entry || entry.windowStart !== windowStart) {
      entry = { windowStart, shared: 0, inFlight: 0, pending: 0 };
      this.entries.set(key, entry);
    }
    entry.pending += 1;
    return {
      count: entry.shared + entry.inFlight + entry.pending,
      resetInMs: windowStart + this.options.windowMs - now,
    };
  }

  /** Adds the hits counted since the last flush to the database, and learns the totals. */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    const current = this.windowOf(this.clock.now().getTime());
    const batch = [...this.entries].filter(([, entry]) => entry.pending > 0);
    // Keys of this window with no new hits here: only to learn what the other processes added.
    const idle = [...this.entries]
      .filter(([, entry]) => entry.pending === 0 && entry.windowStart === current)
      .map(([key]) => key);
    for (const [, entry] of batch) {
      entry.inFlight = entry.pending;
      entry.pending = 0;
    }
    try {
      if (batch.length > 0 || idle.length > 0) {
        const totals = await addHits(
          this.db,
          batch.map(([key, entry]) => ({
            key,
            windowStart: new Date(entry.windowStart),
            hits: entry.inFlight,
          })),
          idle,
        );
        for (const [, entry] of batch) entry.inFlight = 0;
        for (const total of totals) {
          const entry = this.entries.get(total.key);
          if (entry && entry.windowStart === new Date(total.window_start).getTime())
            entry.shared = total.hits;
        }
      }
      // Now and then, the rows of keys idle for a window.
      this.flushes += 1;
      if (this.flushes % Math.max(1, Math.round(this.options.windowMs / this.options.flushMs)) === 0)
        await forgetWindowsBefore(this.db, new Date(current - this.options.windowMs));
    } catch (error: unknown) {
      // Kept for the next flush; meanwhile the count goes on here.
      for (const [, entry] of batch) {
        entry.pending += entry.inFlight;
        entry.inFlight = 0;
      }
      this.options.onError?.(error);
    }
    for (const [key, entry] of this.entries) {
      if (entry.windowStart < current && entry.pending === 0 && entry.inFlight === 0)
        this.entries.delete(key);
    }
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.options.flushMs);
    this.timer.unref();
  }

  /** Stops flushing, after one last flush (before the database closes). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
