#!/usr/bin/env node
/* global console */
// `npm run validate`: manifest.xml (and dist/manifest.xml when built) against the Office XSDs,
// offline. Microsoft's online checks: `npx office-addin-manifest validate manifest.xml`.
const fs = require('node:fs');
const path = require('node:path');
const { validateManifest } = require('./manifest');

function schemaDir() {
  const repo = path.resolve(__dirname, '../../..');
  const candidates = process.env.SHARED_DIR
    ? [path.resolve(process.env.SHARED_DIR)]
    : [path.resolve(repo, '../shared'), '/work/shared'];
  for (const candidate of candidates) {
    const dir = path.join(candidate, 'schemas/office-manifest');
    if (fs.existsSync(path.join(dir, 'OfficeAppManifestV1_1.xsd'))) return dir;
  }
  throw new Error(`The Office manifest XSDs were not found under ${candidates.join(' or ')}: set SHARED_DIR`);
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
