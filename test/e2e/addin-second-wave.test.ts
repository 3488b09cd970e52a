import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { DEV_TENANT_ID } from '../../src/server/auth/dev-tokens';
import { createTestContext, type TestContext } from '../helpers/context';
import { seriousAxeFindings } from './axe';
import { chromiumAvailable, collectPageErrors, keepScreenshot, launchChromium } from './browser';

/**
 * Issue 11 end to end on /preview, against the real server (PGlite) and the production build:
 * the notification that comes without opening the pane, enroll and add contact from compose,
 * opted-out contacts, the card's history after an inbound reply, read mode, the keyboard's
 * focus moves, and an axe-core check of the pane's states.
 */

jest.setTimeout(180_000);
const canRun = chromiumAvailable();
const describeInChromium = canRun ? describe : describe.skip;
const unique = () => randomUUID().slice(0, 8);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface World {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
}

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
        { type: 'email', delayMinutes: 0, subject: 'Quick question', body: 'Hi {{firstName}}' },
        { type: 'email', delayMinutes: 2 * 24 * 60, subject: 'Following up', body: 'Just checking in.' },
      ],
    })
  ).body;
  const contact = async (firstName: string, lastName: string) => {
    const response = await api('POST', '/contacts', {
      email: `${firstName.toLowerCase()}.${unique()}@fabrikam.example`,
      firstName,
      lastName,
    });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body as { id: string; email: string };
  };
  const enroll = async (contactId: string) => {
    const response = await api('POST', '/enrollments', { sequenceId: sequence.id, contactId });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    await world.ctx.runDueSteps();
    return response.body as { id: string };
  };
  return { email, token, me, sequence, api, contact, enroll };
}

