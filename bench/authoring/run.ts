/**
 * Issue 17's two figures, on the production build in headless Chromium against a real server
 * (PGlite, in process), each beside its in-run baseline:
 *  1. Save → shown saved: from clicking **Save settings** on the Settings tab to "Settings saved."
 *     (median of 10), and from **Save sequence** in the editor to the summary saying the sequence
 *     was saved (median of 5); baseline: the PATCH /sequences/:id call alone over HTTP.
 *  2. The preview's time to render a step: POST /sequences/render-step over HTTP, median of 20;
 *     baseline: GET /me over HTTP, median of 20 — and in the page, from **Preview step 2** to the
 *     rendered step 2 shown (this includes the editor's 300 ms pause for typing), median of 20.
 * Run: npm run bench:authoring
 */
import { randomUUID } from 'node:crypto';
import { DEV_TENANT_ID } from '../../src/server/auth/dev-tokens';
import { chromiumAvailable, launchChromium } from '../../test/e2e/browser';
import { createTestContext } from '../../test/helpers/context';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require('../../src/addin/build/ensure-built.js') as {
  ensureBuilt(options?: { quiet?: boolean }): boolean;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (values: number[]) =>
  `median ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)}, n=${values.length})`;

async function main(): Promise<void> {
  if (!chromiumAvailable()) return;
  ensureBuilt({ quiet: false });
  const ctx = await createTestContext('pglite', { config: { LOG_LEVEL: 'silent' } });
  const baseUrl = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  try {
    const email = `bench-${randomUUID().slice(0, 8)}@contoso.example`;
    const token = await ctx.token({ email, name: 'Riley Rep', tenantId: DEV_TENANT_ID });
    const http = async (method: string, url: string, body?: unknown) => {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/api/v1${url}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await response.json();
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
      return { json, elapsed: performance.now() - started };
    };
    const contact = (
      await http('POST', '/contacts', {
        email: `ann.${randomUUID().slice(0, 6)}@fabrikam.example`,
        firstName: 'Ann',
        lastName: 'Lee',
      })
    ).json;
    const steps = [
      {
        type: 'email',
        delayMinutes: 0,
        subject: 'Hello {{firstName}}',
        body: 'Hi {{firstName}} at {{company|your team}}',
      },
      { type: 'email', delayMinutes: 2880, subject: 'Again', body: 'Following up, {{firstName}}' },
    ];
    const sequence = (await http('POST', '/sequences', { name: 'Bench', steps })).json;

    // Warm both paths once, then alternate them so load on the machine hits both alike.
    await http('GET', '/me');
    await http('POST', '/sequences/render-step', { contactId: contact.id, steps, stepIndex: 1 });
    const me: number[] = [];
    const render: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      me.push((await http('GET', '/me')).elapsed);
      render.push(
        (await http('POST', '/sequences/render-step', { contactId: contact.id, steps, stepIndex: 1 }))
          .elapsed,
      );
    }
    const patch: number[] = [];
    for (let i = 0; i < 10; i += 1)
      patch.push(
        (await http('PATCH', `/sequences/${sequence.id}`, { settings: { unenrollSameCompany: i % 2 === 0 } }))
          .elapsed,
      );

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(30_000);

    // The preview in the page: Preview step 1 / step 2 in turns, to the rendered subject shown.
    await page.goto(`${baseUrl}/app/sequences/${sequence.id}/edit?as=${encodeURIComponent(email)}`);
    await page.getByRole('combobox', { name: 'Preview for contact' }).waitFor();
    const region = page.getByRole('region', { name: 'Rendered step' });
    await region.getByText('Hello Ann').waitFor();
    const inPage: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const [button, text] =
        i % 2 === 0 ? ['Preview step 2', 'Re: Hello Ann'] : ['Preview step 1', 'Hello Ann'];
      const started = performance.now();
      await page.getByRole('button', { name: button }).click();
      await region.getByText(text, { exact: true }).waitFor();
      inPage.push(performance.now() - started);
    }

    // Save → shown saved on the Settings tab.
    await page.goto(`${baseUrl}/app/sequences/${sequence.id}?as=${encodeURIComponent(email)}`);
    await page.getByRole('tab', { name: 'Settings' }).click();
    const settings: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      await page.getByRole('checkbox', { name: 'Unenroll contacts from the same company' }).click();
      const started = performance.now();
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      settings.push(performance.now() - started);
    }

    // Save → shown saved from the editor (a new sequence each time, to the summary's confirmation).
    const editor: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await page.goto(`${baseUrl}/app/sequences/new?as=${encodeURIComponent(email)}`);
      const name = `Bench ${i} ${randomUUID().slice(0, 6)}`;
      await page.getByRole('textbox', { name: 'Sequence name' }).fill(name);
      await page.getByRole('textbox', { name: 'Subject of step 1' }).fill('Hello {{firstName}}');
      await page.getByRole('textbox', { name: 'Body of step 1' }).fill('Hi');
      const started = performance.now();
      await page.getByRole('button', { name: 'Save sequence' }).click();
      await page.getByText(`Sequence “${name}” saved.`).waitFor();
      editor.push(performance.now() - started);
    }

    console.log('Sequence authoring (issue 17), PGlite, headless Chromium, production build');
    console.log(`  preview: POST /sequences/render-step over HTTP  ${ms(render)}`);
    console.log(`           baseline GET /me over HTTP             ${ms(me)}`);
    console.log(
      `           in the page, Preview step N → shown    ${ms(inPage)} (includes the 300 ms typing pause)`,
    );
    console.log(`  save:    Save settings → "Settings saved."      ${ms(settings)}`);
    console.log(`           Save sequence → summary "saved"        ${ms(editor)}`);
    console.log(`           baseline PATCH /sequences/:id alone    ${ms(patch)}`);
  } finally {
    await browser.close();
    await ctx.app.close();
    await ctx.database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
