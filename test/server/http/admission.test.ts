import { createAdmission } from '../../../src/server/http/admission';
import { describeEachDb } from '../../helpers/context';
import { backends } from '../../helpers/databases';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the admission line (S5)', () => {
  test('admits up to `concurrency`, then first come first served', async () => {
    const admission = createAdmission({ concurrency: 2, maxQueue: 10, maxWaitMs: 10_000 });
    const order: number[] = [];
    const leaves = await Promise.all([admission.enter(), admission.enter()]);
    const waiting = [3, 4, 5].map((n) => admission.enter().then((leave) => (order.push(n), leave)));
    await tick();
    expect(order).toEqual([]);
    expect(admission.waiting).toBe(3);
    leaves[0]();
    leaves[0](); // leaving twice frees one place, not two
    await tick();
    expect(order).toEqual([3]);
    leaves[1]();
    await tick();
    expect(order).toEqual([3, 4]);
    (await waiting[0])();
    await tick();
    expect(order).toEqual([3, 4, 5]);
  });

  test('a full line turns the next away at once with a 503', async () => {
    const admission = createAdmission({ concurrency: 1, maxQueue: 1, maxWaitMs: 50 });
    await admission.enter();
    const waiter = admission.enter().catch((error: unknown) => error);
    await expect(admission.enter()).rejects.toMatchObject({ statusCode: 503, code: 'service_unavailable' });
    expect(await waiter).toMatchObject({ statusCode: 503 }); // and the one in line gave up after 50 ms
  });

  test('a wait longer than maxWaitMs ends in a 503 and leaves the line', async () => {
    const admission = createAdmission({ concurrency: 1, maxQueue: 5, maxWaitMs: 20 });
    await admission.enter();
    await expect(admission.enter()).rejects.toMatchObject({ statusCode: 503 });
    expect(admission.waiting).toBe(0);
  });
});

// Only the embedded database has the line; the server's pool queues on its own.
if (backends().includes('pglite')) {
  describeEachDb(
    'the API on the embedded database, 30 lookups at once',
    (ctx) => {
      test('are answered or shed at once with 503 and Retry-After; none waits for ever', async () => {
        if (ctx().kind !== 'pglite') return;
        const user = await ctx().newUser();
        const responses = await Promise.all(
          Array.from({ length: 30 }, () =>
            ctx().request('POST', '/api/v1/contacts/lookup', {
              token: user.token,
              body: { emails: ['a@b.example'] },
            }),
          ),
        );
        const statuses = responses.map((r) => r.status);
        expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
        const shed = responses.filter((r) => r.status === 503);
        expect(shed.length).toBeGreaterThan(0);
        expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
        expect(shed[0].headers['retry-after']).toBe('1');
        expect(shed[0].body.error.code).toBe('service_unavailable');
        // /health is outside the line.
        expect((await ctx().request('GET', '/health')).status).toBe(200);
      });
    },
    { config: { EMBEDDED_MAX_CONCURRENT_REQUESTS: '1', EMBEDDED_MAX_QUEUED_REQUESTS: '2' } },
  );
}
