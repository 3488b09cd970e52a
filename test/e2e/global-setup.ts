/**
 * The end-to-end tests drive the production build in dist/: build it once, here, when it is
 * missing or older than its sources (never per test).
 */
export default async function globalSetup(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ensureBuilt } = require('../../src/addin/build/ensure-built.js') as {
    ensureBuilt(options?: { quiet?: boolean }): boolean;
  };
  ensureBuilt({ quiet: true });
}
