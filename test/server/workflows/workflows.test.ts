import { randomUUID } from 'node:crypto';
import { describeEachDb, type TestContext, type TestUser } from '../../helpers/context';
import { createContact, createSequence, enroll, enrolledContact } from '../../helpers/fixtures';
import { devOid } from '../../../src/server/auth/dev-tokens';
import { accountState, colleague, getEnrollment, setTier, userId } from '../lifecycle/support';

function unenrollByWorkflow(ctx: TestContext, token: string, body: Record<string, unknown>) {
  return ctx.request('POST', '/api/v1/workflows/unenroll', { token, body });
}

/** A rep with an enrolled contact, and an admin of the same account on the given tier. */
async function setup(ctx: TestContext, tier: 'professional' | 'enterprise' = 'enterprise') {
  const { user: rep, sequence, contact, enrollment } = await enrolledContact(ctx);
  const admin = await colleague(ctx, rep, { admin: true });
  await setTier(ctx, admin, tier);
  return { rep, admin, sequence, contact, enrollment };
}

const appToken = (ctx: TestContext, user: TestUser, options: { roles?: string[]; clientId?: string } = {}) =>
  ctx.issuer.issueApp({
    tenantId: user.tenantId,
    clientId: options.clientId ?? 'workflow-engine',
    ...options,
  });

