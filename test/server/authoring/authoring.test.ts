import { randomUUID } from 'node:crypto';
import { describeEachDb } from '../../helpers/context';
import { createContact, createSequence, enroll } from '../../helpers/fixtures';

const steps = [
  {
    type: 'email',
    delayMinutes: 0,
    subject: 'Hello {{firstName}}',
    body: 'Hi {{firstName}} at {{company|your team}},',
  },
  { type: 'task', delayMinutes: 60, title: 'Call {{fullName}}' },
  {
    type: 'email',
    delayMinutes: 60,
    subject: 'ignored in a thread',
    body: 'Still there, {{firstName}}? {{frstName}}',
  },
];

describeEachDb('sequence authoring', (ctx) => {
  describe('POST /sequences/render-step', () => {
    test('renders an email as the engine sends it: fields, fallback, signature, unsubscribe line', async () => {
      const user = await ctx().newUser({ name: 'Riley Rep' });
      await ctx().request('PATCH', '/api/v1/me', {
        token: user.token,
        body: { signature: 'Riley · Contoso' },
      });
      const contact = await createContact(ctx(), user, { firstName: 'Ann', lastName: 'Lee' });
      const response = await ctx().request('POST', '/api/v1/sequences/render-step', {
        token: user.token,
        body: { contactId: contact.id, steps, stepIndex: 0 },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        type: 'email',
        from: { name: 'Riley Rep', email: user.email },
        to: { name: 'Ann Lee', email: contact.email },
        subject: 'Hello Ann',
        title: null,
        unknownMergeFields: [],
      });
      expect(response.body.text).toMatch(
        /^Hi Ann at your team,\n\n-- \nRiley · Contoso\n\nUnsubscribe: http/,
      );
    });

    test('a follow-up replies in the first email’s thread; unknown fields are listed; a task renders its title', async () => {
      const user = await ctx().newUser();
      const contact = await createContact(ctx(), user, { firstName: 'Bo', lastName: 'Chen' });
      const followUp = await ctx().request('POST', '/api/v1/sequences/render-step', {
        token: user.token,
        body: { contactId: contact.id, steps, stepIndex: 2 },
      });
      expect(followUp.body.subject).toBe('Re: Hello Bo');
      expect(followUp.body.text).toMatch(/^Still there, Bo\? \n/);
      expect(followUp.body.unknownMergeFields).toEqual(['{{frstName}}']);

      const task = await ctx().request('POST', '/api/v1/sequences/render-step', {
        token: user.token,
        body: { contactId: contact.id, steps, stepIndex: 1 },
      });
      expect(task.body).toMatchObject({ type: 'task', title: 'Call Bo Chen', subject: null, text: null });
    });

    test('an empty step previews; a missing step, contact or bad body is a 4xx naming it', async () => {
      const user = await ctx().newUser();
      const contact = await createContact(ctx(), user);
      const empty = await ctx().request('POST', '/api/v1/sequences/render-step', {
        token: user.token,
        body: { contactId: contact.id, steps: [{ type: 'email' }], stepIndex: 0 },
      });
      expect(empty.status).toBe(200);
      expect(empty.body.subject).toBe('');

      const outOfRange = await ctx().request('POST', '/api/v1/sequences/render-step', {
        token: user.token,
        body: { contactId: contact.id, steps, stepIndex: 7 },
      });
      expect(outOfRange.status).toBe(400);
      expect(outOfRange.body.error.message).toMatch(/stepIndex 7 names no step: there are 3/);

      const stranger = await ctx().newUser();
      const foreign = await ctx().request('POST', '/api/v1/sequences/render-step', {
        token: stranger.token,
        body: { contactId: contact.id, steps, stepIndex: 0 },
      });
      expect(foreign.status).toBe(404);

      const bad = await ctx().request('POST', '/api/v1/sequences/render-step', {
        token: user.token,
        body: { contactId: contact.id, steps: [{ type: 'sms' }], stepIndex: 0 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/type/);
    });
  });

  test('GET /properties lists the account’s property keys and most common values', async () => {
    const user = await ctx().newUser();
    for (const [stage, tags] of [
      ['Customer', ['a']],
      ['customer ', ['a', 'b']],
      ['Lead', []],
    ] as const)
      await createContact(ctx(), user, { properties: { lifecycleStage: stage, tags } });
    await createContact(ctx(), user, { properties: { region: 'EMEA', nested: { x: 1 } } });
    await ctx().request('POST', '/api/v1/companies', {
      token: user.token,
      body: { name: 'Fabrikam', domains: ['fabrikam.example'], properties: { industry: 'Retail' } },
    });
    const other = await ctx().newUser();
    await createContact(ctx(), other, { properties: { secret: 'x' } });

    const response = await ctx().request('GET', '/api/v1/properties', { token: user.token });
    expect(response.status).toBe(200);
    const contact = Object.fromEntries(response.body.contact.map((p: { key: string }) => [p.key, p]));
    expect(Object.keys(contact).sort()).toEqual(['lifecycleStage', 'nested', 'region', 'tags']);
    expect(contact.lifecycleStage).toEqual({
      key: 'lifecycleStage',
      count: 3,
      values: [
        { value: expect.stringMatching(/^customer$/i), count: 2 },
        { value: 'Lead', count: 1 },
      ],
    });
    expect(contact.tags.values).toEqual([
      { value: 'a', count: 2 },
      { value: 'b', count: 1 },
    ]);
    expect(contact.nested.values).toEqual([]);
    expect(response.body.company).toEqual([
      { key: 'industry', count: 1, values: [{ value: 'Retail', count: 1 }] },
    ]);
  });

  test('POST /enrollments/batch enrolls many in one request and lists E2’s refusals per contact', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const other = await createSequence(ctx(), user);
    const fresh = [await createContact(ctx(), user), await createContact(ctx(), user)];
    const optedOut = await createContact(ctx(), user);
    const bounced = await createContact(ctx(), user);
    const enrolled = await createContact(ctx(), user);
    await ctx().db.query('UPDATE contacts SET opted_out_at = now() WHERE id = $1', [optedOut.id]);
    await ctx().db.query('UPDATE contacts SET bounced_at = now() WHERE id = $1', [bounced.id]);
    const current = await enroll(ctx(), user, other.id, enrolled.id);
    const missing = randomUUID();

    const response = await ctx().request('POST', '/api/v1/enrollments/batch', {
      token: user.token,
      body: {
        sequenceId: sequence.id,
        contactIds: [optedOut.id, fresh[0].id, enrolled.id, missing, bounced.id, fresh[1].id, fresh[0].id],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.enrolled.map((e: { contactId: string }) => e.contactId)).toEqual([
      fresh[0].id,
      fresh[1].id,
    ]);
    expect(response.body.enrolled[0]).toMatchObject({ sequenceId: sequence.id, status: 'active' });
    expect(
      response.body.refused.map((r: { contactId: string; code: string }) => [r.contactId, r.code]),
    ).toEqual([
      [optedOut.id, 'contact_opted_out'],
      [enrolled.id, 'contact_enrolled'],
      [missing, 'not_found'],
      [bounced.id, 'address_bounced'],
    ]);
    const already = response.body.refused[1];
    expect(already.enrollment.id).toBe(current.id);
    expect(already.message).toBe(`${enrolled.email} is currently enrolled in the sequence "${other.name}"`);

    await ctx().runDueSteps();
    const list = await ctx().request('GET', `/api/v1/enrollments?sequenceId=${sequence.id}`, {
      token: user.token,
    });
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.every((e: { currentStep: number }) => e.currentStep === 1)).toBe(true);

    const unknownSequence = await ctx().request('POST', '/api/v1/enrollments/batch', {
      token: user.token,
      body: { sequenceId: randomUUID(), contactIds: [fresh[0].id] },
    });
    expect(unknownSequence.status).toBe(404);
    const tooMany = await ctx().request('POST', '/api/v1/enrollments/batch', {
      token: user.token,
      body: { sequenceId: sequence.id, contactIds: Array.from({ length: 501 }, () => randomUUID()) },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/contactIds/);
  });

  test('settings: GET /me has the signature; a send window naming a day twice is refused naming the field', async () => {
    const user = await ctx().newUser();
    await ctx().request('PATCH', '/api/v1/me', { token: user.token, body: { signature: 'Best, R.' } });
    expect((await ctx().request('GET', '/api/v1/me', { token: user.token })).body.signature).toBe('Best, R.');
    const sequence = await createSequence(ctx(), user);
    const response = await ctx().request('PATCH', `/api/v1/sequences/${sequence.id}`, {
      token: user.token,
      body: { settings: { sendWindow: { days: [1, 1], start: '09:00', end: '17:00' } } },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/days/);
  });
});
