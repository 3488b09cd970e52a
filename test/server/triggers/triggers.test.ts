import { randomUUID } from 'node:crypto';
import { describeEachDb, type TestContext, type TestUser } from '../../helpers/context';
import { createContact, createSequence, enroll } from '../../helpers/fixtures';
import { accountState, getEnrollment, userId } from '../lifecycle/support';

const BECOMES_CUSTOMER = {
  type: 'contact_property',
  property: 'lifecycleStage',
  operator: 'eq',
  value: 'customer',
};
const BANKING = { type: 'company_property', property: 'industry', operator: 'eq', value: 'banking' };
const DEAL = { type: 'deal_created' };

async function company(ctx: TestContext, user: TestUser, properties: Record<string, unknown> = {}) {
  const response = await ctx.request('POST', '/api/v1/companies', {
    token: user.token,
    body: { name: `Co ${randomUUID().slice(0, 6)}`, properties },
  });
  return response.body as { id: string };
}

/** A contact enrolled in a sequence with these triggers. */
async function enrolledWith(
  ctx: TestContext,
  user: TestUser,
  triggers: unknown[],
  contactBody: Record<string, unknown> = {},
) {
  const sequence = await createSequence(ctx, user, { unenrollmentTriggers: triggers });
  const contact = await createContact(ctx, user, contactBody);
  const enrollment = await enroll(ctx, user, sequence.id, contact.id);
  return { sequence, contact, enrollment };
}

const patchContact = (ctx: TestContext, user: TestUser, id: string, body: unknown) =>
  ctx.request('PATCH', `/api/v1/contacts/${id}`, { token: user.token, body });
const status = async (ctx: TestContext, user: TestUser, id: string) =>
  (await getEnrollment(ctx, user, id)).status;

