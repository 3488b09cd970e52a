import { enrolledContact } from '../../helpers/fixtures';
import { outOfOffice, postEmail, sentEmail } from '../../helpers/mail';
import { describeWorker } from '../worker/harness';

describeWorker(
  'an out-of-office deferral ends on the return date (A13)',
  (h) => {
    test('paused until the stated date, resumed by the worker then, and the follow-up goes out after it', async () => {
      const { ctx, worker } = h();
      const { user, contact, enrollment } = await enrolledContact(ctx);
      await ctx.request('PATCH', '/api/v1/me', { token: user.token, body: { timeZone: 'Europe/Berlin' } });
      const sent = await sentEmail(ctx, user, contact.email);
      await postEmail(ctx, user, outOfOffice('de', sent, contact.email, user.email, true));
      const outbox = async () =>
        (await ctx.request('GET', `/api/v1/outbox?to=${contact.email}`, { token: user.token })).body.items;

      // The follow-up was due a day after the first email; on the day before the return it has not gone.
      ctx.clock.set('2026-12-06T22:00:00Z');
      await worker.drain();
      let current = (await ctx.request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: user.token }))
        .body;
      expect(current).toMatchObject({ status: 'paused', pausedUntil: '2026-12-06T23:00:00.000Z' });
      expect(await outbox()).toHaveLength(1);

      // Midnight in Berlin: the worker resumes it, serving the time that was left.
      ctx.clock.set('2026-12-06T23:00:30Z');
      await worker.drain();
      current = (await ctx.request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: user.token }))
        .body;
      expect(current.status).toBe('active');
      expect(current.events.map((e: { type: string }) => e.type)).toContain('resumed');
      const resumed = current.events.find((e: { type: string }) => e.type === 'resumed');
      expect(resumed.by).toEqual({ type: 'system', id: null });

      ctx.clock.set('2026-12-08T12:00:00Z');
      await worker.drain();
      const mails = await outbox();
      expect(mails).toHaveLength(2);
      expect(new Date(mails[0].createdAt).getTime()).toBeGreaterThanOrEqual(
        Date.parse('2026-12-06T23:00:00Z'),
      );
    });
  },
  { clockStart: '2026-12-01T09:00:00Z' },
);
