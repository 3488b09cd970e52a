import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { DEV_TENANT_ID } from '../../src/server/auth/dev-tokens';
import { createTestContext, type TestContext } from '../helpers/context';
import { backends } from '../helpers/databases';
import { seriousAxeViolations } from './axe';
import { chromiumAvailable, collectPageErrors, keepScreenshot, launchChromium } from './browser';

/**
 * Issue 10 end to end: the production build of the console at /app in headless Chromium,
 * against the real server (PGlite, and PostgreSQL when configured), signed in as a dev user —
 * every manual path of the SPEC (M1, M2, M3, M5) and Tasks, with axe on each screen and
 * screenshots in light and dark (test-artifacts/).
 */

jest.setTimeout(180_000);
const canRun = chromiumAvailable();
const describeInChromium = canRun ? describe : describe.skip;
const unique = () => randomUUID().slice(0, 8);

interface World {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
}

/** A rep of the dev workspace (the tenant the console's dev sign-in uses), with data made through the API. */
async function newRep(world: World, steps?: unknown[]) {
  const email = `rep-${unique()}@contoso.example`;
  const token = await world.ctx.token({ email, name: 'Riley Rep', tenantId: DEV_TENANT_ID });
  const api = async <T = any>(method: 'GET' | 'POST', url: string, body?: unknown) => {
    const response = await world.ctx.request<T>(method, `/api/v1${url}`, { token, body });
    if (response.status >= 300) throw new Error(`${method} ${url}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const me = await api('GET', '/me');
  const sequence = await api('POST', '/sequences', {
    name: `Q4 outreach ${unique()}`,
    steps: steps ?? [
      { type: 'email', delayMinutes: 0, subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}' },
      { type: 'email', delayMinutes: 2 * 24 * 60, subject: 'Following up', body: 'Just checking in.' },
    ],
  });
  /** Contacts enrolled through the API; step 1 run by the worker (here: at once). */
  const enrollMany = async (count: number, prefix = 'Ann') => {
    const made: { contact: { id: string; email: string; firstName: string }; enrollmentId: string }[] = [];
    for (let i = 0; i < count; i += 1) {
      const contact = await api('POST', '/contacts', {
        email: `${prefix.toLowerCase()}${i}.${unique()}@fabrikam.example`,
        firstName: `${prefix}${i}`,
        lastName: 'Lee',
      });
      const enrollment = await api('POST', '/enrollments', {
        sequenceId: sequence.id,
        contactId: contact.id,
      });
      made.push({ contact, enrollmentId: enrollment.id });
    }
    await world.ctx.runDueSteps();
    return made;
  };
  const enrollment = (id: string) => api('GET', `/enrollments/${id}`);
  return { email, token, me, sequence, api, enrollMany, enrollment };
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === element.ownerDocument.activeElement);
}

for (const kind of backends()) {
  describeInChromium(`the console at /app in headless Chromium [${kind}]`, () => {
    let world: World;
    let context: BrowserContext;
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      const ctx = await createTestContext(kind);
      const address = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
      world = { ctx, baseUrl: address, browser: await launchChromium() };
    }, 120_000);

    afterAll(async () => {
      await world?.browser.close();
      await world?.ctx.app.close();
      await world?.ctx.database.drop();
    });

    async function open(options: { colorScheme?: 'light' | 'dark'; zoom?: number } = {}) {
      // Zoom as a browser does it: the window's CSS pixels shrink by the factor, each drawn larger.
      const zoom = options.zoom ?? 1;
      context = await world.browser.newContext({
        viewport: { width: Math.round(1280 / zoom), height: Math.round(860 / zoom) },
        deviceScaleFactor: zoom,
        colorScheme: options.colorScheme ?? 'light',
      });
      page = await context.newPage();
      page.setDefaultTimeout(15_000);
      errors = collectPageErrors(page);
    }

    const goto = (path: string, as?: string) =>
      page.goto(
        `${world.baseUrl}/app${path}${as ? `${path.includes('?') ? '&' : '?'}as=${encodeURIComponent(as)}` : ''}`,
      );

    afterEach(async () => {
      await context?.close();
      expect(errors).toEqual([]);
    });

    test('sign in on the sign-in page; Manage → the sequence → Enrollments → tick two → Unenroll → dialog → Unenroll (M5)', async () => {
      const rep = await newRep(world);
      const people = await rep.enrollMany(3);
      await open();
      await goto('/sequences');
      await page.getByRole('heading', { name: 'Sign in to Sales Tools' }).waitFor();
      expect(await page.title()).toBe('Sign in · Sales Tools');
      await page.getByRole('textbox', { name: 'Email' }).fill(rep.email);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.getByRole('heading', { name: 'Sequences', level: 1 }).waitFor();
      expect(await page.title()).toBe('Sequences · Sales Tools');
      await page.getByRole('link', { name: rep.sequence.name }).click();
      await page.getByRole('heading', { name: rep.sequence.name, level: 1 }).waitFor();
      expect(page.url()).toBe(`${world.baseUrl}/app/sequences/${rep.sequence.id}`);
      await page.getByRole('checkbox', { name: `Select ${people[0].contact.email}` }).check();
      await page.getByRole('checkbox', { name: `Select ${people[2].contact.email}` }).check();
      await page.getByRole('button', { name: 'Unenroll', exact: true }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByText('2 contacts will be unenrolled').waitFor();
      await dialog.getByRole('button', { name: 'Unenroll' }).click();
      const message = page.getByRole('status').filter({ hasText: '2 contacts unenrolled' });
      await message.waitFor();
      expect(await isFocused(message)).toBe(true);

      for (const index of [0, 2]) {
        const enrollment = await rep.enrollment(people[index].enrollmentId);
        expect(enrollment.status).toBe('unenrolled');
        expect(enrollment.unenrollment).toMatchObject({
          reason: 'manual',
          by: { type: 'user', id: rep.me.id },
        });
      }
      expect((await rep.enrollment(people[1].enrollmentId)).status).toBe('active');

      // The deep link survives a reload, still signed in.
      await page.reload();
      await page.getByRole('heading', { name: rep.sequence.name, level: 1 }).waitFor();
      await page.getByRole('img', { name: /Unenrollments by reason: Unenrolled manually 2/ }).waitFor();
    });

    test('Actions → Unenroll on one row (M2); Pause and Resume', async () => {
      const rep = await newRep(world);
      const people = await rep.enrollMany(2);
      await open();
      await goto(`/sequences/${rep.sequence.id}`, rep.email);
      const actions = page.getByRole('button', { name: `Actions for ${people[1].contact.email}` });
      await actions.click();
      await page.getByRole('menuitem', { name: 'Pause' }).click();
      await page.getByRole('status').filter({ hasText: 'is paused' }).waitFor();
      expect((await rep.enrollment(people[1].enrollmentId)).status).toBe('paused');

      await page.getByRole('button', { name: `Actions for ${people[0].contact.email}` }).click();
      await page.getByRole('menuitem', { name: 'Unenroll' }).click();
      const dialog = page.getByRole('alertdialog');
      // Cancel first: the focus goes back to the Actions button.
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(
        await isFocused(page.getByRole('button', { name: `Actions for ${people[0].contact.email}` })),
      ).toBe(true);
      await page.getByRole('button', { name: `Actions for ${people[0].contact.email}` }).click();
      await page.getByRole('menuitem', { name: 'Unenroll' }).click();
      await dialog.getByRole('button', { name: 'Unenroll' }).click();
      await page.getByRole('status').filter({ hasText: 'was unenrolled' }).waitFor();
      expect((await rep.enrollment(people[0].enrollmentId)).unenrollment).toMatchObject({
        reason: 'manual',
        by: { id: rep.me.id },
      });
    });

    test('Select all → Select all N across pages → Unenroll: ONE request, every active enrollment unenrolled', async () => {
      const rep = await newRep(world);
      const people = await rep.enrollMany(53); // more than one page (50)
      await open();
      await goto(`/sequences/${rep.sequence.id}`, rep.email);
      const requests: Request[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/api/v1/enrollments/')) requests.push(request);
      });
      await page.getByRole('checkbox', { name: 'Select all' }).check();
      await page.getByRole('button', { name: 'Select all 53' }).click();
      await page.getByText('All 53 enrollments that match are selected.').waitFor();
      await page.getByRole('button', { name: 'Unenroll', exact: true }).click();
      await page.getByRole('alertdialog').getByText('53 contacts will be unenrolled').waitFor();
      await keepScreenshot(page, `console-select-all-dialog-${kind}`);
      await page.getByRole('alertdialog').getByRole('button', { name: 'Unenroll' }).click();
      await page.getByRole('status').filter({ hasText: '53 contacts unenrolled.' }).waitFor();

      const writes = requests.filter((r) => r.method() === 'POST');
      expect(writes.map((r) => [new URL(r.url()).pathname, r.postDataJSON()])).toEqual([
        ['/api/v1/enrollments/unenroll', { sequenceId: rep.sequence.id, all: true }],
      ]);
      const { rows } = await world.ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM enrollments WHERE sequence_id = $1::uuid AND status = 'unenrolled' AND unenroll_reason = 'manual'`,
        [rep.sequence.id],
      );
      expect(rows[0].n).toBe(people.length);
    });

    test('Scheduled → hover a row → Unenroll (M3): the row leaves the list', async () => {
      const rep = await newRep(world);
      const people = await rep.enrollMany(2, 'Bo');
      await open();
      await goto(`/sequences?tab=scheduled`, rep.email);
      const row = page.getByRole('row').filter({ hasText: people[0].contact.firstName });
      await row.waitFor();
      const button = row.getByRole('button', { name: `Unenroll ${people[0].contact.email}` });
      expect(await button.evaluate((el) => getComputedStyle(el).opacity)).toBe('0');
      await row.hover();
      await page.waitForFunction((el) => getComputedStyle(el!).opacity === '1', await button.elementHandle());
      await button.click();
      await row.waitFor({ state: 'detached' });
      await page.getByRole('status').filter({ hasText: 'was unenrolled' }).waitFor();
      expect((await rep.enrollment(people[0].enrollmentId)).unenrollment).toMatchObject({ reason: 'manual' });
      // Keyboard: focusing the other row's button shows it.
      const other = page.getByRole('button', { name: `Unenroll ${people[1].contact.email}` });
      await other.focus();
      expect(await other.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    });

    test('contact record → Unenroll → dialog → Unenroll (M1): the timeline shows the unenrollment', async () => {
      const rep = await newRep(world);
      const [ann] = await rep.enrollMany(1, 'Cy');
      await open();
      await goto('/contacts', rep.email);
      // The reps of this file share one account: find the contact by name rather than by page.
      await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Cy0 Lee');
      await page.getByRole('link', { name: 'Cy0 Lee' }).click();
      await page.getByRole('heading', { name: 'Cy0 Lee', level: 1 }).waitFor();
      expect(await page.title()).toBe('Cy0 Lee · Sales Tools');
      await page.getByRole('button', { name: 'Unenroll' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Unenroll' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Unenrolled from ${rep.sequence.name}` })
        .waitFor();
      const timeline = page.getByRole('list', { name: 'Timeline' });
      await timeline
        .getByText(`Unenrolled from ${rep.sequence.name}: Unenrolled manually by Riley Rep`)
        .waitFor();
      // Newest first.
      expect(await timeline.getByRole('listitem').first().innerText()).toContain('Unenrolled from');
      expect((await rep.enrollment(ann.enrollmentId)).status).toBe('unenrolled');
      // Not enrolled any more: no Unenroll (the dialog's own button leaves with its closing animation).
      await page
        .getByRole('button', { name: 'Unenroll', exact: true })
        .first()
        .waitFor({ state: 'detached' });
      expect(await page.getByRole('button', { name: 'Unenroll', exact: true }).count()).toBe(0);
    });

    test('Tasks → Complete moves the enrollment to its next step', async () => {
      const rep = await newRep(world, [
        { type: 'task', delayMinutes: 0, title: 'Call {{firstName}}' },
        { type: 'email', delayMinutes: 0, subject: 'After the call', body: 'Thanks' },
      ]);
      const [dee] = await rep.enrollMany(1, 'Dee');
      expect(await rep.enrollment(dee.enrollmentId)).toMatchObject({ currentStep: 1, nextStepAt: null });
      await open();
      await goto('/tasks', rep.email);
      await page.getByRole('button', { name: 'Complete Call Dee0' }).click();
      await page.getByRole('status').filter({ hasText: '“Call Dee0” is done' }).waitFor();
      expect((await rep.enrollment(dee.enrollmentId)).nextStepAt).not.toBeNull();
      await world.ctx.runDueSteps();
      expect(await rep.enrollment(dee.enrollmentId)).toMatchObject({ currentStep: 2 });
      await page.getByText('No open tasks').waitFor();
    });

    test('every screen in light and dark: no serious or critical axe violation; screenshots', async () => {
      const rep = await newRep(world, [
        { type: 'task', delayMinutes: 0, title: 'Call {{firstName}}' },
        { type: 'email', delayMinutes: 60, subject: 'After the call', body: 'Thanks' },
      ]);
      const [first] = await rep.enrollMany(3, 'Eve');
      await rep.api('POST', `/enrollments/${first.enrollmentId}/unenroll`);
      const screens: [string, string, string][] = [
        ['sign-in', '/sequences', 'Sign in to Sales Tools'],
        ['sequences', '/sequences', 'Sequences'],
        ['scheduled', '/sequences?tab=scheduled', 'Sequences'],
        ['sequence', `/sequences/${rep.sequence.id}`, rep.sequence.name],
        ['sequence-steps', `/sequences/${rep.sequence.id}?tab=steps`, rep.sequence.name],
        ['contacts', '/contacts', 'Contacts'],
        ['contact', `/contacts/${first.contact.id}`, 'Eve0 Lee'],
        ['tasks', '/tasks', 'Tasks'],
      ];
      for (const colorScheme of ['light', 'dark'] as const) {
        await open({ colorScheme });
        for (const [name, path, heading] of screens) {
          await goto(path, name === 'sign-in' ? undefined : rep.email);
          await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
          // Data in place (no skeleton left).
          await page.waitForFunction(() => !document.querySelector('[role="status"][aria-label^="Loading"]'));
          const violations = await seriousAxeViolations(page);
          expect([name, colorScheme, violations]).toEqual([name, colorScheme, []]);
          await keepScreenshot(page, `console-${name}-${colorScheme}-${kind}`);
          if (name === 'sign-in') await page.evaluate(() => localStorage.clear());
        }
        await context.close();
      }
    });

    test('at 200 % zoom every screen reflows: the page never scrolls sideways, navigation and Sign out stay in reach', async () => {
      const rep = await newRep(world);
      const [first] = await rep.enrollMany(2, 'Zed');
      await open({ zoom: 2 });
      const screens: [string, string, string][] = [
        ['sequences', '/sequences', 'Sequences'],
        ['scheduled', '/sequences?tab=scheduled', 'Sequences'],
        ['sequence', `/sequences/${rep.sequence.id}`, rep.sequence.name],
        ['contact', `/contacts/${first.contact.id}`, 'Zed0 Lee'],
        ['tasks', '/tasks', 'Tasks'],
      ];
      for (const [name, path, heading] of screens) {
        await goto(path, rep.email);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await page.waitForFunction(() => !document.querySelector('[role="status"][aria-label^="Loading"]'));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect([name, overflow]).toEqual([name, 0]);
        for (const control of [
          page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }),
          page.getByRole('button', { name: 'Sign out' }),
        ]) {
          const box = await control.boundingBox();
          expect(box && box.x >= 0 && box.x + box.width <= 640).toBe(true);
        }
        await keepScreenshot(page, `console-${name}-zoom-200-${kind}`);
      }
    });
  });
}
