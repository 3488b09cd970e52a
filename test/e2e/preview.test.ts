import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { DEV_TENANT_ID } from '../../src/server/auth/dev-tokens';
import { createTestContext, type TestContext } from '../helpers/context';
import { backends } from '../helpers/databases';
import { chromiumAvailable, collectPageErrors, keepScreenshot, launchChromium } from './browser';

/**
 * SPEC M4, O2, O3 end to end: the real server (on PGlite, and on PostgreSQL when configured),
 * the production build of the add-in, and headless Chromium on /preview — the task pane as
 * shipped, on the Office.js stand-in, signed in with a dev token for the `from` user.
 */

jest.setTimeout(120_000);
const canRun = chromiumAvailable();
const describeInChromium = canRun ? describe : describe.skip;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const unique = () => randomUUID().slice(0, 8);

interface World {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
}

/** A rep of the dev workspace (the tenant the preview's dev tokens use), with data made through the API. */
async function newRep(world: World) {
  const email = `rep-${unique()}@contoso.example`;
  const token = await world.ctx.token({ email, name: 'Riley Rep', tenantId: DEV_TENANT_ID });
  const api = <T = any>(method: 'GET' | 'POST', url: string, body?: unknown) =>
    world.ctx.request<T>(method, `/api/v1${url}`, { token, body });
  const me = (await api('GET', '/me')).body;
  const sequence = (
    await api('POST', '/sequences', {
      name: `Q4 outreach ${unique()}`,
      steps: [
        { type: 'email', delayMinutes: 0, subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}' },
        { type: 'email', delayMinutes: 2 * 24 * 60, subject: 'Following up', body: 'Just checking in.' },
      ],
    })
  ).body;
  const contact = async (firstName: string, lastName: string, domain = 'fabrikam.example') => {
    const response = await api('POST', '/contacts', {
      email: `${firstName.toLowerCase()}.${unique()}@${domain}`,
      firstName,
      lastName,
      properties: { lifecycleStage: 'lead' },
    });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body as { id: string; email: string };
  };
  const enroll = async (contactId: string) => {
    const response = await api('POST', '/enrollments', { sequenceId: sequence.id, contactId });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    // The worker sends step 1 moments after the enrollment commits; here it runs at once.
    await world.ctx.runDueSteps();
    return response.body as { id: string };
  };
  return { email, token, me, sequence, api, contact, enroll };
}

function previewUrl(world: World, from: string, fields: { to?: string[]; cc?: string[]; bcc?: string[] }) {
  const url = new URL('/preview', world.baseUrl);
  for (const [field, emails] of Object.entries(fields)) url.searchParams.set(field, emails.join(','));
  url.searchParams.set('from', from);
  url.searchParams.set('fromName', 'Riley Rep');
  return url.toString();
}

const pane = (page: Page): FrameLocator => page.frameLocator('iframe[title="Sales Tools"]');
const recipientRow = (frame: FrameLocator, email: string, badge: string): Locator =>
  frame.getByRole('listitem', { name: new RegExp(`${escape(email)}, ${badge}$`) });

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === element.ownerDocument.activeElement);
}

