import { performance } from 'node:perf_hooks';
import { createContact, createSequence } from '../../helpers/fixtures';
import { describeWorker } from './harness';

// The 500 ms, doubled so that a loaded CI machine's slowest lookup stays far below it.
const SLOW_RELAY_MS = 1000;

describeWorker(
  'no SMTP conversation inside a database transaction',
  (h) => {
    test(`API requests made while the worker waits ${SLOW_RELAY_MS} ms per message on the relay are not held up`, async () => {
      const { ctx, worker, peer } = h();
      const user = await ctx.newUser();
      const sequence = await createSequence(ctx, user);
      const contacts = [];
      for (let i = 0; i < 3; i += 1) {
        const contact = await createContact(ctx, user);
        contacts.push(contact);
        // Straight to the API: the fixture would run the step itself.
        const enrolled = await ctx.request('POST', '/api/v1/enrollments', {
          token: user.token,
          body: { sequenceId: sequence.id, contactId: contact.id },
        });
        expect(enrolled.status).toBe(201);
      }
      peer.dataDelayMs = SLOW_RELAY_MS;
      try {
        let sending = true;
        const tick = worker.runOnce().finally(() => (sending = false));
        // The worker is mid-conversation with the relay once the first recipient was given.
        while (peer.attempts.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));

        const latencies: number[] = [];
        while (sending && latencies.length < 20) {
          const started = performance.now();
          const lookup = await ctx.request('POST', '/api/v1/contacts/lookup', {
            token: user.token,
            body: { emails: contacts.map((contact) => contact.email) },
          });
          latencies.push(performance.now() - started);
          expect(lookup.status).toBe(200);
        }
        await tick;
        // Several requests were answered while the relay sat on a message; none waited for it.
        expect(latencies.length).toBeGreaterThanOrEqual(3);
        // Held up by the relay, each would take at least SLOW_RELAY_MS; the median shows the usual cost.
        expect(Math.max(...latencies)).toBeLessThan(SLOW_RELAY_MS * 0.6);
        expect(latencies.sort((a, b) => a - b)[Math.floor(latencies.length / 2)]).toBeLessThan(
          SLOW_RELAY_MS / 5,
        );
        expect(contacts.map((contact) => peer.to(contact.email).length)).toEqual([1, 1, 1]);
      } finally {
        peer.dataDelayMs = 0;
      }
    });
  },
  { smtp: true },
);