describeEachDb('workflow unenrollment (A9)', (ctx) => {
  test('an admin on the Enterprise tier unenrolls by contact id: reason workflow, by the workflow caller', async () => {
    const { rep, admin, contact, enrollment } = await setup(ctx());
    const response = await unenrollByWorkflow(ctx(), admin.token, {
      contactId: contact.id,
      detail: 'Workflow "Became customer"',
    });
    expect(response.status).toBe(200);
    expect(response.body.unenrolled).toBe(1);
    expect(response.body.enrollment).toMatchObject({
      id: enrollment.id,
      status: 'unenrolled',
      unenrollment: {
        reason: 'workflow',
        by: { type: 'workflow', id: await userId(ctx(), admin) },
        detail: 'Workflow "Became customer"',
      },
    });
    const timeline = await getEnrollment(ctx(), rep, enrollment.id);
    expect(timeline.events.map((e: { type: string }) => e.type)).toEqual([
      'enrolled',
      'email_sent',
      'unenrolled',
    ]);
    expect(timeline.events[2]).toMatchObject({ by: { type: 'workflow' }, data: { reason: 'workflow' } });
  });

  test('by email, primary address or alias, in any case', async () => {
    const { rep, admin } = await setup(ctx());
    const sequence = await createSequence(ctx(), rep);
    const contact = await createContact(ctx(), rep, { aliases: ['ann@home.example'] });
    const enrollment = await enroll(ctx(), rep, sequence.id, contact.id);
    const response = await unenrollByWorkflow(ctx(), admin.token, { email: 'ANN@home.example' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ unenrolled: 1, enrollment: { id: enrollment.id } });
  });

  test('on a Professional account: 403 tier_required and nothing changes', async () => {
    const { admin, contact, rep } = await setup(ctx(), 'professional');
    const state = await accountState(ctx(), rep);
    const response = await unenrollByWorkflow(ctx(), admin.token, { contactId: contact.id });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('tier_required');
    expect(await accountState(ctx(), rep)).toEqual(state);

    const app = await unenrollByWorkflow(ctx(), await appToken(ctx(), rep), { contactId: contact.id });
    expect(app.status).toBe(403);
    expect(app.body.error.code).toBe('tier_required');
    expect(await accountState(ctx(), rep)).toEqual(state);
  });

  test('a user who is not an admin: 403 forbidden, even on Enterprise', async () => {
    const { rep, contact } = await setup(ctx());
    const state = await accountState(ctx(), rep);
    const response = await unenrollByWorkflow(ctx(), rep.token, { contactId: contact.id });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
    expect(await accountState(ctx(), rep)).toEqual(state);
  });

  test('an admin token without the write scope: 403', async () => {
    const { admin, contact } = await setup(ctx());
    const readOnly = await ctx().token({
      email: admin.email,
      tenantId: admin.tenantId,
      admin: true,
      scopes: ['Sequences.Read'],
    });
    const response = await unenrollByWorkflow(ctx(), readOnly, { contactId: contact.id });
    expect(response.status).toBe(403);
  });

  test('sequenceId: only that sequence’s enrollment; enrolled elsewhere or not at all is 200 with unenrolled 0', async () => {
    const { rep, admin, sequence, contact, enrollment } = await setup(ctx());
    const otherSequence = await createSequence(ctx(), rep);

    const elsewhere = await unenrollByWorkflow(ctx(), admin.token, {
      contactId: contact.id,
      sequenceId: otherSequence.id,
    });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body).toEqual({ unenrolled: 0, enrollment: null });
    expect((await getEnrollment(ctx(), rep, enrollment.id)).status).toBe('active');

    const there = await unenrollByWorkflow(ctx(), admin.token, {
      contactId: contact.id,
      sequenceId: sequence.id,
    });
    expect(there.body).toMatchObject({
      unenrolled: 1,
      enrollment: { id: enrollment.id, status: 'unenrolled' },
    });

    const notEnrolled = await unenrollByWorkflow(ctx(), admin.token, { contactId: contact.id });
    expect(notEnrolled.status).toBe(200);
    expect(notEnrolled.body).toEqual({ unenrolled: 0, enrollment: null });
  });

  test('unknown contact, unknown sequence, another account’s contact: 404', async () => {
    const { admin, contact } = await setup(ctx());
    const foreign = await enrolledContact(ctx());
    const foreignState = await accountState(ctx(), foreign.user);
    for (const body of [
      { contactId: randomUUID() },
      { email: 'nobody@nowhere.example' },
      { contactId: contact.id, sequenceId: randomUUID() },
      { contactId: foreign.contact.id },
      { email: foreign.contact.email },
      { contactId: contact.id, sequenceId: foreign.sequence.id },
    ]) {
      const response = await unenrollByWorkflow(ctx(), admin.token, body);
      expect([JSON.stringify(body), response.status, response.body.error?.code]).toEqual([
        JSON.stringify(body),
        404,
        'not_found',
      ]);
    }
    expect(await accountState(ctx(), foreign.user)).toEqual(foreignState);
  });

  test('bad bodies: 400', async () => {
    const { admin, contact } = await setup(ctx());
    for (const body of [
      {},
      { contactId: 'nope' },
      { contactId: contact.id, email: 'a@b.example' },
      { email: 'x' },
    ]) {
      const response = await unenrollByWorkflow(ctx(), admin.token, body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
    }
  });

  describe('workflow clients (app-only tokens)', () => {
    test('with Sequences.Workflow: unenrolls, by its service principal, and creates no user', async () => {
      const { rep, admin, contact, enrollment } = await setup(ctx());
      const usersBefore = await ctx().request('GET', '/api/v1/users', { token: admin.token });
      const response = await unenrollByWorkflow(ctx(), await appToken(ctx(), rep, { clientId: 'flow-app' }), {
        contactId: contact.id,
      });
      expect(response.status).toBe(200);
      expect(response.body.enrollment.unenrollment).toMatchObject({
        reason: 'workflow',
        by: { type: 'workflow', id: devOid('app:flow-app') },
        detail: 'Unenrolled by workflow client flow-app',
      });
      const usersAfter = await ctx().request('GET', '/api/v1/users', { token: admin.token });
      expect(usersAfter.body.items).toEqual(usersBefore.body.items);
      const { rows } = await ctx().db.query('SELECT count(*)::int AS n FROM users WHERE oid = $1::text', [
        devOid('app:flow-app'),
      ]);
      expect(rows[0].n).toBe(0);
      expect((await getEnrollment(ctx(), rep, enrollment.id)).status).toBe('unenrolled');
    });

    test('without the Sequences.Workflow role: 403', async () => {
      const { rep, contact } = await setup(ctx());
      const state = await accountState(ctx(), rep);
      for (const roles of [[], ['Sequences.Admin']]) {
        const response = await unenrollByWorkflow(ctx(), await appToken(ctx(), rep, { roles }), {
          contactId: contact.id,
        });
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe('forbidden');
      }
      expect(await accountState(ctx(), rep)).toEqual(state);
    });

    test('every other route refuses an app-only token', async () => {
      const { rep, contact, enrollment } = await setup(ctx());
      const token = await appToken(ctx(), rep);
      for (const [method, url] of [
        ['GET', '/api/v1/me'],
        ['GET', `/api/v1/contacts/${contact.id}`],
        ['POST', `/api/v1/enrollments/${enrollment.id}/unenroll`],
        ['POST', '/api/v1/inbound/meetings'],
      ] as const) {
        const response = await ctx().request(method, url, { token, body: {} });
        expect([url, response.status, response.body.error.code]).toEqual([url, 403, 'forbidden']);
      }
      expect((await getEnrollment(ctx(), rep, enrollment.id)).status).toBe('active');
    });

    test('an organisation with no account yet: 403, and no account is created', async () => {
      const tenantId = randomUUID();
      const token = await ctx().issuer.issueApp({ tenantId, clientId: 'early-bird' });
      const response = await unenrollByWorkflow(ctx(), token, { contactId: randomUUID() });
      expect(response.status).toBe(403);
      const { rows } = await ctx().db.query(
        'SELECT count(*)::int AS n FROM accounts WHERE tenant_id = $1::text',
        [tenantId],
      );
      expect(rows[0].n).toBe(0);
    });

    test('isolation: a client of another organisation cannot reach this account’s contacts', async () => {
      const { rep, contact } = await setup(ctx());
      const other = await setup(ctx());
      const state = await accountState(ctx(), rep);
      const response = await unenrollByWorkflow(ctx(), await appToken(ctx(), other.rep), {
        contactId: contact.id,
      });
      expect(response.status).toBe(404);
      expect(await accountState(ctx(), rep)).toEqual(state);
    });
  });
});
