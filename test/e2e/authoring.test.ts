import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEV_TENANT_ID } from '../../src/server/auth/dev-tokens';
import { createTestContext, type TestContext } from '../helpers/context';
import { backends } from '../helpers/databases';
import { personEmail } from '../helpers/mail';
import { seriousAxeFindings } from './axe';
import { chromiumAvailable, collectPageErrors, keepScreenshot, launchChromium } from './browser';

/**
 * Issue 17 end to end: the console's sequence authoring against a real server, in headless
 * Chromium — the editor, enrolling from the console, the Settings tab's same-company rule (A5)
 * and the Automation tab's trigger (A10) — with an axe-core check of each new screen.
 */

jest.setTimeout(180_000);
const canRun = chromiumAvailable();
const describeInChromium = canRun ? describe : describe.skip;
const unique = () => randomUUID().slice(0, 8);
for (const kind of backends()) {
  describeInChromium(`sequence authoring in the console, headless Chromium [${kind}]`, () => {
    let ctx: TestContext;
    let baseUrl: string;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      ctx = await createTestContext(kind);
      baseUrl = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await ctx?.app.close();
      await ctx?.database.drop();
    });

    beforeEach(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      page.setDefaultTimeout(20_000);
      errors = collectPageErrors(page);
    });

    afterEach(async () => {
      await context.close();
      expect(errors).toEqual([]);
    });

    /** A rep of the dev workspace (the console's dev sign-in uses its tenant), with an API of their own. */
    async function newRep() {
      const email = `rep-${unique()}@contoso.example`;
      const token = await ctx.token({ email, name: 'Riley Rep', tenantId: DEV_TENANT_ID });
      const api = <T = any>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
        ctx.request<T>(method, `/api/v1${url}`, { token, body });
      await api('GET', '/me');
      const contact = async (firstName: string, extra: Record<string, unknown> = {}) => {
        const response = await api('POST', '/contacts', {
          email: `${firstName.toLowerCase()}.${unique()}@fabrikam-${unique()}.example`,
          firstName,
          lastName: 'Lee',
          properties: { lifecycleStage: 'lead' },
          ...extra,
        });
        if (response.status !== 201) throw new Error(JSON.stringify(response.body));
        return response.body as { id: string; email: string };
      };
      const sequence = async (body: Record<string, unknown> = {}) => {
        const response = await api('POST', '/sequences', {
          name: `Seq ${unique()}`,
          steps: [
            { type: 'email', delayMinutes: 0, subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}' },
            { type: 'email', delayMinutes: 2880, subject: 'Again', body: 'Following up' },
          ],
          ...body,
        });
        return response.body as { id: string; name: string };
      };
      const currentOf = async (contactId: string) =>
        (await api('GET', `/enrollments?contactId=${contactId}`)).body.items[0];
      return { email, api, contact, sequence, currentOf };
    }

    const open = (rep: { email: string }, path: string) =>
      page.goto(`${baseUrl}/app${path}${path.includes('?') ? '&' : '?'}as=${encodeURIComponent(rep.email)}`);

    test('New sequence: two steps through the editor, then enrolled from the contact record and Enroll contacts', async () => {
      const rep = await newRep();
      const bo = await rep.contact('Bo');
      const ann = await rep.contact('Ann');
      const name = `Welcome ${unique()}`;

      await open(rep, '/sequences');
      await page.getByRole('button', { name: 'New sequence' }).click();
      await page.getByRole('heading', { name: 'New sequence', level: 1 }).waitFor();
      await page.getByRole('textbox', { name: 'Sequence name' }).fill(name);
      await page.getByRole('textbox', { name: 'Subject of step 1' }).fill('Hello ');
      await page.getByRole('button', { name: 'Insert merge field in subject of step 1' }).click();
      await page.getByRole('menuitem', { name: /Contact first name/ }).click();
      await page
        .getByRole('textbox', { name: 'Body of step 1' })
        .fill('Hi {{firstName}}, a word about {{company|your team}}.');
      // The live preview: rendered by the server for the contact chosen.
      await page.getByRole('combobox', { name: 'Preview for contact' }).click();
      await page.keyboard.type('Ann');
      await page.getByRole('option', { name: /^Ann Lee/ }).click();
      const rendered = page.getByRole('region', { name: 'Rendered step' });
      await rendered.getByText('Hello Ann').waitFor();
      await page.getByRole('button', { name: 'Add email step' }).click();
      await page.getByRole('spinbutton', { name: 'Delay of step 2' }).fill('3');
      await page.getByRole('combobox', { name: 'Delay unit of step 2' }).selectOption('businessDays');
      await page.getByRole('textbox', { name: 'Subject of step 2' }).fill('Following up');
      await page.getByRole('textbox', { name: 'Body of step 2' }).fill('Still there, {{frstName}}?');
      await page.getByText('Unknown merge field {{frstName}}: choose one from Insert merge field').waitFor();
      await rendered.getByText('Re: Hello Ann').waitFor();
      expect(await seriousAxeFindings(page)).toEqual([]);
      await keepScreenshot(page, `authoring-editor-${kind}`);
      await page.getByRole('textbox', { name: 'Body of step 2' }).fill('Still there, {{firstName}}?');
      await page.getByRole('button', { name: 'Save sequence' }).click();
      await page.getByText(`Sequence “${name}” saved.`).waitFor();

      const saved = (await rep.api('GET', '/sequences')).body.items.find(
        (s: { name: string }) => s.name === name,
      );
      expect(saved.steps).toEqual([
        {
          type: 'email',
          delayMinutes: 0,
          subject: 'Hello {{firstName}}',
          body: 'Hi {{firstName}}, a word about {{company|your team}}.',
        },
        {
          type: 'email',
          delayMinutes: 0,
          delayBusinessDays: 3,
          subject: 'Following up',
          body: 'Still there, {{firstName}}?',
        },
      ]);
      expect(await seriousAxeFindings(page)).toEqual([]);
      await keepScreenshot(page, `authoring-summary-${kind}`);

      // Enroll contacts on the summary: search, tick Bo, one request.
      await page.getByRole('button', { name: 'Enroll contacts' }).click();
      const dialog = page.getByRole('dialog', { name: `Enroll contacts in ${name}` });
      await dialog.getByRole('searchbox').fill('Bo');
      await dialog.getByRole('checkbox', { name: `Select ${bo.email}` }).check();
      expect(await seriousAxeFindings(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Enroll 1 contact' }).click();
      await dialog.getByText('1 contact enrolled').waitFor();
      await dialog.getByRole('button', { name: 'Done' }).click();
      expect((await rep.currentOf(bo.id))?.sequenceId).toBe(saved.id);

      // Enroll in sequence on Ann's contact record.
      await open(rep, `/contacts/${ann.id}`);
      await page.getByRole('button', { name: 'Enroll in sequence' }).click();
      await page.getByRole('combobox', { name: 'Sequence' }).click();
      await page.getByRole('option', { name: new RegExp(name) }).click();
      expect(await seriousAxeFindings(page)).toEqual([]);
      await page.getByRole('button', { name: 'Enroll', exact: true }).click();
      // The record now shows the contact enrolled: Unenroll above the avatar replaces Enroll in sequence.
      await page.getByRole('button', { name: 'Unenroll', exact: true }).waitFor();
      const annEnrollment = await rep.currentOf(ann.id);
      expect(annEnrollment).toMatchObject({ sequenceId: saved.id, status: 'active' });
    });

    test('Settings: Unenroll contacts from the same company, then a colleague’s email unenrolls the contact as company_replied', async () => {
      const rep = await newRep();
      const domain = `fabrikam-${unique()}.example`;
      const company = (await rep.api('POST', '/companies', { name: 'Fabrikam', domains: [domain] })).body;
      const ann = await rep.contact('Ann', { email: `ann@${domain}`, companyId: company.id });
      const sequence = await rep.sequence();

      await open(rep, `/sequences/${sequence.id}`);
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('checkbox', { name: 'Unenroll contacts from the same company' }).check();
      await page.getByRole('textbox', { name: /Your email signature/ }).fill('Riley · Contoso');
      expect(await seriousAxeFindings(page)).toEqual([]);
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      await keepScreenshot(page, `authoring-settings-${kind}`);
      expect((await rep.api('GET', `/sequences/${sequence.id}`)).body.settings.unenrollSameCompany).toBe(
        true,
      );
      expect((await rep.api('GET', '/me')).body.signature).toBe('Riley · Contoso');

      const enrolled = await rep.api('POST', '/enrollments', { sequenceId: sequence.id, contactId: ann.id });
      expect(enrolled.status).toBe(201);
      await ctx.runDueSteps();
      const inbound = await ctx.request('POST', '/api/v1/inbound/email', {
        token: await ctx.token({ email: rep.email, name: 'Riley Rep', tenantId: DEV_TENANT_ID }),
        payload: Buffer.from(
          personEmail({
            from: `cfo@${domain}`,
            fromName: 'Cara',
            to: rep.email,
            subject: 'About Ann',
            body: 'Let us talk.',
          }),
        ),
        headers: { 'content-type': 'message/rfc822' },
      });
      expect(inbound.status).toBe(200);
      const after = (await rep.api('GET', `/enrollments/${enrolled.body.id}`)).body;
      expect(after.unenrollment?.reason).toBe('company_replied');
    });

    test('Automation: Lifecycle stage is Customer, then PATCH the contact and the enrollment ends as trigger', async () => {
      const rep = await newRep();
      const ann = await rep.contact('Ann');
      const sequence = await rep.sequence();

      await open(rep, `/sequences/${sequence.id}`);
      await page.getByRole('tab', { name: 'Automation' }).click();
      await page.getByText(/No unenrollment triggers yet/).waitFor();
      await page.getByRole('button', { name: 'Add trigger' }).click();
      await page.getByRole('combobox', { name: 'Property' }).click();
      await page.getByRole('option', { name: 'Lifecycle stage (lifecycleStage)' }).click();
      await page.getByRole('combobox', { name: 'Value' }).fill('Customer');
      expect(await seriousAxeFindings(page)).toEqual([]);
      await page
        .getByRole('form', { name: 'New trigger' })
        .getByRole('button', { name: 'Add trigger' })
        .click();
      const list = page.getByRole('list', { name: 'Unenrollment triggers' });
      await list.getByText('Unenroll when the contact’s Lifecycle stage is Customer').waitFor();
      expect(await seriousAxeFindings(page)).toEqual([]);
      await keepScreenshot(page, `authoring-automation-${kind}`);
      expect((await rep.api('GET', `/sequences/${sequence.id}`)).body.unenrollmentTriggers).toEqual([
        { type: 'contact_property', property: 'lifecycleStage', operator: 'eq', value: 'Customer' },
      ]);

      const enrolled = await rep.api('POST', '/enrollments', { sequenceId: sequence.id, contactId: ann.id });
      await ctx.runDueSteps();
      await rep.api('PATCH', `/contacts/${ann.id}`, { properties: { lifecycleStage: 'customer' } });
      const after = (await rep.api('GET', `/enrollments/${enrolled.body.id}`)).body;
      expect(after.unenrollment?.reason).toBe('trigger');
    });
  });
}
