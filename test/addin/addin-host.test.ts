/**
 * @jest-environment node
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { jsonBlock } from '../../src/server/addin-host/plugin';
import { buildApp } from '../../src/server/app';
import { createDevTokenIssuer } from '../../src/server/auth/dev-tokens';
import { openPglite } from '../../src/server/db/pglite-adapter';
import type { Db } from '../../src/server/db/port';
import { testConfig } from '../helpers/context';

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** A dist/ as webpack writes it (minified HTML: unquoted attributes). */
function fakeDist(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'addin-dist-'));
  mkdirSync(path.join(dir, 'assets/js'), { recursive: true });
  mkdirSync(path.join(dir, 'preview'), { recursive: true });
  writeFileSync(
    path.join(dir, 'taskpane.html'),
    `<!doctype html><html><head><script src=${OFFICE_JS}></script><script defer src=/assets/js/taskpane.0123abcd.js></script></head><body><div id=root></div></body></html>`,
  );
  writeFileSync(path.join(dir, 'commands.html'), '<!doctype html><title>commands</title>');
  writeFileSync(path.join(dir, 'dialog.html'), '<!doctype html><title>dialog</title>');
  writeFileSync(path.join(dir, 'manifest.xml'), '<?xml version="1.0"?><OfficeApp/>');
  writeFileSync(path.join(dir, 'manifest.json'), '{"manifestVersion":"1.24"}');
  writeFileSync(path.join(dir, 'manifest.zip'), Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  writeFileSync(path.join(dir, 'assets/js/taskpane.0123abcd.js'), 'console.log("taskpane");'.repeat(100));
  mkdirSync(path.join(dir, 'assets/css'), { recursive: true });
  writeFileSync(path.join(dir, 'assets/css/griffel.0123abcd.css'), '.r1{color:red}'.repeat(100));
  writeFileSync(path.join(dir, 'assets/icon-16.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(path.join(dir, 'preview/index.html'), '<!doctype html><title>preview</title>');
  writeFileSync(path.join(dir, 'preview/office-stand-in.js'), 'window.Office = {};');
  writeFileSync(path.join(dir, 'preview/simulation.js'), 'window.salesToolsPreview = {};');
  writeFileSync(
    path.join(dir, 'console.html'),
    '<!doctype html><html><head><title>Sales Tools</title><script defer src=/assets/js/console.0123abcd.js></script></head><body><div id=root></div></body></html>',
  );
  writeFileSync(path.join(dir, 'favicon.ico'), Buffer.from([0, 0, 1, 0, 1, 0]));
  writeFileSync(path.join(dir, 'secret.txt'), 'outside the served folders');
  return dir;
}

describe('serving the built add-in (src/server/addin-host)', () => {
  let db: Db;
  const issuer = createDevTokenIssuer();
  beforeAll(async () => {
    db = await openPglite();
  }, 60_000);
  afterAll(() => db.close());

  async function app(options: { dir?: string; mode?: 'dev' | 'jwt' } = {}) {
    const config = testConfig(
      options.mode === 'jwt'
        ? {
            AUTH_MODE: 'jwt',
            AUTH_ISSUER: 'https://issuer.example/',
            AUTH_AUDIENCE: 'api://x',
            AUTH_JWKS_URI: 'https://issuer.example/keys',
          }
        : {},
    );
    const built = await buildApp({
      config,
      db,
      devTokens: await issuer,
      logger: false,
      addinDir: options.dir ?? fakeDist(),
    });
    return built.app;
  }

  test('the pages, the manifest and the assets, with their types and cache rules', async () => {
    const server = await app();
    const page = await server.inject('/taskpane.html');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain(OFFICE_JS);
    for (const url of ['/commands.html', '/dialog.html'])
      expect((await server.inject(url)).statusCode).toBe(200);
    const manifest = await server.inject('/manifest.xml');
    expect(manifest.headers['content-type']).toBe('text/xml; charset=utf-8');
    // The unified manifest and its package, beside it (issue 11).
    const unified = await server.inject('/manifest.json');
    expect(unified.headers['content-type']).toBe('application/json; charset=utf-8');
    const zip = await server.inject('/manifest.zip');
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const script = await server.inject('/assets/js/taskpane.0123abcd.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Griffel's CSS, extracted at build time (webpack.config.js): a stylesheet browsers accept.
    const styles = await server.inject({
      url: '/assets/css/griffel.0123abcd.css',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(styles.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(styles.headers['content-encoding']).toBe('gzip');
    expect(styles.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await server.inject('/assets/icon-16.png');
    expect(icon.headers['content-type']).toBe('image/png');
    await server.close();
  });

  test('gzip when the browser accepts it; 304 for a known ETag', async () => {
    const server = await app();
    const zipped = await server.inject({
      url: '/assets/js/taskpane.0123abcd.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe('console.log("taskpane");'.repeat(100));
    expect(zipped.rawPayload.length).toBeLessThan(200);
    const again = await server.inject({
      url: '/assets/js/taskpane.0123abcd.js',
      headers: { 'if-none-match': String(zipped.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    await server.close();
  });

  test('nothing outside the served paths; traversal is refused', async () => {
    const server = await app();
    for (const url of [
      '/secret.txt',
      '/assets/../secret.txt',
      '/assets/%2e%2e/secret.txt',
      '/assets/js/missing.js',
    ]) {
      const response = await server.inject(url);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('outside the served folders');
    }
    await server.close();
  });

  test('the task pane carries GET /api/v1/config in a JSON block, so it signs in without asking first', async () => {
    const server = await app();
    const config = (await server.inject('/api/v1/config')).json();
    for (const url of ['/taskpane.html', '/preview/taskpane.html']) {
      const body = (await server.inject(url)).body;
      const block = /<script id="sales-tools-config" type="application\/json">(.*?)<\/script><\/head>/.exec(
        body,
      );
      expect(JSON.parse(block?.[1] ?? 'null')).toEqual(config);
    }
    await server.close();
  });

  test('the embedded JSON cannot close its script tag', () => {
    expect(jsonBlock('x', { authority: '</script><script>alert(1)</script>' })).toBe(
      '<script id="x" type="application/json">{"authority":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}</script>',
    );
  });

  test('dev auth mode: /preview, whose task pane is the real one with the Office.js stand-in swapped in', async () => {
    const server = await app();
    expect((await server.inject('/preview')).body).toContain('<title>preview</title>');
    const pane = await server.inject('/preview/taskpane.html');
    expect(pane.statusCode).toBe(200);
    expect(pane.body).not.toContain(OFFICE_JS);
    expect(pane.body).toContain('<script src="/preview/office-stand-in.js"></script>');
    expect(pane.body).toContain('/assets/js/taskpane.0123abcd.js');
    expect((await server.inject('/preview/office-stand-in.js')).statusCode).toBe(200);
    expect((await server.inject('/preview/simulation.js')).statusCode).toBe(200);
    const root = await server.inject('/');
    expect([root.statusCode, root.headers.location]).toEqual([302, '/app']);
    await server.close();
  });

  test('jwt (production) mode: no preview, no stand-in — only the add-in itself', async () => {
    const server = await app({ mode: 'jwt' });
    for (const url of [
      '/preview',
      '/preview/taskpane.html',
      '/preview/office-stand-in.js',
      '/preview/simulation.js',
    ]) {
      expect((await server.inject(url)).statusCode).toBe(404);
    }
    expect((await server.inject('/taskpane.html')).statusCode).toBe(200);
    const root = await server.inject('/');
    expect([root.statusCode, root.headers.location]).toEqual([302, '/app']);
    await server.close();
  });

  test('the console: /app and every route under it serve its page, with the sign-in config; /favicon.ico', async () => {
    for (const mode of ['dev', 'jwt'] as const) {
      const server = await app({ mode });
      for (const url of [
        '/app',
        '/app/sequences',
        '/app/sequences/0b9e7c3e-1111-4c4c-8888-000000000000?tab=steps',
        '/app/contacts/x/y',
      ]) {
        const page = await server.inject(url);
        expect([url, page.statusCode, page.headers['content-type']]).toEqual([
          url,
          200,
          'text/html; charset=utf-8',
        ]);
        expect(page.body).toContain('/assets/js/console.0123abcd.js');
        expect(page.body).toContain(`"authMode":"${mode}"`);
        expect(page.headers['cache-control']).toBe('no-cache');
        expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      }
      const icon = await server.inject('/favicon.ico');
      expect([icon.statusCode, icon.headers['content-type']]).toEqual([200, 'image/x-icon']);
      await server.close();
    }
  });

  test('not built yet: 503 saying how to build', async () => {
    const server = await app({ dir: path.join(os.tmpdir(), 'no-such-dist-folder') });
    const response = await server.inject('/taskpane.html');
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toMatchObject({ code: 'service_unavailable' });
    expect(response.json().error.message).toMatch(/npm run build/);
    await server.close();
  });
});
