import { performance } from 'node:perf_hooks';
import { createContact, createSequence, enroll } from '../../helpers/fixtures';
import { DAY, describeWorker, enrollment } from './harness';

const ROUNDS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWorker(
  'E6: an unenroll racing the step executor',
  (h) => {
    test(`${ROUNDS} rounds through real SMTP: an unenroll that returned is never followed by an email`, async () => {
      const { ctx, worker, peer } = h();
      const user = await ctx.newUser();
      const sequence = await createSequence(ctx, user);
      const outcomes = { stepFirst: 0, unenrollFirst: 0 };

      for (let round = 0; round < ROUNDS; round += 1) {
        const contact = await createContact(ctx, user);
        const enrolled = await enroll(ctx, user, sequence.id, contact.id);
        ctx.clock.advance(DAY);
        let returnedAt = Number.POSITIVE_INFINITY;
        // Vary who gets there first: hold back the worker in odd rounds and the unenroll
        // in even ones, by 0–7 ms, so that both orders occur whatever either side costs.
        const lag = (round >> 1) % 8;
        await Promise.all([
          sleep(round % 2 === 1 ? lag : 0).then(() => worker.runOnce()),
          (async () => {
            if (round % 2 === 0) await sleep(lag);
            const response = await ctx.request('POST', `/api/v1/enrollments/${enrolled.id}/unenroll`, {
              token: user.token,
              body: { detail: `round ${round}` },
            });
            returnedAt = performance.now();
            expect(response.status).toBe(200);
          })(),
        ]);

        const received = peer.to(contact.email);
        // The property itself: nothing reached the SMTP server after the unenroll returned.
        expect(received.filter((mail) => mail.receivedAt > returnedAt)).toEqual([]);
        const after = await enrollment(ctx, user.token, enrolled.id);
        const trail = after.events.map((event: { type: string }) => event.type);
        if (received.length === 2) {
          outcomes.stepFirst += 1;
          if (after.unenrollment.reason === 'completed') {
            // The step was recorded first: the unenrollment found the enrollment completed.
            expect(trail).toEqual(['enrolled', 'email_sent', 'email_sent', 'unenrolled']);
          } else {
            // The unenroll committed while the email was on its way to the relay; it returned only
            // after the email was handed over and recorded, and the trail says so.
            expect(after.unenrollment).toMatchObject({ reason: 'manual', detail: `round ${round}` });
            expect(trail).toEqual(['enrolled', 'email_sent', 'unenrolled', 'email_sent']);
            expect(after.events[3].data).toMatchObject({ stoppedWhileSending: true });
          }
        } else {
          outcomes.unenrollFirst += 1;
          expect(received).toHaveLength(1);
          expect(after.unenrollment).toMatchObject({ reason: 'manual', detail: `round ${round}` });
          expect(trail).toEqual(['enrolled', 'email_sent', 'unenrolled']);
        }
      }

      // And never later either.
      const before = peer.messages.length;
      ctx.clock.advance(30 * DAY);
      await worker.drain();
      expect(peer.messages.length).toBe(before);
      expect(outcomes.stepFirst + outcomes.unenrollFirst).toBe(ROUNDS);
      // Both orders happened, so the race was real.
      expect(outcomes.stepFirst).toBeGreaterThan(0);
      expect(outcomes.unenrollFirst).toBeGreaterThan(0);
      console.log(
        `E6 race [${h().kind}]: step first ${outcomes.stepFirst}, unenroll first ${outcomes.unenrollFirst}`,
      );
    }, 120_000);

    test('an unenroll that arrives while the relay is taking the email commits, waits for the email, then returns', async () => {
      const { ctx, worker, peer } = h();
      const user = await ctx.newUser();
      const sequence = await createSequence(ctx, user);
      const contact = await createContact(ctx, user);
      const enrolled = await enroll(ctx, user, sequence.id, contact.id);
      ctx.clock.advance(DAY);
      peer.dataDelayMs = 300;
      try {
        const step = worker.runOnce();
        // The worker holds the row and is mid-conversation with the relay.
        while (peer.attempts.filter((a) => a === contact.email.toLowerCase()).length < 2) await sleep(2);
        const response = await ctx.request('POST', `/api/v1/enrollments/${enrolled.id}/unenroll`, {
          token: user.token,
          body: {},
        });
        const returnedAt = performance.now();
        await step;
        const [, followUp] = peer.to(contact.email);
        // E6: the unenroll committed while the email was in flight, and returned only after it left.
        expect(followUp.receivedAt).toBeLessThan(returnedAt);
        expect(response.body.unenrollment.reason).toBe('manual');
        const after = await enrollment(ctx, user.token, enrolled.id);
        expect(after.events.map((event: { type: string }) => event.type)).toEqual([
          'enrolled',
          'email_sent',
          'unenrolled',
          'email_sent',
        ]);
        expect(after.events[3].data).toMatchObject({ stoppedWhileSending: true });
      } finally {
        peer.dataDelayMs = 0;
      }
    });

    test('an unenroll that returned first: the due step does not run', async () => {
      const { ctx, worker, peer } = h();
      const user = await ctx.newUser();
      const sequence = await createSequence(ctx, user);
      const contact = await createContact(ctx, user);
      const enrolled = await enroll(ctx, user, sequence.id, contact.id);
      ctx.clock.advance(DAY);
      await ctx.request('POST', `/api/v1/enrollments/${enrolled.id}/unenroll`, {
        token: user.token,
        body: {},
      });
      const tick = await worker.runOnce();
      expect(tick.steps.map((s) => s.enrollmentId)).not.toContain(enrolled.id);
      expect(peer.to(contact.email)).toHaveLength(1);
    });
  },
  { smtp: true },
);
