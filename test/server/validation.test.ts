import { randomUUID } from 'node:crypto';
import type { TestContext, TestUser } from '../helpers/context';
import { describeEachDb } from '../helpers/context';
import { enrolledContact } from '../helpers/fixtures';

async function snapshot(ctx: TestContext) {
  const { rows } = await ctx.db.query<{
    contacts: number;
    sequences: number;
    enrollments: number;
    events: number;
  }>(
    `SELECT (SELECT count(*) FROM contacts)::int AS contacts, (SELECT count(*) FROM sequences)::int AS sequences,
            (SELECT count(*) FROM enrollments WHERE status = 'active')::int AS enrollments,
            (SELECT count(*) FROM enrollment_events)::int AS events`,
  );
  return rows[0];
}

describeEachDb('bad input: a precise 4xx, and nothing changes', (ctx) => {
  let user: TestUser;
  let enrollmentId: string;
  beforeAll(async () => {
    const setup = await enrolledContact(ctx());
    user = setup.user;
    enrollmentId = setup.enrollment.id;
  });

  const cases: Array<[string, () => Parameters<TestContext['request']>, number, string, RegExp?]> = [
    [
      'an invalid email',
      () => ['POST', '/api/v1/contacts', { token: user.token, body: { email: 'not-an-email' } }],
      400,
      'invalid_request',
      /email/,
    ],
    [
      'an unknown field',
      () => [
        'POST',
        '/api/v1/contacts',
        { token: user.token, body: { email: 'a@b.example', nickname: 'x' } },
      ],
      400,
      'invalid_request',
      /^Invalid body: body has an unknown property 'nickname'$/,
    ],
    [
      'malformed JSON',
      () => [
        'POST',
        '/api/v1/contacts',
        { token: user.token, payload: '{"email": ', headers: { 'content-type': 'application/json' } },
      ],
      400,
      'invalid_request',
      /JSON/,
    ],
    [
      'a non-JSON content type',
      () => [
        'POST',
        '/api/v1/contacts',
        { token: user.token, payload: 'email=a@b.example', headers: { 'content-type': 'text/plain' } },
      ],
      415,
      'unsupported_media_type',
      /send application\/json$/,
    ],
    [
      '1001 emails to look up',
      () => [
        'POST',
        '/api/v1/contacts/lookup',
        { token: user.token, body: { emails: Array.from({ length: 1001 }, (_, i) => `p${i}@x.example`) } },
      ],
      400,
      'invalid_request',
      /1000/,
    ],
    [
      'an unknown contact id',
      () => ['GET', `/api/v1/contacts/${randomUUID()}`, { token: user.token }],
      404,
      'not_found',
      /contact/,
    ],
    [
      'an unknown enrollment id',
      () => ['POST', `/api/v1/enrollments/${randomUUID()}/unenroll`, { token: user.token }],
      404,
      'not_found',
    ],
    [
      'a malformed id',
      () => ['GET', '/api/v1/enrollments/123', { token: user.token }],
      400,
      'invalid_request',
      /^Invalid params: params\.id must be a UUID$/,
    ],
    [
      'enrolling by contactId and email at once',
      () => [
        'POST',
        '/api/v1/enrollments',
        {
          token: user.token,
          body: { sequenceId: randomUUID(), contactId: randomUUID(), email: 'a@b.example' },
        },
      ],
      400,
      'invalid_request',
      /^Invalid body: either body has an unknown property 'email', or body has an unknown property 'contactId'$/,
    ],
    [
      'enrolling with a malformed contactId',
      () => [
        'POST',
        '/api/v1/enrollments',
        { token: user.token, body: { sequenceId: randomUUID(), contactId: 'c-42' } },
      ],
      400,
      'invalid_request',
      /^Invalid body: body\.contactId must be a UUID$/,
    ],
    [
      'a step type with a typo',
      () => [
        'POST',
        '/api/v1/sequences',
        {
          token: user.token,
          body: { name: 'x', steps: [{ type: 'emial', delayMinutes: 0, subject: 's', body: 'b' }] },
        },
      ],
      400,
      'invalid_request',
      /^Invalid body: body\.steps\[0\]\.type must be "email"$/,
    ],
    [
      'a company that is neither an id nor null',
      () => [
        'POST',
        '/api/v1/contacts',
        { token: user.token, body: { email: 'a@b.example', companyId: 'abc' } },
      ],
      400,
      'invalid_request',
      /^Invalid body: body\.companyId must be a UUID$/,
    ],
    [
      'a status that does not exist',
      () => ['GET', '/api/v1/enrollments?status=done', { token: user.token }],
      400,
      'invalid_request',
      /^Invalid querystring: querystring\.status must be one of: active, paused, unenrolled$/,
    ],
    [
      'a raw message sent as text/plain',
      () => [
        'POST',
        '/api/v1/inbound/email',
        {
          token: user.token,
          payload: 'From: a@b.example\r\n\r\nhi',
          headers: { 'content-type': 'text/plain' },
        },
      ],
      415,
      'unsupported_media_type',
      /send message\/rfc822$/,
    ],
    [
      'enrolling into an unknown sequence',
      () => [
        'POST',
        '/api/v1/enrollments',
        { token: user.token, body: { sequenceId: randomUUID(), email: 'ann@x.example' } },
      ],
      404,
      'not_found',
    ],
    [
      'a sequence without steps',
      () => ['POST', '/api/v1/sequences', { token: user.token, body: { name: 'Empty', steps: [] } }],
      400,
      'invalid_request',
    ],
    [
      'an oversized body',
      () => [
        'POST',
        '/api/v1/contacts',
        { token: user.token, body: { email: 'big@x.example', properties: { notes: 'x'.repeat(1_100_000) } } },
      ],
      413,
      'payload_too_large',
    ],
    ['an unknown route', () => ['GET', '/api/v1/nowhere', { token: user.token }], 404, 'not_found'],
    [
      'a contact with a company of nobody',
      () => [
        'POST',
        '/api/v1/contacts',
        { token: user.token, body: { email: 'c@x.example', companyId: randomUUID() } },
      ],
      400,
      'invalid_request',
      /companyId/,
    ],
    [
      'an unknown user (admin route)',
      () => ['PATCH', `/api/v1/users/${randomUUID()}`, { token: user.token, body: { seat: 'none' } }],
      403,
      'forbidden',
    ],
  ];

  // Every row gets all five arguments, or jest would pass its `done` callback as the fifth.
  const rows = cases.map(
    ([name, makeRequest, status, code, message]) =>
      [name, makeRequest, status, code, message ?? null] as const,
  );
  test.each(rows)('%s', async (_name, makeRequest, status, code, message) => {
    const before = await snapshot(ctx());
    const response = await ctx().request(...makeRequest());
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    if (message) expect(response.body.error.message).toMatch(message);
    expect(await snapshot(ctx())).toEqual(before);
    expect(
      (await ctx().request('GET', `/api/v1/enrollments/${enrollmentId}`, { token: user.token })).body.status,
    ).toBe('active');
  });

  test('a duplicate contact email is a 409 conflict, case-insensitively', async () => {
    await ctx().request('POST', '/api/v1/contacts', {
      token: user.token,
      body: { email: 'Dup@Fabrikam.example' },
    });
    const before = await snapshot(ctx());
    const response = await ctx().request('POST', '/api/v1/contacts', {
      token: user.token,
      body: { email: 'dup@fabrikam.EXAMPLE' },
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('conflict');
    expect(await snapshot(ctx())).toEqual(before);
  });

  test('a 500 never leaks internals', async () => {
    const response = await ctx().request('GET', '/api/v1/me', { token: user.token });
    expect(response.status).toBe(200);
    // Break the database under the app, then ask again.
    await ctx().db.query('ALTER TABLE sequences RENAME TO sequences_gone');
    try {
      const broken = await ctx().request('GET', '/api/v1/sequences', { token: user.token });
      expect(broken.status).toBe(500);
      expect(broken.body).toEqual({
        error: { code: 'internal_error', message: 'Something went wrong on our side; please try again' },
      });
    } finally {
      await ctx().db.query('ALTER TABLE sequences_gone RENAME TO sequences');
    }
  });
});
