/**
 * S5: PostgreSQL restarts while the API and the worker are busy. Requests during the outage
 * fail fast with 503 `database_unavailable`, /ready goes red and back to green, the worker
 * resumes by itself, and nothing acknowledged is lost or done twice. On a throwaway cluster
 * of the test's own (test/helpers/throwaway-postgres.ts), never the shared server.
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../../src/server/app';
import { createDevTokenIssuer } from '../../../src/server/auth/dev-tokens';
import { systemClock } from '../../../src/server/clock';
import { migrate } from '../../../src/server/db/migrate';
import { openPg } from '../../../src/server/db/pg-adapter';
import type { Db } from '../../../src/server/db/port';
import { StepWorker } from '../../../src/server/worker/step-worker';
import { testConfig } from '../../helpers/context';
import { backends } from '../../helpers/databases';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../../helpers/throwaway-postgres';

const onPostgres = backends().includes('pg') ? describe : describe.skip;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

onPostgres('PostgreSQL restarts under load (S5)', () => {
  let server: ThrowawayPostgres;
  let db: Db;

  beforeAll(async () => {
    server = await createThrowawayPostgres();
    server.start();
    db = openPg(server.url);
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    server?.destroy();
  });

  test('fast 503s during the outage, green again after it, the worker resumes, nothing lost or doubled', async () => {
    const config = testConfig({ DATABASE_URL: server.url });
    const issuer = await createDevTokenIssuer();
    const { app } = await buildApp({ config, db, clock: systemClock, devTokens: issuer, logger: false });
    await app.ready();
    const worker = new StepWorker({
      db,
      clock: systemClock,
      transport: (await import('../../../src/server/mail/outbox-transport')).outboxTransport,
      config,
      settings: { pollMs: 50, batchSize: 20, concurrency: 2 },
    });
    await worker.start();
    const token = await issuer.issue({ email: 'rep@contoso.example', tenantId: 'restart-tenant' });
    const call = (method: 'GET' | 'POST', url: string, body?: object) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(body ? { payload: body } : {}),
      });

    try {
      const sequence = await call('POST', '/api/v1/sequences', {
        name: 'Restart',
        steps: [
          { type: 'email', delayMinutes: 0, subject: 'Hi', body: 'Hi {{firstName}}' },
          { type: 'email', delayMinutes: 0, subject: 'Again', body: 'Again' },
        ],
      });
      expect(sequence.statusCode).toBe(201);
      const enrolled: string[] = [];
      const enrollNext = async (i: number) => {
        const contact = await call('POST', '/api/v1/contacts', { email: `c${i}@fabrikam.example` });
        if (contact.statusCode !== 201) return contact.statusCode;
        const response = await call('POST', '/api/v1/enrollments', {
          sequenceId: sequence.json().id,
          contactId: contact.json().id,
        });
        if (response.statusCode === 201) enrolled.push(response.json().id);
        return response.statusCode;
      };
      for (let i = 0; i < 10; i += 1) expect(await enrollNext(i)).toBe(201);

      server.stop();
      // During the outage: every request answers quickly, 503 with the code, and says when to retry.
      for (let i = 10; i < 15; i += 1) {
        const started = performance.now();
        const response = await call('POST', '/api/v1/contacts/lookup', { emails: ['c1@fabrikam.example'] });
        expect(performance.now() - started).toBeLessThan(5_000);
        expect(response.statusCode).toBe(503);
        expect(response.json().error.code).toBe('database_unavailable');
        expect(response.headers['retry-after']).toBe('1');
        expect(await enrollNext(i)).toBe(503);
      }
      expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(503);
      await sleep(1000); // the worker ticks against a dead server meanwhile

      server.start();
      const deadline = Date.now() + 30_000;
      while ((await app.inject({ method: 'GET', url: '/ready' })).statusCode !== 200) {
        if (Date.now() > deadline) throw new Error('/ready did not turn green');
        await sleep(100);
      }
      for (let i = 15; i < 25; i += 1) expect(await enrollNext(i)).toBe(201);

      // The worker, never restarted, finishes every acknowledged enrollment: both steps, once each.
      const done = async () =>
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox`)).rows[0].n;
      while ((await done()) < enrolled.length * 2) {
        if (Date.now() > deadline + 30_000)
          throw new Error(`the worker did not resume: ${await done()} emails`);
        await sleep(100);
      }
      const { rows } = await db.query<{
        enrollments: number;
        sent: number;
        distinct_steps: number;
        completed: number;
      }>(
        `SELECT (SELECT count(*) FROM enrollments WHERE id = ANY($1::uuid[]))::int AS enrollments,
                (SELECT count(*) FROM sent_messages)::int AS sent,
                (SELECT count(DISTINCT (enrollment_id, step_index)) FROM sent_messages)::int AS distinct_steps,
                (SELECT count(*) FROM enrollments WHERE unenroll_reason = 'completed')::int AS completed`,
        [enrolled],
      );
      expect(enrolled).toHaveLength(20);
      expect(rows[0]).toEqual({ enrollments: 20, sent: 40, distinct_steps: 40, completed: 20 });
      expect(await done()).toBe(40);
    } finally {
      await worker.stop();
      await app.close();
    }
  }, 120_000);
});
