import { describeEachDb } from '../helpers/context';
import { createContact, createSequence, enroll } from '../helpers/fixtures';

describeEachDb('sequences', (ctx) => {
  test('create, list, read with performance, change settings, delete', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user, { settings: { unenrollSameCompany: true } });
    expect(sequence).toMatchObject({
      settings: { unenrollSameCompany: true, outOfOffice: 'defer', sendWindow: null },
      unenrollmentTriggers: [],
      deletedAt: null,
      performance: {
        enrolled: 0,
        active: 0,
        paused: 0,
        unenrolled: 0,
        unenrolledByReason: {},
        emailsSent: 0,
        replies: 0,
        meetings: 0,
        bounces: 0,
      },
    });
    const contacts = [await createContact(ctx(), user), await createContact(ctx(), user)];
    for (const contact of contacts) await enroll(ctx(), user, sequence.id, contact.id);

    const read = await ctx().request('GET', `/api/v1/sequences/${sequence.id}`, { token: user.token });
    expect(read.body.performance).toMatchObject({ enrolled: 2, active: 2, emailsSent: 2 });

    const patched = await ctx().request('PATCH', `/api/v1/sequences/${sequence.id}`, {
      token: user.token,
      body: { settings: { outOfOffice: 'ignore' } },
    });
    expect(patched.body.settings).toEqual({
      unenrollSameCompany: true,
      outOfOffice: 'ignore',
      sendWindow: null,
    });

    const list = await ctx().request('GET', '/api/v1/sequences', { token: user.token });
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([sequence.id]);

    expect(
      (await ctx().request('DELETE', `/api/v1/sequences/${sequence.id}`, { token: user.token })).status,
    ).toBe(204);
    expect((await ctx().request('GET', '/api/v1/sequences', { token: user.token })).body.items).toEqual([]);
    const deleted = await ctx().request('GET', `/api/v1/sequences/${sequence.id}`, { token: user.token });
    expect(deleted.body.deletedAt).not.toBeNull();
    expect(deleted.body.performance).toMatchObject({
      enrolled: 2,
      active: 0,
      unenrolled: 2,
      unenrolledByReason: { sequence_deleted: 2 },
      emailsSent: 2,
    });
  });

  test('GET /scheduled lists the next step of each active enrollment, soonest first', async () => {
    const user = await ctx().newUser();
    const slow = await createSequence(ctx(), user, {
      steps: [
        { type: 'email', delayMinutes: 0, subject: 's', body: 'b' },
        { type: 'email', delayMinutes: 600, subject: 's', body: 'b' },
      ],
    });
    const fast = await createSequence(ctx(), user, {
      steps: [
        { type: 'email', delayMinutes: 0, subject: 's', body: 'b' },
        { type: 'email', delayMinutes: 60, subject: 's', body: 'b' },
      ],
    });
    const a = await enroll(ctx(), user, slow.id, (await createContact(ctx(), user)).id);
    const b = await enroll(ctx(), user, fast.id, (await createContact(ctx(), user)).id);
    const scheduled = await ctx().request('GET', '/api/v1/scheduled', { token: user.token });
    expect(scheduled.body.items.map((e: { id: string }) => e.id)).toEqual([b.id, a.id]);
    const onlySlow = await ctx().request('GET', `/api/v1/scheduled?sequenceId=${slow.id}`, {
      token: user.token,
    });
    expect(onlySlow.body.items.map((e: { id: string }) => e.id)).toEqual([a.id]);
  });

  test('a merge field that does not exist is refused with its step and name, and nothing is stored', async () => {
    const user = await ctx().newUser();
    const steps = [
      { type: 'email', delayMinutes: 0, subject: 'Hi {{firstName}}', body: 'About {{company|your team}}' },
      // A task's body is a note for the rep, never merged: not checked.
      { type: 'task', delayMinutes: 60, title: 'Call {{frstName}}', body: 'Ask about {{budget}}' },
    ];
    const refused = await ctx().request('POST', '/api/v1/sequences', {
      token: user.token,
      body: { name: 'Typo', steps },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_request');
    expect(refused.body.error.message).toBe(
      'steps[1].title: unknown merge field {{frstName}} (merge fields: firstName, lastName, fullName, email, ' +
        'company, senderName, senderFirstName, senderEmail, signature)',
    );
    const listed = await ctx().request('GET', '/api/v1/sequences', { token: user.token });
    expect(listed.body.items).toEqual([]);

    const sequence = await createSequence(ctx(), user);
    const patched = await ctx().request('PATCH', `/api/v1/sequences/${sequence.id}`, {
      token: user.token,
      body: { steps: [{ type: 'email', delayMinutes: 0, subject: '{{Company}}', body: '{{first_name}}' }] },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.message).toMatch(
      /^steps\[0\]\.subject: unknown merge field \{\{Company\}\}; steps\[0\]\.body: unknown merge field \{\{first_name\}\} \(merge fields: /,
    );
    const read = await ctx().request('GET', `/api/v1/sequences/${sequence.id}`, { token: user.token });
    expect(read.body.steps).toEqual(sequence.steps);
  });
});
