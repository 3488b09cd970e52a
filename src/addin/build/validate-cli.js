#!/usr/bin/env node
/* global console */
// `npm run validate`: manifest.xml (and dist/manifest.xml when built) against the Office XSDs,
// offline. Microsoft's online checks: `npx office-addin-manifest validate manifest.xml`.
const fs = require('node:fs');
const path = require('node:path');
const { validateManifest } = require('./manifest');

/** The Office manifest XSDs, kept in the repository (test/fixtures/office-manifest, see its README). */
function schemaDir() {
  return path.resolve(__dirname, '../../../test/fixtures/office-manifest');
}

async function main() {
  const dir = schemaDir();
  const repo = path.resolve(__dirname, '../../..');
  let failed = false;
  for (const file of ['manifest.xml', 'dist/manifest.xml']) {
    const full = path.join(repo, file);
    if (!fs.existsSync(full)) continue;
    const errors = await validateManifest(fs.readFileSync(full, 'utf8'), dir);
    if (errors.length === 0) console.warn(`${file}: valid (OfficeAppManifestV1_1.xsd)`);
    else {
      failed = true;
      console.error(`${file}: INVALID\n  ${errors.join('\n  ')}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
