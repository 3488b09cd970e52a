import { describeEachDb } from '../helpers/context';
import { enrolledContact } from '../helpers/fixtures';

describeEachDb('accounts are isolated', (ctx) => {
  test("one account sees none of another's data: 404s, empty lookups, and nothing changed", async () => {
    const theirs = await enrolledContact(ctx());
    const mine = await ctx().newUser();
    const asMe = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
      ctx().request(method, url, { token: mine.token, body });

    for (const [method, url, body] of [
      ['GET', `/api/v1/contacts/${theirs.contact.id}`],
      ['PATCH', `/api/v1/contacts/${theirs.contact.id}`, { firstName: 'Mallory' }],
      ['DELETE', `/api/v1/contacts/${theirs.contact.id}`],
      ['POST', `/api/v1/contacts/${theirs.contact.id}/unenroll`],
      ['GET', `/api/v1/sequences/${theirs.sequence.id}`],
      ['PATCH', `/api/v1/sequences/${theirs.sequence.id}`, { name: 'Mine now' }],
      ['DELETE', `/api/v1/sequences/${theirs.sequence.id}`],
      ['GET', `/api/v1/enrollments/${theirs.enrollment.id}`],
      ['POST', `/api/v1/enrollments/${theirs.enrollment.id}/unenroll`],
      ['POST', `/api/v1/enrollments/${theirs.enrollment.id}/pause`],
    ] as const) {
      const response = await asMe(method, url, body);
      expect([method, url, response.status, response.body.error?.code]).toEqual([
        method,
        url,
        404,
        'not_found',
      ]);
    }

    const enrollInTheirs = await asMe('POST', '/api/v1/enrollments', {
      sequenceId: theirs.sequence.id,
      email: theirs.contact.email,
    });
    expect(enrollInTheirs.status).toBe(404);
    const lookup = await asMe('POST', '/api/v1/contacts/lookup', { emails: [theirs.contact.email] });
    expect(lookup.body.results).toEqual([{ email: theirs.contact.email, contact: null, enrollment: null }]);
    const bulk = await asMe('POST', '/api/v1/enrollments/unenroll', { ids: [theirs.enrollment.id] });
    expect(bulk.body).toEqual({ unenrolled: 0, alreadyUnenrolled: 0, notFound: 1 });
    const bulkBySequence = await asMe('POST', '/api/v1/enrollments/unenroll', {
      sequenceId: theirs.sequence.id,
      all: true,
    });
    expect(bulkBySequence.status).toBe(404);
    expect((await asMe('GET', '/api/v1/enrollments')).body.items).toEqual([]);
    expect((await asMe('GET', '/api/v1/outbox')).body.items).toEqual([]);
    expect((await asMe('GET', '/api/v1/sequences')).body.items).toEqual([]);

    const still = await ctx().request('GET', `/api/v1/enrollments/${theirs.enrollment.id}`, {
      token: theirs.user.token,
    });
    expect(still.body.status).toBe('active');
    const contact = await ctx().request('GET', `/api/v1/contacts/${theirs.contact.id}`, {
      token: theirs.user.token,
    });
    expect(contact.body.firstName).toBe('Ann');
  });

  test('the same email may be a contact in two accounts, each seeing only its own', async () => {
    const a = await ctx().newUser();
    const b = await ctx().newUser();
    const email = 'shared@fabrikam.example';
    const ca = await ctx().request('POST', '/api/v1/contacts', {
      token: a.token,
      body: { email, firstName: 'A' },
    });
    const cb = await ctx().request('POST', '/api/v1/contacts', {
      token: b.token,
      body: { email, firstName: 'B' },
    });
    expect([ca.status, cb.status]).toEqual([201, 201]);
    const lookup = await ctx().request('POST', '/api/v1/contacts/lookup', {
      token: b.token,
      body: { emails: [email] },
    });
    expect(lookup.body.results[0].contact.firstName).toBe('B');
  });
});