function previewUrl(world: World, from: string, params: Record<string, string>) {
  const url = new URL('/preview', world.baseUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  url.searchParams.set('from', from);
  url.searchParams.set('fromName', 'Riley Rep');
  return url.toString();
}

const pane = (page: Page): FrameLocator => page.frameLocator('iframe[title="Sales Tools"]');
const row = (frame: FrameLocator, email: string, badge: string): Locator =>
  frame.getByRole('listitem', { name: new RegExp(`${escape(email)}, ${badge}$`) });
const isFocused = (locator: Locator) =>
  locator.evaluate((element) => element === element.ownerDocument.activeElement);

/** Polls `check` until it holds or 5 s pass (focus moves after a render or an animation). */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + 5000;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

/** axe-core in the pane's frame. */
const paneAxeFindings = (page: Page) =>
  seriousAxeFindings(page.frames().find((f) => f.url().includes('/preview/taskpane.html'))!);

describeInChromium('issue 11 in headless Chromium on /preview', () => {
  let world: World;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    const ctx = await createTestContext('pglite');
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
    page.setDefaultTimeout(20_000);
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    await context.close();
    expect(errors).toEqual([]);
  });

  test('typing an enrolled address into To shows the notification without the pane; View contact opens its card; removing it removes the bar', async () => {
    const rep = await newRep(world);
    const ann = await rep.contact('Ann', 'Lee');
    await rep.enroll(ann.id);

    await page.goto(previewUrl(world, rep.email, { pane: 'closed' }));
    expect(await page.locator('iframe[title="Sales Tools"]').isVisible()).toBe(false);
    const to = page.getByRole('textbox', { name: 'To' });
    await to.fill(ann.email);
    await to.press('Enter');

    const bar = page.getByRole('region', { name: 'Notifications' }).getByRole('status');
    await bar.waitFor();
    expect(await bar.innerText()).toMatch(/Ann Lee is enrolled in a sequence/);
    expect(await page.locator('iframe[title="Sales Tools"]').isVisible()).toBe(false);
    await keepScreenshot(page, 'preview-notification');

    await bar.getByRole('button', { name: 'View contact' }).click();
    const frame = pane(page);
    await frame.getByRole('heading', { name: 'Ann Lee' }).waitFor();
    await frame.getByText(/currently enrolled in a sequence/).waitFor();
    await keepScreenshot(page, 'preview-notification-card');

    await to.fill('');
    await to.press('Enter');
    await bar.waitFor({ state: 'detached' });
  });

  test('an unenroll in the pane removes the notification; an enroll in the pane brings it back', async () => {
    const rep = await newRep(world);
    const ann = await rep.contact('Ann', 'Lee');
    const bo = await rep.contact('Bo', 'Chen');
    await rep.enroll(ann.id);

    await page.goto(previewUrl(world, rep.email, { to: `${ann.email},${bo.email}` }));
    const bar = page.getByRole('region', { name: 'Notifications' }).getByRole('status');
    const frame = pane(page);
    await row(frame, ann.email, 'Enrolled').getByRole('button', { name: 'View contact' }).click();
    await bar.waitFor();
    expect(await bar.innerText()).toMatch(/Ann Lee is enrolled in a sequence/);

    // No recipient change: only the pane can tell the notification.
    await frame.getByRole('button', { name: 'Unenroll from sequence' }).click();
    const dialog = frame.getByRole('alertdialog', { name: 'Unenroll Ann Lee?' });
    await dialog.getByRole('button', { name: 'Unenroll', exact: true }).click();
    await bar.waitFor({ state: 'detached' });

    await frame.getByRole('button', { name: 'Back to recipients' }).click();
    await row(frame, bo.email, 'Contact').getByRole('button', { name: 'Enroll in sequence' }).click();
    const enroll = frame.getByRole('dialog', { name: 'Enroll Bo Chen' });
    await enroll.getByRole('combobox', { name: 'Sequence' }).click();
    await frame.getByRole('option', { name: new RegExp(escape(rep.sequence.name)) }).click();
    await enroll.getByRole('button', { name: 'Enroll', exact: true }).click();
    await row(frame, bo.email, 'Enrolled').waitFor();
    await bar.waitFor();
    expect(await bar.innerText()).toMatch(/Bo Chen is enrolled in a sequence/);
  });

  test('Enroll in sequence → Sequence → Enroll, then the history; Add contact on a Not in CRM row', async () => {
    const rep = await newRep(world);
    const bo = await rep.contact('Bo', 'Chen');
    const stranger = `dana.reyes.${unique()}@northwind.example`;

    await page.goto(previewUrl(world, rep.email, { to: `${bo.email},Dana Reyes <${stranger}>` }));
    const frame = pane(page);
    await row(frame, stranger, 'Not in CRM').waitFor();
    expect(await paneAxeFindings(page)).toEqual([]);
    await row(frame, bo.email, 'Contact').getByRole('button', { name: 'Enroll in sequence' }).click();
    const dialog = frame.getByRole('dialog', { name: 'Enroll Bo Chen' });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Sequence' }).click();
    await frame.getByRole('option', { name: new RegExp(escape(rep.sequence.name)) }).click();
    await keepScreenshot(page, 'preview-enroll-dialog');
    await dialog.getByRole('button', { name: 'Enroll', exact: true }).click();
    await row(frame, bo.email, 'Enrolled')
      .waitFor()
      .catch(async (error: unknown) => {
        await keepScreenshot(page, 'preview-enroll-failed');
        throw error;
      });

    const enrollments = (await rep.api('GET', `/enrollments?contactId=${bo.id}`)).body.items;
    expect(enrollments).toHaveLength(1);
    expect(enrollments[0]).toMatchObject({ status: 'active', enrolledBy: { id: rep.me.id } });

    await row(frame, stranger, 'Not in CRM').getByRole('button', { name: 'Add contact' }).click();
    await row(frame, stranger, 'Contact').waitFor();
    const made = (await rep.api('GET', `/contacts?q=${encodeURIComponent(stranger)}`)).body.items;
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ email: stranger, firstName: 'Dana', lastName: 'Reyes' });
    expect(await paneAxeFindings(page)).toEqual([]);
  });

  test('an opted-out contact shows Opted out and offers no enroll', async () => {
    const rep = await newRep(world);
    const cara = await rep.contact('Cara', 'Diaz');
    await world.ctx.db.query('UPDATE contacts SET opted_out_at = now() WHERE id = $1', [cara.id]);
    await page.goto(previewUrl(world, rep.email, { to: cara.email }));
    const frame = pane(page);
    const item = row(frame, cara.email, 'Opted out');
    await item.waitFor();
    expect(await item.getByRole('button', { name: 'Enroll in sequence' }).count()).toBe(0);
    expect(await item.innerText()).toMatch(/Opted out of sequence emails on/);
  });

  test('the card’s history lists the email sent and, after an inbound reply, the unenrollment as a reply; read mode shows it', async () => {
    const rep = await newRep(world);
    const ann = await rep.contact('Ann', 'Lee');
    await rep.enroll(ann.id);

    await page.goto(previewUrl(world, rep.email, { to: ann.email }));
    let frame = pane(page);
    await row(frame, ann.email, 'Enrolled').getByRole('button', { name: 'View contact' }).click();
    await frame.getByText('Email sent (step 1): “Quick question”').waitFor();

    const reply = [
      `From: Ann Lee <${ann.email}>`,
      `To: ${rep.email}`,
      'Subject: Re: Quick question',
      `Message-ID: <${unique()}@fabrikam.example>`,
      '',
      'Sounds good, let us talk.',
      '',
    ].join('\r\n');
    const posted = await world.ctx.request('POST', '/api/v1/inbound/email', {
      token: rep.token,
      payload: Buffer.from(reply),
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(posted.status).toBeLessThan(300);

    // Read mode: the reply, from Ann; the pane shows her state.
    await page.goto(
      previewUrl(world, rep.email, {
        mode: 'read',
        sender: `Ann Lee <${ann.email}>`,
        to: rep.email,
        subject: 'Re: Quick question',
      }),
    );
    frame = pane(page);
    await row(frame, ann.email, 'Contact').waitFor();
    expect(await frame.getByRole('region', { name: 'From' }).getByRole('listitem').count()).toBe(1);
    await row(frame, ann.email, 'Contact').getByRole('button', { name: 'View contact' }).click();
    await frame
      .getByText(/Replied to “Quick question”/)
      .first()
      .waitFor();
    await keepScreenshot(page, 'preview-read-history');
    expect(await paneAxeFindings(page)).toEqual([]);
  });

  test('focus by keyboard: View contact → heading; Back → that row’s View contact; Escape in a dialog → its opener; Unenroll all → the result', async () => {
    const rep = await newRep(world);
    const ann = await rep.contact('Ann', 'Lee');
    const cara = await rep.contact('Cara', 'Diaz');
    const bo = await rep.contact('Bo', 'Chen');
    await rep.enroll(ann.id);
    await rep.enroll(cara.id);

    await page.goto(previewUrl(world, rep.email, { to: `${ann.email},${cara.email},${bo.email}` }));
    const frame = pane(page);
    const view = row(frame, cara.email, 'Enrolled').getByRole('button', { name: 'View contact' });
    await view.focus();
    await page.keyboard.press('Enter');
    const heading = frame.getByRole('heading', { name: 'Cara Diaz' });
    await heading.waitFor();
    expect(await eventually(() => isFocused(heading))).toBe(true);
    expect(await paneAxeFindings(page)).toEqual([]);

    await frame.getByRole('button', { name: 'Back to recipients' }).focus();
    await page.keyboard.press('Enter');
    expect(await eventually(() => isFocused(view))).toBe(true);

    const enroll = row(frame, bo.email, 'Contact').getByRole('button', { name: 'Enroll in sequence' });
    await enroll.focus();
    await page.keyboard.press('Enter');
    await frame.getByRole('dialog', { name: 'Enroll Bo Chen' }).waitFor();
    await page.keyboard.press('Escape');
    await frame.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await eventually(() => isFocused(enroll))).toBe(true);

    const all = frame.getByRole('button', { name: 'Unenroll all' });
    await all.focus();
    await page.keyboard.press('Enter');
    const confirm = frame.getByRole('alertdialog', { name: 'Unenroll 2 recipients?' });
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await eventually(() => isFocused(all))).toBe(true);
    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Unenroll', exact: true }).click();
    const result = frame.getByText('2 recipients were unenrolled from their sequences.');
    await result.waitFor();
    expect(
      await eventually(() =>
        result.evaluate((el) => el.closest('[tabindex="-1"]') === el.ownerDocument.activeElement),
      ),
    ).toBe(true);
  });
});

if (!canRun) test.skip('the end-to-end tests need Chromium', () => undefined);
