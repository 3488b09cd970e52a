import { randomUUID } from 'node:crypto';
import type { TestContext, TestUser } from '../../helpers/context';
import { describeEachDb } from '../../helpers/context';
import { toErrorBody } from '../../../src/server/http/error-handler';
import { createContact, enrolledContact } from '../../helpers/fixtures';

/**
 * Issue 14, findings 3 (NUL), 4 (out-of-range dates), 5 (nesting depth) and 10 (loose
 * validation): the exact inputs of the issue, each a 400 naming the field, never a 500, and
 * nothing written.
 */
const NUL = '\u0000';
const cursorAt = (at: string) =>
  Buffer.from(JSON.stringify([at, '00000000-0000-4000-8000-000000000000'])).toString('base64url');
/** `{"a":{"a":…"x"…}}` as text: JSON.stringify would itself overflow the stack on 100,000 levels. */
const nestedJson = (levels: number) => `${'{"a":'.repeat(levels)}"x"${'}'.repeat(levels)}`;

async function rowCounts(ctx: TestContext) {
  const { rows } = await ctx.db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM contacts)::int AS contacts, (SELECT count(*) FROM companies)::int AS companies,
            (SELECT count(*) FROM sequences)::int AS sequences, (SELECT count(*) FROM meetings)::int AS meetings,
            (SELECT count(*) FROM enrollment_events)::int AS events`,
  );
  return rows[0];
}

describeEachDb('hostile input: a 400 naming the field', (ctx) => {
  let user: TestUser;
  let contactId: string;
  let enrollmentId: string;
  beforeAll(async () => {
    const setup = await enrolledContact(ctx());
    user = setup.user;
    contactId = setup.contact.id;
    enrollmentId = setup.enrollment.id;
  });
  const post = (url: string, body: unknown) => ctx().request('POST', url, { token: user.token, body });

  const expect400 = async (
    response: Promise<{ status: number; body: any }>,
    message: RegExp,
  ): Promise<void> => {
    const before = await rowCounts(ctx());
    const { status, body } = await response;
    expect({ status, code: body.error?.code }).toEqual({ status: 400, code: 'invalid_request' });
    expect(body.error.message).toMatch(message);
    expect(await rowCounts(ctx())).toEqual(before);
  };

  describe('finding 3: a NUL character (U+0000) in any of the 14 fields', () => {
    const nul = 'must not contain the NUL character \\(U\\+0000\\)';
    const cases: Array<[string, () => Promise<{ status: number; body: any }>, string]> = [
      [
        'contact firstName',
        () => post('/api/v1/contacts', { email: 'n1@x.example', firstName: `A${NUL}` }),
        'body.firstName',
      ],
      [
        'contact lastName',
        () => post('/api/v1/contacts', { email: 'n2@x.example', lastName: `B${NUL}` }),
        'body.lastName',
      ],
      [
        'a properties key',
        () => post('/api/v1/contacts', { email: 'n3@x.example', properties: { [`k${NUL}`]: 'v' } }),
        'body.properties has a property name with the NUL character',
      ],
      [
        'a properties value (nested)',
        () => post('/api/v1/contacts', { email: 'n4@x.example', properties: { stage: { note: `v${NUL}` } } }),
        'body.properties.stage.note',
      ],
      [
        'a lookup email',
        () => post('/api/v1/contacts/lookup', { emails: ['ok@x.example', `x${NUL}@y.z`] }),
        'body.emails\\[1\\]',
      ],
      ['q', () => ctx().request('GET', '/api/v1/contacts?q=%00', { token: user.token }), 'querystring.q'],
      [
        'a sequence name',
        () =>
          post('/api/v1/sequences', {
            name: `S${NUL}`,
            steps: [{ type: 'task', delayMinutes: 0, title: 't' }],
          }),
        'body.name',
      ],
      ['a company name', () => post('/api/v1/companies', { name: `C${NUL}` }), 'body.name'],
      [
        'a step subject',
        () =>
          post('/api/v1/sequences', {
            name: 'S',
            steps: [{ type: 'email', delayMinutes: 0, subject: `Hi${NUL}`, body: 'b' }],
          }),
        'body.steps\\[0\\].subject',
      ],
      [
        'the signature',
        () => ctx().request('PATCH', '/api/v1/me', { token: user.token, body: { signature: `-- ${NUL}` } }),
        'body.signature',
      ],
      [
        'a meeting externalId',
        () =>
          post('/api/v1/inbound/meetings', {
            externalId: `m${NUL}`,
            source: 'logged',
            attendeeEmails: [],
            startsAt: '2026-01-06T10:00:00Z',
          }),
        'body.externalId',
      ],
      [
        'an unenroll detail',
        () => post(`/api/v1/enrollments/${enrollmentId}/unenroll`, { detail: `d${NUL}` }),
        'body.detail',
      ],
      [
        'a contact PATCH',
        () =>
          ctx().request('PATCH', `/api/v1/contacts/${contactId}`, {
            token: user.token,
            body: { firstName: NUL },
          }),
        'body.firstName',
      ],
      [
        'a bulk unenroll detail',
        () => post('/api/v1/enrollments/unenroll', { ids: [enrollmentId], detail: NUL }),
        'body.detail',
      ],
    ];
    test.each(cases)('%s', async (_name, request, field) => {
      await expect400(request(), new RegExp(`${field}.*${field.includes('property name') ? '' : nul}`));
    });

    test('the enrollment was not touched by the refused unenrolls', async () => {
      const response = await ctx().request('GET', `/api/v1/enrollments/${enrollmentId}`, {
        token: user.token,
      });
      expect(response.body.status).toBe('active');
    });
  });

  describe('finding 4: dates PostgreSQL cannot take', () => {
    test.each(['/api/v1/contacts', '/api/v1/enrollments', '/api/v1/tasks', '/api/v1/outbox'])(
      'a page cursor holding year −200000 on %s',
      async (path) => {
        const cursor = cursorAt('-200000-01-01T00:00:00.000Z');
        await expect400(
          ctx().request('GET', `${path}?cursor=${cursor}`, { token: user.token }),
          /cursor is not one this API returned/,
        );
      },
    );

    test('a cursor in year 0000 is refused too; one in range pages as before', async () => {
      await expect400(
        ctx().request('GET', `/api/v1/contacts?cursor=${cursorAt('0000-01-01T00:00:00.000Z')}`, {
          token: user.token,
        }),
        /cursor/,
      );
      const page = await ctx().request(
        'GET',
        `/api/v1/contacts?cursor=${cursorAt('9999-01-01T00:00:00.000Z')}`,
        {
          token: user.token,
        },
      );
      expect(page.status).toBe(200);
    });

    const meeting = (extra: Record<string, unknown>) =>
      post('/api/v1/inbound/meetings', {
        externalId: `m-${randomUUID()}`,
        source: 'logged',
        attendeeEmails: [],
        startsAt: '2026-01-06T10:00:00Z',
        ...extra,
      });
    test.each([
      ['startsAt', '0000-01-01T00:00:00Z'],
      ['startsAt', '0000-01-01'],
      ['startsAt', '0099-12-31T23:59:59Z'],
      ['loggedAt', '0000-01-01T00:00:00Z'],
    ])('a meeting %s of %s', async (field, value) => {
      await expect400(
        meeting({ [field]: value }),
        new RegExp(`body\\.${field} must be a date-time \\(RFC 3339\\) from 0100-01-01`),
      );
    });

    test('the bounds themselves are accepted', async () => {
      expect((await meeting({ startsAt: '0100-01-01T00:00:00Z' })).status).toBe(201);
      expect((await meeting({ startsAt: '9999-12-31T23:59:59Z' })).status).toBe(201);
    });
  });

  describe('finding 5: nesting depth', () => {
    const withProperties = (json: string) =>
      ctx().request('POST', '/api/v1/contacts', {
        token: user.token,
        payload: `{"email":"deep-${randomUUID().slice(0, 6)}@x.example","properties":${json}}`,
        headers: { 'content-type': 'application/json' },
      });

    test('properties nested 100,000 levels', async () => {
      await expect400(
        withProperties(nestedJson(100_000)),
        /body\.properties is nested deeper than 32 levels/,
      );
    });

    test('32 levels in all are accepted, 33 refused', async () => {
      // The body is level 1; properties, the outermost of the nested objects, level 2.
      expect((await withProperties(nestedJson(31))).status).toBe(201);
      await expect400(withProperties(nestedJson(32)), /body\.properties is nested deeper than 32/);
    });

    test('deep arrays are refused the same way', async () => {
      await expect400(withProperties(`{"list":${'['.repeat(50_000)}${']'.repeat(50_000)}}`), /nested deeper/);
    });
  });

  describe('finding 10: loose validation', () => {
    test.each([
      [
        '"5" for a string is no longer taken',
        { email: 'c1@x.example', firstName: 5 },
        /body\.firstName must be string/,
      ],
      [
        'null is not an empty string',
        { email: 'c2@x.example', firstName: null },
        /body\.firstName must be string/,
      ],
      ['true is not "true"', { email: 'c3@x.example', lastName: true }, /body\.lastName must be string/],
    ])('no type coercion in bodies: %s', async (_name, body, message) => {
      await expect400(post('/api/v1/contacts', body), message);
    });

    test('no coercion of numbers either: delayMinutes "5" and null', async () => {
      for (const delayMinutes of ['5', null]) {
        await expect400(
          post('/api/v1/sequences', { name: 'S', steps: [{ type: 'task', delayMinutes, title: 't' }] }),
          /delayMinutes/,
        );
      }
    });

    test('the querystring keeps its coercion (?limit=1 is a number)', async () => {
      const response = await ctx().request('GET', '/api/v1/contacts?limit=1', { token: user.token });
      expect(response.status).toBe(200);
      expect(response.body.items).toHaveLength(1);
    });

    test('a properties name longer than 100 characters is refused; 100 is accepted', async () => {
      await expect400(
        post('/api/v1/contacts', { email: 'k1@x.example', properties: { ['k'.repeat(101)]: 'v' } }),
        /^Invalid body: body\.properties has a property name longer than 100 characters: 'k{40}…'$/,
      );
      expect(
        (await post('/api/v1/contacts', { email: 'k2@x.example', properties: { ['k'.repeat(100)]: 'v' } }))
          .status,
      ).toBe(201);
      await expect400(
        post('/api/v1/companies', { name: 'Long keys', properties: { ['k'.repeat(101)]: 1 } }),
        /body\.properties has a property name longer than 100/,
      );
    });

    test('% and _ in q match literally', async () => {
      const tag = randomUUID().slice(0, 6);
      const names = [`${tag}_one`, `${tag}xone`, `${tag}%two`, `${tag}abtwo`, `${tag}\\three`];
      for (const firstName of names) await createContact(ctx(), user, { firstName });
      const search = async (q: string) => {
        const response = await ctx().request('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`, {
          token: user.token,
        });
        expect(response.status).toBe(200);
        return (response.body.items as Array<{ firstName: string }>).map((item) => item.firstName).sort();
      };
      expect(await search(`${tag}_`)).toEqual([`${tag}_one`]);
      expect(await search(`${tag}%`)).toEqual([`${tag}%two`]);
      expect(await search(`${tag}\\`)).toEqual([`${tag}\\three`]);
      expect(await search(`${tag}`)).toHaveLength(5);
    });
  });
});

describeEachDb('the database error net under validation', (ctx) => {
  test.each([
    ['a NUL in text (22021)', 'SELECT $1::text AS x', [`a${NUL}b`]],
    ['a NUL in jsonb (22P05)', 'SELECT $1::jsonb AS x', [JSON.stringify({ a: NUL })]],
    [
      'a date out of range (22008/22009)',
      'SELECT $1::timestamptz AS x',
      [new Date('-200000-01-01T00:00:00Z')],
    ],
  ])('%s that slipped through is a 400, not a 500', async (_name, sql, values) => {
    const error = await ctx()
      .db.query(sql, values)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeDefined();
    const { status, body } = toErrorBody(error);
    expect(status).toBe(400);
    expect(body).toEqual({
      error: { code: 'invalid_request', message: 'A value in the request has the wrong format' },
    });
  });
});
