import nodemailer from 'nodemailer';
import { buildApp } from '../../../src/server/app';
import { startInboundSmtp } from '../../../src/server/inbound/smtp-listener';
import { SharedRateCounter } from '../../../src/server/rate-limit/shared-counter';
import { describeEachDb, type TestContext } from '../../helpers/context';

/**
 * Issue 14, finding 9: rate limits per user on the API, per client address on the routes
 * without sign-in, per client and sender on the SMTP listener; 429 with Retry-After and the
 * usual error body; the count shared by every process on the database.
 */
const LIMITS = {
  RATE_LIMIT_PER_USER: '5',
  RATE_LIMIT_PER_ADDRESS: '3',
  RATE_LIMIT_SMTP_PER_CLIENT: '4',
  RATE_LIMIT_SMTP_PER_SENDER: '2',
};

/** The next minute, 15 s in: a fresh window for every test (windows start at :00). */
function nextWindow(ctx: TestContext): void {
  const now = ctx.clock.now().getTime();
  ctx.clock.set(new Date(now - (now % 60_000) + 60_000 + 15_000));
}

describeEachDb(
  'rate limits',
  (ctx) => {
    beforeEach(() => nextWindow(ctx()));

    test('per user on the API: the 6th request of a minute is a 429 with Retry-After; others go on', async () => {
      const ann = await ctx().newUser();
      const bo = await ctx().newUser();
      for (let i = 0; i < 5; i += 1) {
        const ok = await ctx().request('GET', '/api/v1/me', { token: ann.token });
        expect(ok.status).toBe(200);
        expect(ok.headers['x-ratelimit-remaining']).toBe(String(4 - i));
      }
      const refused = await ctx().request('GET', '/api/v1/me', { token: ann.token });
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({
        error: {
          code: 'rate_limited',
          message: 'Too many requests: at most 5 a minute per user. Try again in 45 seconds.',
        },
      });
      expect(refused.headers['retry-after']).toBe('45');
      expect(refused.headers['content-type']).toMatch(/application\/json/);
      // Writes count too, and are refused before they run.
      const write = await ctx().request('POST', '/api/v1/contacts', {
        token: ann.token,
        body: { email: 'limited@x.example' },
      });
      expect(write.status).toBe(429);
      const { rows } = await ctx().db.query(`SELECT 1 FROM contacts WHERE email = 'limited@x.example'`);
      expect(rows).toHaveLength(0);
      // Another user of the same address is not held back.
      expect((await ctx().request('GET', '/api/v1/me', { token: bo.token })).status).toBe(200);
      // The next minute, Ann may go on.
      ctx().clock.advance(45_000);
      expect((await ctx().request('GET', '/api/v1/me', { token: ann.token })).status).toBe(200);
    });

    test.each([
      ['GET /api/v1/config', 'GET', '/api/v1/config', undefined],
      ['POST /api/v1/dev/token', 'POST', '/api/v1/dev/token', { email: 'a@b.example' }],
      ['GET /unsubscribe/:token', 'GET', '/unsubscribe/not-a-token', undefined],
      ['POST /unsubscribe/:token', 'POST', '/unsubscribe/not-a-token', {}],
    ] as const)('per client address without sign-in: %s', async (_name, method, url, body) => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await ctx().request(method, url, { body })).status);
      expect(statuses.slice(0, 3)).not.toContain(429);
      expect(statuses[3]).toBe(429);
    });

    test('the routes without sign-in share one count per address; /health is never limited', async () => {
      expect((await ctx().request('GET', '/api/v1/config')).status).toBe(200);
      expect(
        (await ctx().request('POST', '/api/v1/dev/token', { body: { email: 'a@b.example' } })).status,
      ).toBe(200);
      expect((await ctx().request('GET', '/unsubscribe/x')).status).not.toBe(429);
      const fourth = await ctx().request('GET', '/api/v1/config');
      expect(fourth.status).toBe(429);
      expect(fourth.body.error.message).toContain('per client address');
      for (let i = 0; i < 20; i += 1) {
        expect((await ctx().request('GET', '/health')).status).toBe(200);
        expect((await ctx().request('GET', '/ready')).status).toBe(200);
      }
    });

    test('the count is shared by every process on the database', async () => {
      const user = await ctx().newUser();
      const other = await buildApp({
        config: ctx().config,
        db: ctx().db,
        clock: ctx().clock,
        devTokens: ctx().issuer,
        logger: false,
      });
      await other.app.ready();
      try {
        const me = (on: 'a' | 'b') =>
          on === 'a'
            ? ctx().request('GET', '/api/v1/me', { token: user.token })
            : other.app
                .inject({
                  method: 'GET',
                  url: '/api/v1/me',
                  headers: { authorization: `Bearer ${user.token}` },
                })
                .then((response) => ({ status: response.statusCode }));
        for (let i = 0; i < 4; i += 1) expect((await me('a')).status).toBe(200);
        await ctx().deps.rateLimits.flush();
        // B learns the total at its own next flush (every RATE_LIMIT_SYNC_MS).
        expect((await me('b')).status).toBe(200);
        await other.deps.rateLimits.flush();
        expect((await me('b')).status).toBe(429);
        // And A learns B's requests at its next flush.
        await ctx().deps.rateLimits.flush();
        expect((await me('a')).status).toBe(429);
        await ctx().deps.rateLimits.flush();
        await other.deps.rateLimits.flush();
        const { rows } = await ctx().db.query<{ hits: number }>(
          `SELECT r.hits FROM rate_limit_hits r JOIN users u ON r.key = 'user:' || u.id WHERE u.email = $1::text`,
          [user.email],
        );
        expect(rows).toEqual([{ hits: 7 }]);
      } finally {
        await other.app.close();
      }
    });

    test('SMTP: per connecting client and per sender, refused for now (451 4.7.1), not for good', async () => {
      const admin = await ctx().newUser({ admin: true });
      const account = (await ctx().request('GET', '/api/v1/account', { token: admin.token })).body;
      const listener = await startInboundSmtp(ctx().deps, { port: 0, host: '127.0.0.1' });
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: listener.port,
        ignoreTLS: true,
      });
      const send = (from: string, n: number) =>
        transport
          .sendMail({
            envelope: { from, to: account.inboundAddress },
            raw: `From: <${from || 'mailer-daemon@relay.example'}>\r\nSubject: note ${n}\r\nMessage-ID: <rl-${n}-${Date.now()}@x.example>\r\n\r\nhello\r\n`,
          })
          .then(
            (info) => info.response.slice(0, 3),
            (error: { response?: string }) => String(error.response),
          );
      try {
        // Per sender: 2 a minute from ann@…; bo@… is counted apart.
        expect(await send('ann@fabrikam.example', 1)).toBe('250');
        expect(await send('ann@fabrikam.example', 2)).toBe('250');
        expect(await send('ann@fabrikam.example', 3)).toMatch(
          /^451 4\.7\.1 Too many messages from <ann@fabrikam\.example>/,
        );
        // Per client: the 4th message from this address went through (bo), the 5th does not —
        // whoever it claims to be from, bounces (no sender) included.
        expect(await send('bo@fabrikam.example', 4)).toBe('250');
        expect(await send('', 5)).toMatch(/^451 4\.7\.1 Too many messages from 127\.0\.0\.1/);
        ctx().clock.advance(60_000);
        expect(await send('', 6)).toBe('250');
      } finally {
        transport.close();
        await listener.close();
      }
    });
  },
  { config: LIMITS },
);