describeEachDb('unenrollment triggers (A10)', (ctx) => {
  test('a contact property changing into the condition fires: reason trigger, detail naming it, in the timeline', async () => {
    const user = await ctx().newUser();
    const { contact, enrollment } = await enrolledWith(ctx(), user, [BECOMES_CUSTOMER], {
      properties: { lifecycleStage: 'lead' },
    });

    const response = await patchContact(ctx(), user, contact.id, {
      properties: { lifecycleStage: 'customer' },
    });

    expect(response.status).toBe(200);
    expect(response.body.properties.lifecycleStage).toBe('customer');
    const after = await getEnrollment(ctx(), user, enrollment.id);
    expect(after.unenrollment).toMatchObject({
      reason: 'trigger',
      by: { type: 'system', id: null },
      detail: 'contact property lifecycleStage eq customer',
    });
    const event = after.events.at(-1);
    expect(event).toMatchObject({
      type: 'unenrolled',
      detail: 'contact property lifecycleStage eq customer',
      data: {
        reason: 'trigger',
        trigger: BECOMES_CUSTOMER,
        change: 'contact',
        recordId: contact.id,
        changedBy: await userId(ctx(), user),
      },
    });
    const detail = await ctx().request('GET', `/api/v1/contacts/${contact.id}`, { token: user.token });
    expect(detail.body.enrollments[0].events.map((e: { type: string }) => e.type)).toEqual([
      'enrolled',
      'email_sent',
      'unenrolled',
    ]);
  });

  test('a property changing to ANOTHER value that still does not match does not fire; the next change into it does', async () => {
    const user = await ctx().newUser();
    const { contact, enrollment } = await enrolledWith(ctx(), user, [BECOMES_CUSTOMER], {
      properties: { lifecycleStage: 'lead' },
    });
    await patchContact(ctx(), user, contact.id, { properties: { lifecycleStage: 'opportunity' } });
    expect(await status(ctx(), user, enrollment.id)).toBe('active');
    await patchContact(ctx(), user, contact.id, { properties: { lifecycleStage: 'customer' } });
    expect(await status(ctx(), user, enrollment.id)).toBe('unenrolled');
  });

  test('a condition already true before the change does not fire on an unrelated edit', async () => {
    const user = await ctx().newUser();
    const { contact, enrollment } = await enrolledWith(ctx(), user, [BECOMES_CUSTOMER], {
      properties: { lifecycleStage: 'customer' },
    });
    await patchContact(ctx(), user, contact.id, { firstName: 'Annie', properties: { phone: '+1 555 0100' } });
    await patchContact(ctx(), user, contact.id, { properties: { lifecycleStage: 'Customer' } });
    expect(await status(ctx(), user, enrollment.id)).toBe('active');
  });

  test('paused enrollments are evaluated too; sequences without the trigger are not', async () => {
    const user = await ctx().newUser();
    const paused = await enrolledWith(ctx(), user, [BECOMES_CUSTOMER]);
    await ctx().request('POST', `/api/v1/enrollments/${paused.enrollment.id}/pause`, { token: user.token });
    const untriggered = await enrolledWith(ctx(), user, []);

    await patchContact(ctx(), user, paused.contact.id, { properties: { lifecycleStage: 'customer' } });
    await patchContact(ctx(), user, untriggered.contact.id, { properties: { lifecycleStage: 'customer' } });

    expect((await getEnrollment(ctx(), user, paused.enrollment.id)).unenrollment.reason).toBe('trigger');
    expect(await status(ctx(), user, untriggered.enrollment.id)).toBe('active');
  });

  test('known / unknown / in operators through the API', async () => {
    const user = await ctx().newUser();
    const known = await enrolledWith(ctx(), user, [
      { type: 'contact_property', property: 'phone', operator: 'known' },
    ]);
    const unknown = await enrolledWith(
      ctx(),
      user,
      [{ type: 'contact_property', property: 'owner', operator: 'unknown' }],
      { properties: { owner: 'sam' } },
    );
    const inList = await enrolledWith(ctx(), user, [
      {
        type: 'contact_property',
        property: 'lifecycleStage',
        operator: 'in',
        value: ['customer', 'evangelist'],
      },
    ]);
    await patchContact(ctx(), user, known.contact.id, { properties: { phone: '+1 555 0100' } });
    await patchContact(ctx(), user, unknown.contact.id, { properties: { owner: null } });
    await patchContact(ctx(), user, inList.contact.id, { properties: { lifecycleStage: 'evangelist' } });
    expect((await getEnrollment(ctx(), user, known.enrollment.id)).unenrollment.detail).toBe(
      'contact property phone known',
    );
    expect((await getEnrollment(ctx(), user, unknown.enrollment.id)).unenrollment.detail).toBe(
      'contact property owner unknown',
    );
    expect((await getEnrollment(ctx(), user, inList.enrollment.id)).unenrollment.detail).toBe(
      'contact property lifecycleStage in [customer, evangelist]',
    );
  });

  test('a company change fires for the current enrollments of its contacts, and only those', async () => {
    const user = await ctx().newUser();
    const bank = await company(ctx(), user, { industry: 'retail' });
    const elsewhere = await company(ctx(), user, { industry: 'retail' });
    const ann = await enrolledWith(ctx(), user, [BANKING], { companyId: bank.id });
    const bob = await enrolledWith(ctx(), user, [BECOMES_CUSTOMER, BANKING], { companyId: bank.id });
    const noTrigger = await enrolledWith(ctx(), user, [BECOMES_CUSTOMER], { companyId: bank.id });
    const otherCompany = await enrolledWith(ctx(), user, [BANKING], { companyId: elsewhere.id });

    const insurance = await ctx().request('PATCH', `/api/v1/companies/${bank.id}`, {
      token: user.token,
      body: { properties: { industry: 'insurance' } },
    });
    expect(insurance.status).toBe(200);
    expect(await status(ctx(), user, ann.enrollment.id)).toBe('active');

    const banking = await ctx().request('PATCH', `/api/v1/companies/${bank.id}`, {
      token: user.token,
      body: { properties: { industry: 'banking' } },
    });
    expect(banking.status).toBe(200);
    expect(banking.body.properties.industry).toBe('banking');
    for (const { enrollment } of [ann, bob]) {
      expect((await getEnrollment(ctx(), user, enrollment.id)).unenrollment).toMatchObject({
        reason: 'trigger',
        detail: 'company property industry eq banking',
      });
    }
    expect(await status(ctx(), user, noTrigger.enrollment.id)).toBe('active');
    expect(await status(ctx(), user, otherCompany.enrollment.id)).toBe('active');
  });

  test('a contact moving to a company that matches fires the company trigger', async () => {
    const user = await ctx().newUser();
    const bank = await company(ctx(), user, { industry: 'banking' });
    const { contact, enrollment } = await enrolledWith(ctx(), user, [BANKING]);
    await patchContact(ctx(), user, contact.id, { companyId: bank.id });
    expect((await getEnrollment(ctx(), user, enrollment.id)).unenrollment.detail).toBe(
      'company property industry eq banking',
    );
  });

  test('a deal created for the contact fires deal_created, naming the deal', async () => {
    const user = await ctx().newUser();
    const ann = await enrolledWith(ctx(), user, [BECOMES_CUSTOMER, DEAL]);
    const bob = await enrolledWith(ctx(), user, [BECOMES_CUSTOMER]);
    const carl = await enrolledWith(ctx(), user, [DEAL]);

    const response = await ctx().request('POST', '/api/v1/deals', {
      token: user.token,
      body: { name: 'Fabrikam renewal', contactIds: [ann.contact.id, bob.contact.id] },
    });

    expect(response.status).toBe(201);
    expect((await getEnrollment(ctx(), user, ann.enrollment.id)).unenrollment).toMatchObject({
      reason: 'trigger',
      detail: 'deal created: Fabrikam renewal',
    });
    expect(await status(ctx(), user, bob.enrollment.id)).toBe('active');
    expect(await status(ctx(), user, carl.enrollment.id)).toBe('active');
  });

  test('same transaction: a change that is refused unenrolls nothing and stores nothing', async () => {
    const user = await ctx().newUser();
    const taken = await createContact(ctx(), user);
    const { contact, enrollment } = await enrolledWith(ctx(), user, [BECOMES_CUSTOMER, DEAL], {
      properties: { lifecycleStage: 'lead' },
    });
    const state = await accountState(ctx(), user);

    // The email is taken: 409, and the lifecycle stage in the same PATCH is not kept either.
    const duplicate = await patchContact(ctx(), user, contact.id, {
      email: taken.email,
      properties: { lifecycleStage: 'customer' },
    });
    expect(duplicate.status).toBe(409);
    const deal = await ctx().request('POST', '/api/v1/deals', {
      token: user.token,
      body: { name: 'Nope', contactIds: [contact.id, randomUUID()] },
    });
    expect(deal.status).toBe(400);

    expect(await accountState(ctx(), user)).toEqual(state);
    const current = await ctx().request('GET', `/api/v1/contacts/${contact.id}`, { token: user.token });
    expect(current.body.properties.lifecycleStage).toBe('lead');
    expect(await status(ctx(), user, enrollment.id)).toBe('active');
    const { rows } = await ctx().db.query("SELECT count(*)::int AS n FROM deals WHERE name = 'Nope'");
    expect(rows[0].n).toBe(0);
  });

  test('triggers are edited with the sequence, checked precisely, and take effect', async () => {
    const user = await ctx().newUser();
    const { sequence, contact, enrollment } = await enrolledWith(ctx(), user, []);

    for (const trigger of [
      { type: 'contact_property', property: 'lifecycleStage', operator: 'eq' },
      { type: 'contact_property', property: 'lifecycleStage', operator: 'in', value: [] },
      { type: 'contact_property', property: 'lifecycleStage', operator: 'known', value: 'x' },
      { type: 'contact_property', property: 'lifecycleStage', operator: 'like', value: 'x' },
      { type: 'meeting_booked' },
    ]) {
      const refused = await ctx().request('PATCH', `/api/v1/sequences/${sequence.id}`, {
        token: user.token,
        body: { unenrollmentTriggers: [DEAL, trigger] },
      });
      expect([trigger, refused.status, refused.body.error.code]).toEqual([trigger, 400, 'invalid_request']);
    }
    const created = await ctx().request('POST', '/api/v1/sequences', {
      token: user.token,
      body: {
        name: 'Bad',
        steps: [{ type: 'task', delayMinutes: 0, title: 'Call' }],
        unenrollmentTriggers: [{ type: 'contact_property', property: 'x', operator: 'in', value: 'a' }],
      },
    });
    expect(created.status).toBe(400);
    expect(created.body.error.message).toContain('unenrollmentTriggers[0]');

    const edited = await ctx().request('PATCH', `/api/v1/sequences/${sequence.id}`, {
      token: user.token,
      body: { unenrollmentTriggers: [BECOMES_CUSTOMER] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.unenrollmentTriggers).toEqual([BECOMES_CUSTOMER]);
    await patchContact(ctx(), user, contact.id, { properties: { lifecycleStage: 'customer' } });
    expect(await status(ctx(), user, enrollment.id)).toBe('unenrolled');
  });

  test('isolation: another account cannot change the company, and its own changes never touch this account', async () => {
    const user = await ctx().newUser();
    const stranger = await ctx().newUser();
    const bank = await company(ctx(), user, { industry: 'retail' });
    await enrolledWith(ctx(), user, [BANKING, DEAL, BECOMES_CUSTOMER], { companyId: bank.id });
    const state = await accountState(ctx(), user);

    const foreignPatch = await ctx().request('PATCH', `/api/v1/companies/${bank.id}`, {
      token: stranger.token,
      body: { properties: { industry: 'banking' } },
    });
    expect(foreignPatch.status).toBe(404);
    const theirs = await enrolledWith(ctx(), stranger, [BANKING, DEAL, BECOMES_CUSTOMER]);
    await patchContact(ctx(), stranger, theirs.contact.id, { properties: { lifecycleStage: 'customer' } });
    await ctx().request('POST', '/api/v1/deals', {
      token: stranger.token,
      body: { name: 'Theirs', contactIds: [theirs.contact.id] },
    });
    expect(await status(ctx(), stranger, theirs.enrollment.id)).toBe('unenrolled');
    expect(await accountState(ctx(), user)).toEqual(state);
  });
});