for (const kind of backends()) {
  describeInChromium(`the Sales panel in headless Chromium on /preview [${kind}]`, () => {
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

    beforeEach(async () => {
      context = await world.browser.newContext({ viewport: { width: 1100, height: 760 } });
      page = await context.newPage();
      page.setDefaultTimeout(15_000);
      errors = collectPageErrors(page);
    });

    afterEach(async () => {
      await context.close();
      expect(errors).toEqual([]);
    });

    test('M4: enrolled, known and unknown recipients → View contact → the alert → Unenroll from sequence → Unenroll', async () => {
      const rep = await newRep(world);
      const ann = await rep.contact('Ann', 'Lee');
      const bo = await rep.contact('Bo', 'Chen');
      const stranger = `someone.${unique()}@northwind.example`;
      const enrollment = await rep.enroll(ann.id);

      await page.goto(previewUrl(world, rep.email, { to: [ann.email, bo.email], cc: [stranger] }));
      const frame = pane(page);
      await recipientRow(frame, ann.email, 'Enrolled').waitFor();
      await recipientRow(frame, bo.email, 'Contact').waitFor();
      await recipientRow(frame, stranger, 'Not in CRM').waitFor();
      expect(await frame.getByRole('region', { name: 'To' }).getByRole('listitem').count()).toBe(2);
      expect(await frame.getByRole('region', { name: 'Cc' }).getByRole('listitem').count()).toBe(1);
      expect(await frame.getByText(`Riley Rep · ${rep.email}`).count()).toBe(1);
      await keepScreenshot(page, `preview-recipients-${kind}`);

      // Keyboard: from the first control (Refresh), Tab reaches Ann's full address (focusable for its
      // tooltip), then her View contact; Enter opens it.
      const view = recipientRow(frame, ann.email, 'Enrolled').getByRole('button', { name: 'View contact' });
      await frame.getByRole('button', { name: 'Refresh' }).focus();
      await page.keyboard.press('Tab');
      expect(await frame.locator(':focus').getAttribute('title')).toBe(ann.email);
      await page.keyboard.press('Tab');
      expect(await isFocused(view)).toBe(true);
      await page.keyboard.press('Enter');

      await frame.getByRole('heading', { name: 'Ann Lee' }).waitFor();
      const alert = frame.getByText(/currently enrolled in a sequence/);
      await alert.waitFor();
      const alertText = await frame.locator('.fui-MessageBar').innerText();
      expect(alertText).toContain(rep.sequence.name);
      expect(alertText).toContain('Step 1 of 2');
      expect(alertText).toMatch(/Next step \w+/);
      expect(alertText).toContain('Enrolled by Riley Rep');
      await keepScreenshot(page, `preview-contact-card-${kind}`);

      // Cancel first: nothing changes; then again, and confirm (the reopened dialog is accessible).
      await frame.getByRole('button', { name: 'Unenroll from sequence' }).click();
      await frame
        .getByRole('alertdialog', { name: 'Unenroll Ann Lee?' })
        .getByRole('button', { name: 'Cancel' })
        .click();
      await frame.getByRole('alertdialog').waitFor({ state: 'detached' });
      expect((await rep.api('GET', `/enrollments/${enrollment.id}`)).body.status).toBe('active');

      await frame.getByRole('button', { name: 'Unenroll from sequence' }).click();
      const dialog = frame.getByRole('alertdialog', { name: 'Unenroll Ann Lee?' });
      await dialog.waitFor();
      await keepScreenshot(page, `preview-confirmation-${kind}`);
      await dialog.getByRole('button', { name: 'Unenroll', exact: true }).click();

      await frame.getByText(`Ann Lee was unenrolled from ${rep.sequence.name}`).waitFor();
      expect(await alert.count()).toBe(0);
      await keepScreenshot(page, `preview-unenrolled-${kind}`);

      const ended = (await rep.api('GET', `/enrollments/${enrollment.id}`)).body;
      expect(ended.status).toBe('unenrolled');
      expect(ended.unenrollment).toMatchObject({ reason: 'manual', by: { type: 'user', id: rep.me.id } });

      await frame.getByRole('button', { name: 'Back to recipients' }).click();
      await recipientRow(frame, ann.email, 'Contact').waitFor();
    });

    test('editing To in the compose window refreshes the panel (RecipientsChanged)', async () => {
      const rep = await newRep(world);
      const bo = await rep.contact('Bo', 'Chen');
      const cara = await rep.contact('Cara', 'Diaz', 'adatum.example');
      await rep.enroll(cara.id);
      const stranger = `someone.${unique()}@northwind.example`;

      await page.goto(previewUrl(world, rep.email, { to: [stranger] }));
      const frame = pane(page);
      await recipientRow(frame, stranger, 'Not in CRM').waitFor();

      // The compose window reads like one: a field per row, each wide enough for a few addresses.
      const fields = ['To', 'Cc', 'Bcc', 'Subject', 'Body'];
      const boxes = await Promise.all(
        fields.map(async (name) => (await page.getByRole('textbox', { name, exact: true }).boundingBox())!),
      );
      boxes.slice(1).forEach((box, i) => expect(box.y).toBeGreaterThanOrEqual(boxes[i].y + boxes[i].height));
      for (const box of boxes) expect(box.width).toBeGreaterThan(400);

      const to = page.getByRole('textbox', { name: 'To' });
      await to.fill(`Bo Chen <${bo.email}>, not-an-address`);
      await to.press('Enter');
      await recipientRow(frame, bo.email, 'Contact').waitFor();
      expect(await frame.getByRole('listitem', { name: new RegExp(escape(stranger)) }).count()).toBe(0);
      expect(await frame.getByRole('listitem').count()).toBe(1); // the unresolved entry is skipped

      // Leaving a field commits it too.
      await page.getByRole('textbox', { name: 'Bcc' }).fill(cara.email);
      await page.getByRole('textbox', { name: 'Subject' }).focus();
      await recipientRow(frame, cara.email, 'Enrolled').waitFor();
      expect(await frame.getByRole('region', { name: 'Bcc' }).getByRole('listitem').count()).toBe(1);
      await keepScreenshot(page, `preview-edited-recipients-${kind}`);
    });

    test('Unenroll all: every enrolled recipient at once, after a confirmation', async () => {
      const rep = await newRep(world);
      const ann = await rep.contact('Ann', 'Lee');
      const cara = await rep.contact('Cara', 'Diaz', 'adatum.example');
      const bo = await rep.contact('Bo', 'Chen');
      const enrollments = [await rep.enroll(ann.id), await rep.enroll(cara.id)];

      await page.goto(previewUrl(world, rep.email, { to: [ann.email], cc: [cara.email], bcc: [bo.email] }));
      const frame = pane(page);
      await frame.getByText('2 of 3 recipients are enrolled in a sequence.').waitFor();
      await frame.getByRole('button', { name: 'Unenroll all' }).click();
      const dialog = frame.getByRole('alertdialog', { name: 'Unenroll 2 recipients?' });
      await dialog.waitFor();
      await keepScreenshot(page, `preview-unenroll-all-${kind}`);
      await dialog.getByRole('button', { name: 'Unenroll', exact: true }).click();

      await frame.getByText('2 recipients were unenrolled from their sequences.').waitFor();
      await recipientRow(frame, ann.email, 'Contact').waitFor();
      await recipientRow(frame, cara.email, 'Contact').waitFor();
      expect(await frame.getByRole('button', { name: 'Unenroll all' }).count()).toBe(0);
      for (const enrollment of enrollments) {
        const ended = (await rep.api('GET', `/enrollments/${enrollment.id}`)).body;
        expect(ended).toMatchObject({
          status: 'unenrolled',
          unenrollment: { reason: 'manual', by: { type: 'user', id: rep.me.id } },
        });
      }
    });

    test('follows Outlook’s dark theme; no recipients shows the empty state', async () => {
      const rep = await newRep(world);
      await page.goto(`${previewUrl(world, rep.email, {})}&theme=dark`);
      const frame = pane(page);
      await frame.getByRole('heading', { name: 'No recipients yet' }).waitFor();
      const background = await frame
        .locator('main')
        .evaluate((element) => getComputedStyle(element).backgroundColor);
      const [r, g, b] = background.match(/\d+/g)!.map(Number);
      expect(r + g + b).toBeLessThan(3 * 80);
      await keepScreenshot(page, `preview-dark-empty-${kind}`);
    });
  });
}

if (!canRun) test.skip('the end-to-end tests need Chromium', () => undefined);
