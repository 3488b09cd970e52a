import { createContact, createSequence, enroll } from '../../helpers/fixtures';
import type { TestContext, TestUser } from '../../helpers/context';
import { describeWorker, enrollment, outboxTo } from '../worker/harness';

const MINUTE = 60_000;
const EMAIL_TASK_EMAIL = [
  { type: 'email', delayMinutes: 0, subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}' },
  { type: 'task', delayMinutes: 60, title: 'Call {{firstName}} at {{company|their company}}' },
  { type: 'email', delayMinutes: 120, subject: 'After our call', body: 'Thanks {{firstName}}' },
];
const EMAIL_THEN_TASK = [
  { type: 'email', delayMinutes: 0, subject: 'Hello', body: 'Hi' },
  { type: 'task', delayMinutes: 30, title: 'Last: call' },
];

async function openTasks(ctx: TestContext, user: TestUser, query = '') {
  const response = await ctx.request('GET', `/api/v1/tasks${query}`, { token: user.token });
  expect(response.status).toBe(200);
  return response.body;
}

describeWorker('task steps and GET/POST /tasks', (h) => {
  async function atTask(steps = EMAIL_TASK_EMAIL, user?: TestUser) {
    const { ctx, worker } = h();
    const owner = user ?? (await ctx.newUser({ name: 'Riley Rep' }));
    const sequence = await createSequence(ctx, owner, { steps });
    const contact = await createContact(ctx, owner, { firstName: 'Ann' });
    const enrolled = await enroll(ctx, owner, sequence.id, contact.id);
    ctx.clock.advance(steps[1].delayMinutes * MINUTE);
    await worker.runOnce();
    const [task] = (await openTasks(ctx, owner)).items.filter((t: any) => t.enrollment.id === enrolled.id);
    return { user: owner, sequence, contact, enrolled, task };
  }

  test('a task step creates a task and holds the sequence until it is completed', async () => {
    const { ctx, worker } = h();
    const { user, sequence, contact, enrolled, task } = await atTask();
    expect(task).toMatchObject({
      title: 'Call Ann at their company',
      status: 'open',
      step: 2,
      dueAt: ctx.clock.now().toISOString(),
      completedAt: null,
      owner: { name: 'Riley Rep' },
      enrollment: { id: enrolled.id, status: 'active' },
      sequence: { id: sequence.id, name: sequence.name },
      contact: { id: contact.id, email: contact.email, name: 'Ann Lee' },
    });
    const held = await enrollment(ctx, user.token, enrolled.id);
    expect(held).toMatchObject({ currentStep: 2, nextStepAt: null });
    expect(held.events.map((e: any) => e.type)).toEqual(['enrolled', 'email_sent', 'task_created']);

    ctx.clock.advance(7 * 24 * 60 * MINUTE);
    expect((await worker.runOnce()).steps.filter((s) => s.enrollmentId === enrolled.id)).toEqual([]);

    const done = await ctx.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: user.token });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', completedAt: ctx.clock.now().toISOString() });
    expect(done.body.completedBy.name).toBe('Riley Rep');
    const continued = await enrollment(ctx, user.token, enrolled.id);
    expect(new Date(continued.nextStepAt).getTime()).toBe(ctx.clock.now().getTime() + 120 * MINUTE);
    expect(continued.events.at(-1)).toMatchObject({ type: 'task_completed', by: { type: 'user' } });

    // Idempotent: the first completion stays.
    ctx.clock.advance(MINUTE);
    const twice = await ctx.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: user.token });
    expect(twice.status).toBe(200);
    expect(twice.body.completedAt).toBe(done.body.completedAt);
    expect((await enrollment(ctx, user.token, enrolled.id)).nextStepAt).toBe(continued.nextStepAt);

    ctx.clock.advance(120 * MINUTE);
    await worker.runOnce();
    const finished = await enrollment(ctx, user.token, enrolled.id);
    expect(finished.unenrollment).toMatchObject({ reason: 'completed', by: { type: 'system' } });
    const mail = await outboxTo(ctx, user.token, contact.email);
    expect(mail.map((m) => m.subject)).toEqual(['Hello Ann', 'Re: Hello Ann']);
    expect(mail[1].text).toMatch(/^Thanks Ann\n/);
  });

  test('completing the last step’s task completes the enrollment (A11)', async () => {
    const { ctx } = h();
    const { user, enrolled, task } = await atTask(EMAIL_THEN_TASK);
    await ctx.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: user.token });
    const finished = await enrollment(ctx, user.token, enrolled.id);
    expect(finished.status).toBe('unenrolled');
    expect(finished.unenrollment).toMatchObject({ reason: 'completed', by: { type: 'system', id: null } });
  });

  test('a task of an unenrolled enrollment can be completed, but the sequence does not continue', async () => {
    const { ctx, worker } = h();
    const { user, enrolled, task } = await atTask();
    await ctx.request('POST', `/api/v1/enrollments/${enrolled.id}/unenroll`, { token: user.token, body: {} });
    const done = await ctx.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: user.token });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', enrollment: { status: 'unenrolled' } });
    ctx.clock.advance(24 * 60 * MINUTE);
    await worker.runOnce();
    const after = await enrollment(ctx, user.token, enrolled.id);
    expect(after).toMatchObject({ currentStep: 2, unenrollment: { reason: 'manual' } });
  });

  test('completing a task while paused: resuming serves the next step’s whole delay', async () => {
    const { ctx } = h();
    const { user, enrolled, task } = await atTask();
    await ctx.request('POST', `/api/v1/enrollments/${enrolled.id}/pause`, { token: user.token });
    ctx.clock.advance(10 * MINUTE);
    await ctx.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: user.token });
    ctx.clock.advance(5 * 24 * 60 * MINUTE);
    const resumed = await ctx.request('POST', `/api/v1/enrollments/${enrolled.id}/resume`, {
      token: user.token,
    });
    expect(new Date(resumed.body.nextStepAt).getTime()).toBe(ctx.clock.now().getTime() + 120 * MINUTE);
  });

  test('lists: mine by default or the whole account, open or completed, paginated', async () => {
    const { ctx } = h();
    const me = await ctx.newUser();
    const colleague = await ctx.newUser({ tenantId: me.tenantId });
    const mine = [await atTask(EMAIL_TASK_EMAIL, me), await atTask(EMAIL_TASK_EMAIL, me)];
    const theirs = await atTask(EMAIL_TASK_EMAIL, colleague);

    const ids = (page: any) => page.items.map((t: any) => t.id).sort();
    expect(ids(await openTasks(ctx, me))).toEqual(mine.map((m) => m.task.id).sort());
    expect(ids(await openTasks(ctx, me, '?owner=all'))).toEqual(
      [...mine, theirs].map((m) => m.task.id).sort(),
    );

    const first = await openTasks(ctx, me, '?owner=all&limit=2');
    expect(first.items).toHaveLength(2);
    const second = await openTasks(ctx, me, `?owner=all&limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...ids(first), ...ids(second)].sort()).toEqual([...mine, theirs].map((m) => m.task.id).sort());

    await ctx.request('POST', `/api/v1/tasks/${mine[0].task.id}/complete`, { token: me.token });
    expect(ids(await openTasks(ctx, me))).toEqual([mine[1].task.id]);
    expect(ids(await openTasks(ctx, me, '?status=completed'))).toEqual([mine[0].task.id]);
    // Another account sees none of them.
    const stranger = await ctx.newUser();
    expect((await openTasks(ctx, stranger, '?owner=all')).items).toEqual([]);
  });

  test('errors: another account’s task is 404, a malformed id or filter is 400', async () => {
    const { ctx } = h();
    const { task } = await atTask();
    const stranger = await ctx.newUser();
    const foreign = await ctx.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: stranger.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    const malformed = await ctx.request('POST', '/api/v1/tasks/not-an-id/complete', {
      token: stranger.token,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_request');
    const filter = await ctx.request('GET', '/api/v1/tasks?status=done', { token: stranger.token });
    expect(filter.status).toBe(400);
    expect(filter.body.error.code).toBe('invalid_request');
    const anonymous = await ctx.request('GET', '/api/v1/tasks');
    expect(anonymous.status).toBe(401);
  });
});
