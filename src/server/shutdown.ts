/**
 * Graceful shutdown for the entry points (`main.ts`, `worker.ts`): on SIGINT or SIGTERM,
 * run `steps` in order — stop taking work, finish what is in flight, close the database —
 * then exit 0; exit 1 if they have not finished within `forceAfterMs`.
 */
export function exitGracefully(
  log: { info(object: object, message: string): void },
  steps: () => Promise<void>,
  forceAfterMs = 30_000,
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // A worker mid-send finishes its step (bounded by the SMTP timeouts) before the database closes.
    const force = setTimeout(() => process.exit(1), forceAfterMs).unref();
    try {
      await steps();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
