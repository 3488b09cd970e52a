import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app';
import { createDevTokenIssuer } from '../../../src/server/auth/dev-tokens';
import { OUTLOOK_ORIGINS } from '../../../src/server/http/security-headers';
import { testConfig } from '../../helpers/context';
import { openTestDatabase, type TestDatabase } from '../../helpers/databases';

/** Issue 14, finding 8: security headers on every page and on the API. */

function fakeDist(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'addin-dist-'));
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  mkdirSync(path.join(dir, 'preview'), { recursive: true });
  const page = '<!doctype html><html><head></head><body></body></html>';
  for (const name of ['taskpane.html', 'commands.html', 'dialog.html', 'console.html', 'preview/index.html'])
    writeFileSync(path.join(dir, name), page);
  writeFileSync(
    path.join(dir, 'taskpane.html'),
    '<!doctype html><html><head><script src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js></script></head></html>',
  );
  writeFileSync(path.join(dir, 'manifest.xml'), '<?xml version="1.0"?><OfficeApp/>');
  writeFileSync(path.join(dir, 'assets/icon-16.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return dir;
}

/** `content-security-policy` as directive → sources. */
function csp(header: unknown): Record<string, string[]> {
  return Object.fromEntries(
    String(header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('security headers', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    ({ app } = await buildApp({
      config: testConfig(),
      db: database.db,
      devTokens: await createDevTokenIssuer(),
      logger: false,
      addinDir: fakeDist(),
    }));
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  test('every response: nosniff, no-referrer, HSTS, and no X-Powered-By (errors included)', async () => {
    for (const url of ['/health', '/api/v1/config', '/api/v1/me', '/nowhere', '/taskpane.html', '/docs']) {
      const { headers } = await get(url);
      expect({ url, nosniff: headers['x-content-type-options'] }).toEqual({ url, nosniff: 'nosniff' });
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(headers['x-powered-by']).toBeUndefined();
      expect(headers['content-security-policy']).toBeDefined();
    }
  });

  test('the API: nothing to load, nothing may frame it', async () => {
    for (const url of ['/api/v1/config', '/api/v1/me', '/health', '/nowhere']) {
      const { headers } = await get(url);
      expect(csp(headers['content-security-policy'])).toEqual({
        'default-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'none'"],
        'frame-ancestors': ["'none'"],
      });
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['cross-origin-resource-policy']).toBe('same-origin');
    }
  });

  test.each(['/taskpane.html', '/commands.html', '/dialog.html'])(
    '%s: framed by Outlook’s origins and nothing else; Office.js from the CDN; MSAL’s login endpoint',
    async (url) => {
      const { statusCode, headers } = await get(url);
      expect(statusCode).toBe(200);
      const policy = csp(headers['content-security-policy']);
      expect(policy['frame-ancestors']).toEqual([...OUTLOOK_ORIGINS]);
      expect(policy['script-src']).toEqual([
        "'self'",
        'https://appsforoffice.microsoft.com',
        'https://ajax.aspnetcdn.com',
      ]);
      expect(policy['connect-src']).toEqual([
        "'self'",
        'https://login.microsoftonline.com',
        'https://browser.pipe.aria.microsoft.com',
      ]);
      expect(policy['frame-src']).toEqual(["'self'", 'https://login.microsoftonline.com']);
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(policy['script-src']).not.toContain("'unsafe-inline'");
      // X-Frame-Options cannot name Outlook's origins: frame-ancestors decides alone.
      expect(headers['x-frame-options']).toBeUndefined();
      expect(headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
    },
  );

  test('the Outlook origins are Microsoft’s, over HTTPS, without wildcards', () => {
    for (const origin of OUTLOOK_ORIGINS) expect(origin).toMatch(/^https:\/\/outlook(-sdf)?\.[a-z0-9.]+$/);
  });

  test('the preview is framed by nobody and frames its own task pane, which only it may frame', async () => {
    const preview = await get('/preview');
    expect(csp(preview.headers['content-security-policy'])).toMatchObject({
      'frame-ancestors': ["'none'"],
      'frame-src': ["'self'"],
      'script-src': ["'self'"],
    });
    const pane = await get('/preview/taskpane.html');
    expect(pane.statusCode).toBe(200);
    expect(csp(pane.headers['content-security-policy'])['frame-ancestors']).toEqual(["'self'"]);
    expect(pane.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  test.each(['/app', '/app/sequences/123'])('the console (%s) is framed by nobody', async (url) => {
    const { headers } = await get(url);
    const policy = csp(headers['content-security-policy']);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'", 'https://login.microsoftonline.com']);
    expect(headers['x-frame-options']).toBe('DENY');
  });

  test('/docs is framed by nobody and runs only its own scripts', async () => {
    for (const url of ['/docs', '/docs/static/index.html']) {
      const { headers } = await get(url);
      const policy = csp(headers['content-security-policy']);
      expect(policy['frame-ancestors']).toEqual(["'none'"]);
      expect(policy['script-src']).toEqual(["'self'"]);
    }
  });

  test('icons and the manifest may be read from Outlook’s origin', async () => {
    for (const url of ['/assets/icon-16.png', '/manifest.xml']) {
      const { headers } = await get(url);
      expect(headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(headers['x-content-type-options']).toBe('nosniff');
    }
  });

  test('the unsubscribe page keeps its own, stricter policy', async () => {
    const { headers } = await get('/unsubscribe/not-a-token');
    expect(csp(headers['content-security-policy'])).toMatchObject({
      'default-src': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
    expect(headers['referrer-policy']).toBe('no-referrer');
  });

  test('a sovereign cloud’s authority (AUTH_AUTHORITY) is the login endpoint the pane may reach', async () => {
    const { app: other } = await buildApp({
      config: testConfig({ AUTH_AUTHORITY: 'https://login.microsoftonline.us/common' }),
      db: database.db,
      devTokens: await createDevTokenIssuer(),
      logger: false,
      addinDir: fakeDist(),
    });
    try {
      const policy = csp(
        (await other.inject({ method: 'GET', url: '/taskpane.html' })).headers['content-security-policy'],
      );
      expect(policy['connect-src']).toContain('https://login.microsoftonline.us');
      expect(policy['connect-src']).not.toContain('https://login.microsoftonline.com');
    } finally {
      await other.close();
    }
  });
});
