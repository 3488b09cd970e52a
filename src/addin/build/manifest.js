// Build-time helpers for manifest.xml (CommonJS: webpack.config.js, the CLI and the tests use them).
/* global URL */
const fs = require('node:fs');
const path = require('node:path');

/** The base URL every URL in the source manifest.xml starts with: the HTTPS dev server. */
const SOURCE_BASE_URL = 'https://localhost:3001';

/** The base URL the built manifest points at: ADDIN_BASE_URL, else the dev server. */
function addinBaseUrl(env = process.env) {
  const raw = (env.ADDIN_BASE_URL || SOURCE_BASE_URL).replace(/\/+$/, '');
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_BASE_URL must be an absolute https:// URL (got "${raw}")`);
  }
  // Outlook loads add-in pages over HTTPS only; http://localhost is tolerated for local tooling.
  if (url.protocol !== 'https:' && url.hostname !== 'localhost') {
    throw new Error(
      `ADDIN_BASE_URL must be an https:// URL: Outlook refuses add-in pages over http (got "${raw}")`,
    );
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(
      `ADDIN_BASE_URL must be an origin without a path, like https://sales.contoso.com (got "${raw}")`,
    );
  }
  return url.origin;
}

/** The manifest with every URL moved from the dev server to `baseUrl`. */
function rewriteManifest(xml, baseUrl) {
  return xml.split(SOURCE_BASE_URL).join(baseUrl.replace(/\/+$/, ''));
}

/**
 * Validates a manifest against the Office XSDs in `schemaDir` with xmllint (WebAssembly).
 * The XSDs import each other, so every .xsd of the folder is preloaded.
 * Resolves to the list of errors (empty when valid).
 */
async function validateManifest(xml, schemaDir) {
  const { validateXML } = require('xmllint-wasm');
  const preload = fs
    .readdirSync(schemaDir)
    .filter((name) => name.endsWith('.xsd') && name !== 'OfficeAppManifestV1_1.xsd')
    .map((fileName) => ({ fileName, contents: fs.readFileSync(path.join(schemaDir, fileName), 'utf8') }));
  const result = await validateXML({
    xml: [{ fileName: 'manifest.xml', contents: xml }],
    schema: [
      {
        fileName: 'OfficeAppManifestV1_1.xsd',
        contents: fs.readFileSync(path.join(schemaDir, 'OfficeAppManifestV1_1.xsd'), 'utf8'),
      },
    ],
    preload,
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage ?? String(error));
}

module.exports = { SOURCE_BASE_URL, addinBaseUrl, rewriteManifest, validateManifest };
