import { DEV_TENANT_ID } from '../../../src/server/auth/dev-tokens';
import { DEMO_RECIPIENTS, DEMO_USER, seedDemoWorkspace } from '../../../src/server/dev/seed';
import { describeEachDb } from '../../helpers/context';

describeEachDb('the demo workspace', (ctx) => {
  test('is seeded into an empty database once, with one enrolled contact the demo user can see', async () => {
    expect(await seedDemoWorkspace(ctx().deps)).toBe(true);
    expect(await seedDemoWorkspace(ctx().deps)).toBe(false);
    const token = await ctx().token({ email: DEMO_USER.email, tenantId: DEV_TENANT_ID });
    const lookup = await ctx().request('POST', '/api/v1/contacts/lookup', {
      token,
      body: { emails: [DEMO_RECIPIENTS.enrolled, DEMO_RECIPIENTS.known, DEMO_RECIPIENTS.unknown] },
    });
    const [enrolled, known, unknown] = lookup.body.results;
    expect(enrolled.enrollment).toMatchObject({
      status: 'active',
      sequenceName: 'Q4 outreach',
      enrolledBy: { name: DEMO_USER.name },
    });
    expect(known.contact).not.toBeNull();
    expect(known.enrollment).toBeNull();
    expect(unknown.contact).toBeNull();
    // The first email leaves through the worker, which the enrollment woke.
    expect((await ctx().request('GET', '/api/v1/outbox', { token })).body.items).toHaveLength(0);
    await ctx().runDueSteps();
    const outbox = await ctx().request('GET', '/api/v1/outbox', { token });
    expect(outbox.body.items).toHaveLength(1);
  });
});
