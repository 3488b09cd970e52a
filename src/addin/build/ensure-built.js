#!/usr/bin/env node
/* global console */
// Builds the add-in and the console (webpack, production) when dist/ is missing or older than its sources, so
// that `npm install && npm start` serves a built add-in on a fresh clone (npm's `prestart`),
// and the end-to-end tests and the benchmark build it once rather than per test.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { addinBaseUrl } = require('./manifest');

const repo = path.resolve(__dirname, '../../..');
const dist = path.join(repo, 'dist');
const stamp = path.join(dist, 'build-info.json');
const INPUTS = [
  'src/addin',
  'src/console',
  'src/preview',
  'src/shared',
  'assets',
  'manifest.xml',
  'webpack.config.js',
  'package-lock.json',
];

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Why a build is needed, or null when dist/ is current. */
function staleReason() {
  if (!fs.existsSync(stamp)) return 'dist/ has no build yet';
  let info;
  try {
    info = JSON.parse(fs.readFileSync(stamp, 'utf8'));
  } catch {
    return 'dist/build-info.json is unreadable';
  }
  if (info.mode !== 'production') return `dist/ holds a ${info.mode} build`;
  if (info.baseUrl !== addinBaseUrl()) return `ADDIN_BASE_URL changed (${info.baseUrl} → ${addinBaseUrl()})`;
  const built = fs.statSync(stamp).mtimeMs;
  const changed = INPUTS.find((input) => newestMtime(path.join(repo, input)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

function ensureBuilt({ quiet = false } = {}) {
  const reason = staleReason();
  if (!reason) return false;
  let cli;
  try {
    cli = require.resolve('webpack-cli/bin/cli.js', { paths: [repo] });
  } catch {
    if (fs.existsSync(stamp)) {
      console.warn(
        `Sales Tools: ${reason}, but webpack is not installed (npm install --omit=dev?); serving the existing build.`,
      );
      return false;
    }
    throw new Error(
      'The add-in is not built and webpack is not installed: run "npm install", then "npm run build".',
    );
  }
  console.warn(`Sales Tools: building the Outlook add-in (${reason})…`);
  const result = spawnSync(process.execPath, [cli, '--mode', 'production'], {
    cwd: repo,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  if (result.status !== 0) throw new Error(`The add-in build failed (webpack exited with ${result.status})`);
  // webpack leaves an unchanged build-info.json untouched: date the stamp to this build.
  const now = new Date();
  fs.utimesSync(stamp, now, now);
  return true;
}

module.exports = { ensureBuilt, staleReason };

if (require.main === module) {
  try {
    ensureBuilt();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
