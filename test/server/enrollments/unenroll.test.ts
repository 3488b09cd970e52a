import { describeEachDb } from '../../helpers/context';
import { createContact, createSequence, enroll, enrolledContact } from '../../helpers/fixtures';

describeEachDb('manual unenrollment (E3, E4, E5)', (ctx) => {
  test('is a state change plus an event, by the user; history, emails and performance stay as they were', async () => {
    const { user, sequence, contact, enrollment } = await enrolledContact(ctx());
    const me = (await ctx().request('GET', '/api/v1/me', { token: user.token })).body;
    const before = await ctx().request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: user.token });
    const outboxBefore = await ctx().request('GET', '/api/v1/outbox', { token: user.token });
    const performanceBefore = (
      await ctx().request('GET', `/api/v1/sequences/${sequence.id}`, { token: user.token })
    ).body.performance;

    ctx().clock.advance(5 * 60_000);
    const response = await ctx().request('POST', `/api/v1/enrollments/${enrollment.id}/unenroll`, {
      token: user.token,
      body: { detail: 'Asked to stop' },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: enrollment.id,
      status: 'unenrolled',
      currentStep: 1,
      nextStepAt: null,
      unenrollment: {
        reason: 'manual',
        at: ctx().clock.now().toISOString(),
        by: { type: 'user', id: me.id },
        detail: 'Asked to stop',
      },
    });
    const after = await ctx().request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: user.token });
    expect(after.body.events.slice(0, -1)).toEqual(before.body.events);
    expect(after.body.events.at(-1)).toMatchObject({
      type: 'unenrolled',
      by: { type: 'user', id: me.id },
      detail: 'Asked to stop',
      data: { reason: 'manual' },
    });
    expect(after.body.enrolledAt).toBe(before.body.enrolledAt);
    expect((await ctx().request('GET', '/api/v1/outbox', { token: user.token })).body).toEqual(
      outboxBefore.body,
    );
    const performance = (
      await ctx().request('GET', `/api/v1/sequences/${sequence.id}`, { token: user.token })
    ).body.performance;
    expect(performance).toEqual({
      ...performanceBefore,
      active: 0,
      unenrolled: 1,
      unenrolledByReason: { manual: 1 },
    });
    expect(performance.emailsSent).toBe(1);
    const contactView = await ctx().request('GET', `/api/v1/contacts/${contact.id}`, { token: user.token });
    expect(contactView.body.enrollments[0].events.map((e: { type: string }) => e.type)).toEqual([
      'enrolled',
      'email_sent',
      'unenrolled',
    ]);
  });

  test('is idempotent: a second unenroll answers 200 with the first reason, time and user unchanged', async () => {
    const { user, enrollment } = await enrolledContact(ctx());
    const colleague = await ctx().newUser({ tenantId: user.tenantId });
    const first = await ctx().request('POST', `/api/v1/enrollments/${enrollment.id}/unenroll`, {
      token: user.token,
    });
    ctx().clock.advance(60_000);
    const second = await ctx().request('POST', `/api/v1/enrollments/${enrollment.id}/unenroll`, {
      token: colleague.token,
      body: { detail: 'again' },
    });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const events = (await ctx().request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: user.token }))
      .body.events;
    expect(events.filter((e: { type: string }) => e.type === 'unenrolled')).toHaveLength(1);
  });

  test('the audit trail is append-only in the database itself', async () => {
    const { enrollment } = await enrolledContact(ctx());
    await expect(
      ctx().db.query(`UPDATE enrollment_events SET detail = 'rewritten' WHERE enrollment_id = $1`, [
        enrollment.id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      ctx().db.query(`DELETE FROM enrollment_events WHERE enrollment_id = $1`, [enrollment.id]),
    ).rejects.toThrow(/append-only/);
  });

  test('the database refuses a second current enrollment even when code forgets to check (E2)', async () => {
    const { user, sequence, contact } = await enrolledContact(ctx());
    const { rows } = await ctx().db.query<{ account_id: string }>(
      'SELECT account_id FROM contacts WHERE id = $1',
      [contact.id],
    );
    await expect(
      ctx().db.query(
        `INSERT INTO enrollments (account_id, sequence_id, contact_id, email, status, enrolled_at) VALUES ($1, $2, $3, 'x', 'paused', now())`,
        [rows[0].account_id, sequence.id, contact.id],
      ),
    ).rejects.toThrow(/enrollments_one_current/);
    expect(user).toBeDefined();
  });

  test('POST /contacts/:id/unenroll ends the current enrollment; the contact can then be enrolled again', async () => {
    const { user, sequence, contact, enrollment } = await enrolledContact(ctx());
    const response = await ctx().request('POST', `/api/v1/contacts/${contact.id}/unenroll`, {
      token: user.token,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: enrollment.id,
      status: 'unenrolled',
      unenrollment: { reason: 'manual' },
    });
    const again = await enroll(ctx(), user, sequence.id, contact.id);
    expect(again.id).not.toBe(enrollment.id);
    const neverEnrolled = await createContact(ctx(), user);
    const none = await ctx().request('POST', `/api/v1/contacts/${neverEnrolled.id}/unenroll`, {
      token: user.token,
    });
    expect(none.status).toBe(404);
  });

  test('pause and resume: the remaining delay is served from the resume', async () => {
    const { user, enrollment } = await enrolledContact(ctx());
    const dueIn = new Date(enrollment.nextStepAt).getTime() - ctx().clock.now().getTime();
    ctx().clock.advance(60 * 60_000);
    const paused = await ctx().request('POST', `/api/v1/enrollments/${enrollment.id}/pause`, {
      token: user.token,
    });
    expect(paused.body).toMatchObject({ status: 'paused', nextStepAt: null });
    ctx().clock.advance(3 * 24 * 60 * 60_000);
    const resumed = await ctx().request('POST', `/api/v1/enrollments/${enrollment.id}/resume`, {
      token: user.token,
    });
    expect(resumed.body.status).toBe('active');
    expect(new Date(resumed.body.nextStepAt).getTime() - ctx().clock.now().getTime()).toBe(
      dueIn - 60 * 60_000,
    );
    const unenrolled = await ctx().request('POST', `/api/v1/enrollments/${enrollment.id}/unenroll`, {
      token: user.token,
    });
    expect(unenrolled.body.status).toBe('unenrolled');
    const refused = await ctx().request('POST', `/api/v1/enrollments/${enrollment.id}/resume`, {
      token: user.token,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
  });

  test('the list pages with a cursor and filters by sequence, contact and status', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const other = await createSequence(ctx(), user);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ctx().clock.advance(1000);
      const contact = await createContact(ctx(), user);
      ids.push((await enroll(ctx(), user, i < 4 ? sequence.id : other.id, contact.id)).id);
    }
    await ctx().request('POST', `/api/v1/enrollments/${ids[1]}/unenroll`, { token: user.token });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `sequenceId=${sequence.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await ctx().request('GET', `/api/v1/enrollments?${query}`, { token: user.token });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids[3], ids[2], ids[1], ids[0]]);

    const unenrolled = await ctx().request('GET', `/api/v1/enrollments?status=unenrolled`, {
      token: user.token,
    });
    expect(unenrolled.body.items.map((item: { id: string }) => item.id)).toEqual([ids[1]]);
    const bad = await ctx().request('GET', `/api/v1/enrollments?cursor=nonsense`, { token: user.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
  });
});