describeEachDb('the shared counter', (ctx) => {
  test('hits wait while the database is out of reach, and are added when it is back', async () => {
    let reachable = false;
    const flaky = {
      ...ctx().db,
      query: (text: string, values?: unknown[]) =>
        reachable ? ctx().db.query(text, values) : Promise.reject(new Error('connection refused')),
    } as TestContext['db'];
    const errors: unknown[] = [];
    const counter = new SharedRateCounter(flaky, ctx().clock, {
      windowMs: 60_000,
      flushMs: 1000,
      onError: (error) => errors.push(error),
    });
    const key = `test:${Math.random()}`;
    for (let i = 0; i < 3; i += 1) counter.hit(key);
    await counter.flush();
    expect(errors).toHaveLength(1);
    expect(counter.hit(key).count).toBe(4);
    reachable = true;
    await counter.flush();
    const { rows } = await ctx().db.query<{ hits: number }>(
      'SELECT hits FROM rate_limit_hits WHERE key = $1::text',
      [key],
    );
    expect(rows[0].hits).toBe(4);
  });

  test('a new window starts from zero, and the rows of idle keys are forgotten', async () => {
    const counter = new SharedRateCounter(ctx().db, ctx().clock, { windowMs: 60_000, flushMs: 60_000 });
    const key = `test:${Math.random()}`;
    counter.hit(key);
    counter.hit(key);
    await counter.flush(); // every flush also forgets windows older than the last one (flushMs = window)
    ctx().clock.advance(60_000);
    expect(counter.hit(key).count).toBe(1);
    ctx().clock.advance(3 * 60_000);
    await counter.flush();
    const { rows } = await ctx().db.query('SELECT 1 FROM rate_limit_hits WHERE key = $1::text', [key]);
    expect(rows).toHaveLength(0);
  });
});
