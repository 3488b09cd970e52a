/**
 * The end-to-end tests drive the production builds — the add-in in dist/, the server in
 * build/ — built once, here, when missing or older than their sources (never per test).
 */
export default async function globalSetup(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ensureServerBuilt } = require('../../scripts/build-server.js') as {
    ensureServerBuilt(options?: { quiet?: boolean }): boolean;
  };
  ensureServerBuilt({ quiet: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ensureBuilt } = require('../../src/addin/build/ensure-built.js') as {
    ensureBuilt(options?: { quiet?: boolean }): boolean;
  };
  ensureBuilt({ quiet: true });
}
