import { describeEachDb } from '../../helpers/context';
import { createContact, createSequence, enroll } from '../../helpers/fixtures';

describeEachDb('contacts', (ctx) => {
  test('create, read, change, delete; properties merge key by key', async () => {
    const user = await ctx().newUser();
    const company = (
      await ctx().request('POST', '/api/v1/companies', {
        token: user.token,
        body: { name: 'Fabrikam', domains: ['Fabrikam.example'] },
      })
    ).body;
    expect(company.domains).toEqual(['fabrikam.example']);
    const created = await createContact(ctx(), user, {
      email: 'Ann.Lee@Fabrikam.example',
      companyId: company.id,
      aliases: ['ANN@fabrikam.example'],
      properties: { lifecycleStage: 'lead', city: 'Oslo' },
    });
    expect(created).toMatchObject({
      email: 'Ann.Lee@Fabrikam.example',
      company: { id: company.id, name: 'Fabrikam' },
      aliases: ['ann@fabrikam.example'],
      optedOutAt: null,
      bouncedAt: null,
    });
    expect(created.owner.email).toBe(user.email);

    const patched = await ctx().request('PATCH', `/api/v1/contacts/${created.id}`, {
      token: user.token,
      body: { lastName: 'Li', properties: { lifecycleStage: 'customer', city: null } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      firstName: 'Ann',
      lastName: 'Li',
      properties: { lifecycleStage: 'customer' },
    });
    expect(patched.body.properties).not.toHaveProperty('city');

    const detail = await ctx().request('GET', `/api/v1/contacts/${created.id}`, { token: user.token });
    expect(detail.body).toMatchObject({ id: created.id, enrollments: [] });

    expect(
      (await ctx().request('DELETE', `/api/v1/contacts/${created.id}`, { token: user.token })).status,
    ).toBe(204);
    expect((await ctx().request('GET', `/api/v1/contacts/${created.id}`, { token: user.token })).status).toBe(
      404,
    );
    expect(
      (await ctx().request('DELETE', `/api/v1/contacts/${created.id}`, { token: user.token })).status,
    ).toBe(404);
    // The address is free again for a new contact.
    expect((await createContact(ctx(), user, { email: 'ann.lee@fabrikam.example' })).id).not.toBe(created.id);
  });

  test('lookup: one answer per address, in request order, case-insensitive, by alias too, with the current enrollment', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const ann = await createContact(ctx(), user, {
      email: 'ann@fabrikam.example',
      aliases: ['a.lee@fabrikam.example'],
    });
    const bo = await createContact(ctx(), user, { email: 'bo@fabrikam.example' });
    const enrollment = await enroll(ctx(), user, sequence.id, ann.id);

    const emails = [
      'nobody@northwind.example',
      'BO@fabrikam.example',
      'A.Lee@Fabrikam.example',
      'ann@fabrikam.example',
      'bo@fabrikam.example',
    ];
    const response = await ctx().request('POST', '/api/v1/contacts/lookup', {
      token: user.token,
      body: { emails },
    });
    expect(response.status).toBe(200);
    const results = response.body.results;
    expect(results.map((r: { email: string }) => r.email)).toEqual(emails);
    expect(results.map((r: { contact: { id: string } | null }) => r.contact?.id ?? null)).toEqual([
      null,
      bo.id,
      ann.id,
      ann.id,
      bo.id,
    ]);
    expect(results.map((r: { enrollment: { id: string } | null }) => r.enrollment?.id ?? null)).toEqual([
      null,
      null,
      enrollment.id,
      enrollment.id,
      null,
    ]);
    expect(results[2].enrollment).toMatchObject({
      sequenceName: sequence.name,
      currentStep: 1,
      totalSteps: 2,
      status: 'active',
    });

    await ctx().request('POST', `/api/v1/enrollments/${enrollment.id}/unenroll`, { token: user.token });
    const after = await ctx().request('POST', '/api/v1/contacts/lookup', {
      token: user.token,
      body: { emails: ['ann@fabrikam.example'] },
    });
    expect(after.body.results[0]).toMatchObject({ contact: { id: ann.id }, enrollment: null });
  });

  test('lookup of 1000 addresses answers all of them', async () => {
    const user = await ctx().newUser();
    const known = await createContact(ctx(), user);
    const emails = Array.from({ length: 999 }, (_, i) => `p${i}@northwind.example`).concat(known.email);
    const response = await ctx().request('POST', '/api/v1/contacts/lookup', {
      token: user.token,
      body: { emails },
    });
    expect(response.body.results).toHaveLength(1000);
    expect(response.body.results[999].contact.id).toBe(known.id);
    expect(response.body.results.filter((r: { contact: unknown }) => r.contact).length).toBe(1);
  });

  test('enrolling an opted-out or bounced contact is refused with the reason', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const optedOut = await createContact(ctx(), user);
    const bounced = await createContact(ctx(), user);
    await ctx().db.query('UPDATE contacts SET opted_out_at = now() WHERE id = $1', [optedOut.id]);
    await ctx().db.query('UPDATE contacts SET bounced_at = now() WHERE id = $1', [bounced.id]);
    for (const [contact, code] of [
      [optedOut, 'contact_opted_out'],
      [bounced, 'address_bounced'],
    ] as const) {
      const response = await ctx().request('POST', '/api/v1/enrollments', {
        token: user.token,
        body: { sequenceId: sequence.id, contactId: contact.id },
      });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe(code);
    }
    const { rows } = await ctx().db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM enrollments WHERE sequence_id = $1',
      [sequence.id],
    );
    expect(rows[0].n).toBe(0);
  });
});
