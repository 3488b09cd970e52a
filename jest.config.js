// One runner for the whole suite. The server tests need Node's VM modules flag
// (set by `npm run test:unit`) because PGlite loads its file system with a
// dynamic import() even in its CommonJS build.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// Packages published as ES modules only ("type": "module") must be transformed
// to CommonJS for Jest; found by reading node_modules (and the node_modules nested
// in packages, e.g. office-addin-mock's dependencies) rather than listed by hand.
const fs = require('node:fs');
const path = require('node:path');
function esmOnlyPackages(root = path.join(__dirname, 'node_modules'), depth = 0, found = new Set()) {
  for (const entry of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const names = entry.startsWith('@')
      ? fs.readdirSync(path.join(root, entry)).map((sub) => `${entry}/${sub}`)
      : [entry];
    for (const name of names) {
      try {
        const manifest = JSON.parse(fs.readFileSync(path.join(root, name, 'package.json'), 'utf8'));
        if (manifest.type === 'module') found.add(name.replace(/[.+]/g, '\\$&'));
      } catch {
        // not a package
      }
      if (depth < 2) esmOnlyPackages(path.join(root, name, 'node_modules'), depth + 1, found);
    }
  }
  return [...found];
}
const esmOnly = esmOnlyPackages();

const shared = {
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  // Ignored unless the innermost package of the path is ES-module-only.
  transformIgnorePatterns: [`/node_modules/(?!.*/node_modules/)(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
};

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/server/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'addin',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/addin/**/*.test.ts?(x)'],
      setupFilesAfterEnv: ['<rootDir>/test/addin/setup.ts'],
    },
    {
      // The web console's screens and sign-in (jsdom), with the add-in's browser shims.
      ...shared,
      displayName: 'console',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/console/**/*.test.ts?(x)'],
      setupFilesAfterEnv: ['<rootDir>/test/console/setup.ts'],
    },
    {
      // Headless Chromium against a real server; builds dist/ once when it is stale.
      ...shared,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
    },
  ],
};
