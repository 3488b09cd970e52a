#!/usr/bin/env node
/* global console */
// Compiles the server (src/server, src/shared) to JavaScript in build/ with tsc, and copies
// the SQL migrations beside it: production runs `node build/server/main.js`, not TypeScript
// compiled at run time. `ensureServerBuilt` does it only when build/ is older than its sources.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..');
const out = path.join(repo, 'build');
const stamp = path.join(out, 'build-info.json');
const INPUTS = ['src/server', 'src/shared', 'tsconfig.json', 'tsconfig.server.json', 'package-lock.json'];

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Why the server needs building, or null when build/ is current. */
function staleReason() {
  if (!fs.existsSync(stamp)) return 'build/ has no server build yet';
  const built = fs.statSync(stamp).mtimeMs;
  const changed = INPUTS.find((input) => newestMtime(path.join(repo, input)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

function buildServer({ quiet = false } = {}) {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [repo] });
  } catch {
    if (fs.existsSync(stamp)) return false; // npm install --omit=dev: serve what was built
    throw new Error('The server is not built and TypeScript is not installed: run "npm install".');
  }
  fs.rmSync(path.join(out, 'server'), { recursive: true, force: true });
  fs.rmSync(path.join(out, 'shared'), { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.server.json'], {
    cwd: repo,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  if (result.status !== 0) throw new Error(`The server build failed (tsc exited with ${result.status})`);
  const migrations = path.join(repo, 'src/server/db/migrations');
  fs.cpSync(migrations, path.join(out, 'server/db/migrations'), { recursive: true });
  fs.writeFileSync(stamp, JSON.stringify({ builtAt: new Date().toISOString() }) + '\n');
  return true;
}

function ensureServerBuilt(options = {}) {
  const reason = staleReason();
  if (!reason) return false;
  if (!options.quiet) console.warn(`Sales Tools: building the server (${reason})…`);
  return buildServer(options);
}

module.exports = { buildServer, ensureServerBuilt, staleReason };

if (require.main === module) {
  try {
    if (process.argv.includes('--if-stale')) ensureServerBuilt();
    else buildServer();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
