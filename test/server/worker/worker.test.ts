import { createContact, createSequence, enroll, enrolledContact } from '../../helpers/fixtures';
import { pause } from '../../../src/server/enrollments/service';
import { DAY, HOUR, describeWorker, enrollment, newWorker, outboxTo } from './harness';

const MINUTE = 60_000;
const types = (e: { events: Array<{ type: string }> }) => e.events.map((event) => event.type);

describeWorker(
  'the step worker',
  (h) => {
    test('executes due steps, schedules the next by its delay, and completes after the last (A11)', async () => {
      const { ctx, worker } = h();
      const { user, contact, enrollment: enrolled } = await enrolledContact(ctx);
      ctx.clock.advance(DAY - MINUTE);
      expect((await worker.runOnce()).steps.map((s) => s.enrollmentId)).not.toContain(enrolled.id);
      ctx.clock.advance(MINUTE);
      const tick = await worker.runOnce();
      expect(tick.steps).toContainEqual({
        enrollmentId: enrolled.id,
        outcome: 'completed',
        response: undefined,
      });
      const after = await enrollment(ctx, user.token, enrolled.id);
      expect(after).toMatchObject({ status: 'unenrolled', currentStep: 2, nextStepAt: null });
      expect(after.unenrollment).toEqual({
        reason: 'completed',
        at: ctx.clock.now().toISOString(),
        by: { type: 'system', id: null },
        detail: 'Finished the last step',
      });
      expect(types(after)).toEqual(['enrolled', 'email_sent', 'email_sent', 'unenrolled']);
      const mail = await outboxTo(ctx, user.token, contact.email);
      expect(mail.map((m) => m.subject)).toEqual(['Hello Ann', 'Re: Hello Ann']);
      expect(mail[1].headers).toMatchObject({
        'In-Reply-To': `<${mail[0].messageId}>`,
        References: `<${mail[0].messageId}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
      // Nothing runs twice.
      ctx.clock.advance(DAY);
      expect((await worker.runOnce()).steps.map((s) => s.enrollmentId)).not.toContain(enrolled.id);
      expect(await outboxTo(ctx, user.token, contact.email)).toHaveLength(2);
    });

    test('no step runs while paused; resuming serves the remaining delay', async () => {
      const { ctx, worker } = h();
      const { user, contact, enrollment: enrolled } = await enrolledContact(ctx);
      ctx.clock.advance(6 * HOUR);
      await ctx.request('POST', `/api/v1/enrollments/${enrolled.id}/pause`, { token: user.token });
      ctx.clock.advance(30 * HOUR);
      await worker.runOnce();
      expect(await outboxTo(ctx, user.token, contact.email)).toHaveLength(1);

      const resumed = await ctx.request('POST', `/api/v1/enrollments/${enrolled.id}/resume`, {
        token: user.token,
      });
      expect(new Date(resumed.body.nextStepAt).getTime()).toBe(ctx.clock.now().getTime() + 18 * HOUR);
      ctx.clock.advance(18 * HOUR - MINUTE);
      await worker.runOnce();
      expect(await outboxTo(ctx, user.token, contact.email)).toHaveLength(1);
      ctx.clock.advance(MINUTE);
      await worker.runOnce();
      expect(await outboxTo(ctx, user.token, contact.email)).toHaveLength(2);
    });

    test('a pause with an end (out of office) is ended by the worker: resumed by the system', async () => {
      const { ctx, worker } = h();
      const { user, contact, enrollment: enrolled } = await enrolledContact(ctx);
      const principal = await ctx.db.query<{ account_id: string; id: string }>(
        'SELECT account_id, enrolled_by AS id FROM enrollments WHERE id = $1::uuid',
        [enrolled.id],
      );
      ctx.clock.advance(4 * HOUR);
      const until = new Date(ctx.clock.now().getTime() + 3 * DAY);
      await pause(
        ctx.deps,
        { accountId: principal.rows[0].account_id, userId: principal.rows[0].id } as never,
        enrolled.id,
        until,
      );
      ctx.clock.set(new Date(until.getTime() - MINUTE));
      expect((await worker.runOnce()).resumed).toBe(0);

      ctx.clock.set(new Date(until.getTime() + 10 * MINUTE));
      const tick = await worker.runOnce();
      expect(tick.resumed).toBeGreaterThanOrEqual(1);
      const after = await enrollment(ctx, user.token, enrolled.id);
      expect(after).toMatchObject({ status: 'active', pausedUntil: null });
      // 20 hours were left when it paused; they are served from the pause's end.
      expect(after.nextStepAt).toBe(new Date(until.getTime() + 20 * HOUR).toISOString());
      expect(after.events.at(-1)).toMatchObject({ type: 'resumed', by: { type: 'system', id: null } });
      expect(await outboxTo(ctx, user.token, contact.email)).toHaveLength(1);
    });

    test('send window in the sender’s time zone: outside it the email waits for the opening', async () => {
      const { ctx, worker } = h();
      const user = await ctx.newUser();
      await ctx.request('PATCH', '/api/v1/me', { token: user.token, body: { timeZone: 'America/New_York' } });
      const sequence = await createSequence(ctx, user, {
        steps: [
          { type: 'email', delayMinutes: 0, subject: 'Hello', body: 'Hi' },
          { type: 'email', delayMinutes: 0, delayBusinessDays: 1, subject: 'Again', body: 'Hi again' },
        ],
        settings: { sendWindow: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } },
      });
      const contact = await createContact(ctx, user);
      // Saturday 10:00 in New York.
      ctx.clock.set('2026-01-10T15:00:00Z');
      const enrolled = await enroll(ctx, user, sequence.id, contact.id);
      expect(enrolled).toMatchObject({
        status: 'active',
        currentStep: 0,
        nextStepAt: '2026-01-12T14:00:00.000Z',
      });
      expect(await outboxTo(ctx, user.token, contact.email)).toHaveLength(0);

      ctx.clock.set('2026-01-12T13:59:00Z');
      await worker.runOnce();
      expect(await outboxTo(ctx, user.token, contact.email)).toHaveLength(0);
      // Monday 09:00 EST: the first email, and the second one business day later at the same time.
      ctx.clock.set('2026-01-12T14:00:00Z');
      await worker.runOnce();
      const [first] = await outboxTo(ctx, user.token, contact.email);
      expect(first.createdAt).toBe('2026-01-12T14:00:00.000Z');
      expect((await enrollment(ctx, user.token, enrolled.id)).nextStepAt).toBe('2026-01-13T14:00:00.000Z');

      // The window changes to mornings only: a step that comes due outside it is held back.
      await ctx.request('PATCH', `/api/v1/sequences/${sequence.id}`, {
        token: user.token,
        body: { settings: { sendWindow: { days: [1, 2, 3, 4, 5], start: '06:00', end: '08:00' } } },
      });
      ctx.clock.set('2026-01-13T14:00:00Z');
      const tick = await worker.runOnce();
      expect(tick.steps).toContainEqual({
        enrollmentId: enrolled.id,
        outcome: 'postponed',
        response: undefined,
      });
      expect((await enrollment(ctx, user.token, enrolled.id)).nextStepAt).toBe('2026-01-14T11:00:00.000Z');
      ctx.clock.set('2026-01-14T11:00:00Z');
      await worker.runOnce();
      expect(await outboxTo(ctx, user.token, contact.email)).toHaveLength(2);
    });

    test('a contact who opted out meanwhile gets nothing more: unenrolled, not emailed', async () => {
      const { ctx, worker } = h();
      const { user, contact, enrollment: enrolled } = await enrolledContact(ctx);
      await ctx.db.query('UPDATE contacts SET opted_out_at = $2::timestamptz WHERE id = $1::uuid', [
        contact.id,
        ctx.clock.now(),
      ]);
      ctx.clock.advance(DAY);
      await worker.runOnce();
      const after = await enrollment(ctx, user.token, enrolled.id);
      expect(after.unenrollment).toMatchObject({ reason: 'unsubscribed', by: { type: 'system' } });
      expect(await outboxTo(ctx, user.token, contact.email)).toHaveLength(1);
    });

    test('one step that fails unexpectedly is put aside; the rest of its batch still runs', async () => {
      const { ctx, worker } = h();
      const healthy = await enrolledContact(ctx);
      const broken = await enrolledContact(ctx);
      // A step without a subject cannot be composed (a corrupted row; the API never stores one).
      await ctx.db.query(
        `UPDATE sequences SET steps = jsonb_set(steps, '{1}', '{"type":"email","delayMinutes":0}') WHERE id = $1::uuid`,
        [broken.sequence.id],
      );
      ctx.clock.advance(DAY);
      const tick = await worker.drain();
      expect(tick.failed).toBe(1);
      expect(tick.steps).toContainEqual({
        enrollmentId: healthy.enrollment.id,
        outcome: 'completed',
        response: undefined,
      });
      const put = await ctx.db.query<{ next_step_at: Date; last_send_error: string }>(
        'SELECT next_step_at, last_send_error FROM enrollments WHERE id = $1::uuid',
        [broken.enrollment.id],
      );
      expect(put.rows[0].next_step_at.getTime()).toBe(ctx.clock.now().getTime() + 5 * MINUTE);
      expect(put.rows[0].last_send_error).toBeTruthy();
    });

    test('started, it picks due work up by itself (polling)', async () => {
      const { ctx } = h();
      const { user, contact } = await enrolledContact(ctx);
      const running = newWorker(ctx, ctx.deps.transport, { pollMs: 50 });
      await running.start();
      try {
        ctx.clock.advance(DAY);
        const deadline = Date.now() + 5000;
        while ((await outboxTo(ctx, user.token, contact.email)).length < 2 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await running.stop();
      }
      expect(await outboxTo(ctx, user.token, contact.email)).toHaveLength(2);
    });
  },
  { clockStart: '2026-01-05T09:00:00Z' },
);
