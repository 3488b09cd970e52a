import type { TestContext, TestUser } from '../../helpers/context';
import { describeEachDb } from '../../helpers/context';
import { createContact, createSequence, enroll } from '../../helpers/fixtures';

/**
 * Issue 10, item 7: what the console's tables read — sequences with their figures, enrollments
 * and scheduled steps with their contacts' names, contacts with their current enrollment —
 * each a page per call in a bounded number of statements (C6), on both databases.
 */

/** Counts the SQL statements the app runs while `run` does (not the rate limiter's background flush). */
async function statementsDuring(ctx: TestContext, run: () => Promise<unknown>): Promise<number> {
  const db = ctx.db as { query: (...args: unknown[]) => Promise<unknown> };
  const original = db.query;
  let count = 0;
  db.query = (...args: unknown[]) => {
    if (!String(args[0]).includes('rate_limit_hits')) count += 1;
    return original.apply(ctx.db, args);
  };
  try {
    await run();
  } finally {
    db.query = original;
  }
  return count;
}

const api = (ctx: TestContext, user: TestUser, url: string) =>
  ctx.request('GET', `/api/v1${url}`, { token: user.token });

describeEachDb('the console’s API (issue 10)', (ctx) => {
  test('GET /sequences/overview: a page of sequences with their figures, searchable, paged, one statement for any page size', async () => {
    const user = await ctx().newUser({ name: 'Olive Owner' });
    const busy = await createSequence(ctx(), user, { name: 'Q4 outreach 100%' });
    ctx().clock.advance(1000); // the test clock stands still: newest first needs time to pass
    const quiet = await createSequence(ctx(), user, { name: 'Renewals' });
    const ids = [];
    for (let i = 0; i < 3; i += 1)
      ids.push((await enroll(ctx(), user, busy.id, (await createContact(ctx(), user)).id)).id);
    await ctx().request('POST', `/api/v1/enrollments/${ids[0]}/pause`, { token: user.token });
    await ctx().request('POST', `/api/v1/enrollments/${ids[1]}/unenroll`, { token: user.token });
    // One of the three replied (as the inbound pipeline records it).
    await ctx().db.query(
      `INSERT INTO engagements (account_id, enrollment_id, sequence_id, contact_id, type, source_ref, occurred_at)
       SELECT account_id, id, sequence_id, contact_id, 'reply', 'm1', now() FROM enrollments WHERE id = $1::uuid`,
      [ids[2]],
    );
    // Another account's sequence never shows.
    await createSequence(ctx(), await ctx().newUser(), { name: 'Q4 outreach elsewhere' });

    const all = await api(ctx(), user, '/sequences/overview');
    expect(all.status).toBe(200);
    expect(all.body.items.map((s: { name: string }) => s.name)).toEqual(['Renewals', 'Q4 outreach 100%']);
    const row = all.body.items[1];
    expect(row).toMatchObject({
      id: busy.id,
      owner: { name: 'Olive Owner' },
      steps: 2,
      enrolled: 3,
      active: 1,
      paused: 1,
      unenrolled: 1,
      emailsSent: 3,
      replies: 1,
    });
    expect(row.replyRate).toBeCloseTo(1 / 3);
    expect(all.body.items[0]).toMatchObject({ id: quiet.id, enrolled: 0, replyRate: null });

    // Search by part of the name, any case; % is a character, not a wildcard.
    const found = await api(ctx(), user, `/sequences/overview?q=${encodeURIComponent('OUTREACH 100%')}`);
    expect(found.body.items.map((s: { id: string }) => s.id)).toEqual([busy.id]);
    expect(
      (await api(ctx(), user, `/sequences/overview?q=${encodeURIComponent('%')}`)).body.items,
    ).toHaveLength(1);

    // Pages by cursor.
    const first = await api(ctx(), user, '/sequences/overview?limit=1');
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([quiet.id]);
    const second = await api(ctx(), user, `/sequences/overview?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ id: busy.id }], nextCursor: null });

    // No statement per row: a page of 2 and a page of 1 cost the same.
    await api(ctx(), user, '/sequences/overview'); // warm the principal cache
    const two = await statementsDuring(ctx(), () => api(ctx(), user, '/sequences/overview'));
    const one = await statementsDuring(ctx(), () => api(ctx(), user, '/sequences/overview?limit=1'));
    expect(two).toBe(one);
    expect(two).toBeLessThanOrEqual(2);
  });

  test('GET /sequences/:id names its owner', async () => {
    const user = await ctx().newUser({ name: 'Olive Owner' });
    const sequence = await createSequence(ctx(), user);
    const detail = await api(ctx(), user, `/sequences/${sequence.id}`);
    expect(detail.body.owner).toEqual({ id: sequence.ownerId, name: 'Olive Owner', email: user.email });
  });

  test('GET /enrollments: each with its contact’s name; filters by status and reason; pages in a bounded number of statements', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const people = [];
    for (const [firstName, lastName] of [
      ['Ann', 'Lee'],
      ['Bo', 'Chen'],
      ['Cy', 'Diaz'],
      ['', ''],
    ]) {
      const contact = await createContact(ctx(), user, { firstName, lastName });
      ctx().clock.advance(1000);
      people.push({ contact, enrollment: await enroll(ctx(), user, sequence.id, contact.id) });
    }
    await ctx().request('POST', `/api/v1/enrollments/${people[0].enrollment.id}/unenroll`, {
      token: user.token,
    });

    const page = await api(ctx(), user, `/enrollments?sequenceId=${sequence.id}`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((e: { contact: { name: string } }) => e.contact.name)).toEqual([
      people[3].contact.email, // no name: the address stands in
      'Cy Diaz',
      'Bo Chen',
      'Ann Lee',
    ]);
    expect(page.body.items[1]).toMatchObject({
      contact: { id: people[2].contact.id, email: people[2].contact.email },
      status: 'active',
      currentStep: 1,
      totalSteps: 2,
    });

    const manual = await api(ctx(), user, `/enrollments?sequenceId=${sequence.id}&reason=manual`);
    expect(manual.body.items.map((e: { id: string }) => e.id)).toEqual([people[0].enrollment.id]);
    expect(manual.body.items[0].unenrollment.reason).toBe('manual');
    expect(
      (await api(ctx(), user, `/enrollments?sequenceId=${sequence.id}&reason=replied`)).body.items,
    ).toEqual([]);
    const bad = await api(ctx(), user, `/enrollments?sequenceId=${sequence.id}&reason=bored`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/reason/);

    const active = await api(ctx(), user, `/enrollments?sequenceId=${sequence.id}&status=active&limit=2`);
    expect(active.body.items).toHaveLength(2);
    const rest = await api(
      ctx(),
      user,
      `/enrollments?sequenceId=${sequence.id}&status=active&limit=2&cursor=${active.body.nextCursor}`,
    );
    expect(rest.body.items.map((e: { contact: { name: string } }) => e.contact.name)).toEqual(['Bo Chen']);

    const four = await statementsDuring(ctx(), () =>
      api(ctx(), user, `/enrollments?sequenceId=${sequence.id}`),
    );
    const one = await statementsDuring(ctx(), () =>
      api(ctx(), user, `/enrollments?sequenceId=${sequence.id}&limit=1`),
    );
    expect(four).toBe(one);
  });

  test('GET /scheduled: soonest first with the contact’s name and the next step, paged by cursor', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user, {
      steps: [
        { type: 'email', delayMinutes: 0, subject: 's', body: 'b' },
        { type: 'task', delayMinutes: 60, title: 'Call {{firstName}}' },
      ],
    });
    const ann = await createContact(ctx(), user, { firstName: 'Ann', lastName: 'Lee' });
    const a = await enroll(ctx(), user, sequence.id, ann.id);
    ctx().clock.advance(60_000);
    const bo = await createContact(ctx(), user, { firstName: 'Bo', lastName: 'Chen' });
    const b = await enroll(ctx(), user, sequence.id, bo.id);
    ctx().clock.advance(60_000);
    const cy = await createContact(ctx(), user, { firstName: 'Cy', lastName: 'Diaz' });
    const c = await enroll(ctx(), user, sequence.id, cy.id);
    await ctx().request('POST', `/api/v1/enrollments/${b.id}/pause`, { token: user.token });

    const first = await api(ctx(), user, '/scheduled?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      expect.objectContaining({
        id: a.id,
        contact: { id: ann.id, name: 'Ann Lee', email: ann.email },
        nextStep: { number: 2, type: 'task' },
        sequenceName: sequence.name,
      }),
    ]);
    const second = await api(ctx(), user, `/scheduled?limit=1&cursor=${first.body.nextCursor}`);
    // Bo is paused: no step is coming.
    expect(second.body.items.map((e: { id: string }) => e.id)).toEqual([c.id]);
    expect(second.body.nextCursor).toBeNull();
    expect((await api(ctx(), user, `/scheduled?sequenceId=${sequence.id}`)).body.items).toHaveLength(2);
  });

  test('GET /contacts: each contact with its current enrollment, in a bounded number of statements', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const enrolled = await createContact(ctx(), user, { firstName: 'Ann', lastName: 'Lee' });
    const enrollment = await enroll(ctx(), user, sequence.id, enrolled.id);
    const past = await createContact(ctx(), user, { firstName: 'Bo', lastName: 'Chen' });
    const ended = await enroll(ctx(), user, sequence.id, past.id);
    await ctx().request('POST', `/api/v1/enrollments/${ended.id}/unenroll`, { token: user.token });
    await createContact(ctx(), user, { firstName: 'Cy', lastName: 'Diaz' });

    const page = await api(ctx(), user, '/contacts');
    expect(page.status).toBe(200);
    const byName = Object.fromEntries(
      page.body.items.map((c: { firstName: string; currentEnrollment: unknown }) => [
        c.firstName,
        c.currentEnrollment,
      ]),
    );
    expect(byName.Ann).toMatchObject({ id: enrollment.id, sequenceName: sequence.name, status: 'active' });
    expect(byName.Bo).toBeNull();
    expect(byName.Cy).toBeNull();
    expect((await api(ctx(), user, '/contacts?q=ann')).body.items.map((c: { id: string }) => c.id)).toEqual([
      enrolled.id,
    ]);
    const three = await statementsDuring(ctx(), () => api(ctx(), user, '/contacts'));
    const one = await statementsDuring(ctx(), () => api(ctx(), user, '/contacts?limit=1'));
    expect(three).toBe(one);
  });

  test('the contact record’s timeline names the user who unenrolled', async () => {
    const user = await ctx().newUser({ name: 'Riley Rep' });
    const sequence = await createSequence(ctx(), user);
    const contact = await createContact(ctx(), user);
    await enroll(ctx(), user, sequence.id, contact.id);
    await ctx().request('POST', `/api/v1/contacts/${contact.id}/unenroll`, { token: user.token });
    const record = await api(ctx(), user, `/contacts/${contact.id}`);
    const unenrolled = record.body.enrollments[0].events.find(
      (e: { type: string }) => e.type === 'unenrolled',
    );
    expect(unenrolled).toMatchObject({
      by: { type: 'user' },
      byName: 'Riley Rep',
      data: { reason: 'manual' },
    });
    const sent = record.body.enrollments[0].events.find((e: { type: string }) => e.type === 'email_sent');
    expect(sent.byName).toBeNull();
  });

  test('all:true counts as “already unenrolled” only what it matched, never the sequence’s past enrollments', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const ids = [];
    for (let i = 0; i < 4; i += 1)
      ids.push((await enroll(ctx(), user, sequence.id, (await createContact(ctx(), user)).id)).id);
    await ctx().request('POST', `/api/v1/enrollments/${ids[0]}/unenroll`, { token: user.token });
    await ctx().request('POST', `/api/v1/enrollments/${ids[1]}/pause`, { token: user.token });

    const active = await ctx().request('POST', '/api/v1/enrollments/unenroll', {
      token: user.token,
      body: { sequenceId: sequence.id, all: true, status: 'active' },
    });
    expect(active.body).toEqual({ unenrolled: 2, alreadyUnenrolled: 0, notFound: 0 });
    const rest = await ctx().request('POST', '/api/v1/enrollments/unenroll', {
      token: user.token,
      body: { sequenceId: sequence.id, all: true },
    });
    expect(rest.body).toEqual({ unenrolled: 1, alreadyUnenrolled: 0, notFound: 0 });
  });
});
