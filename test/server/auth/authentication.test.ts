import { createHmac, randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { createTestContext, type TestContext } from '../../helpers/context';
import { backends } from '../../helpers/databases';
import { startTestIssuer, type TestIssuer } from '../../helpers/jwks-server';

const AUDIENCE = 'api://sales-tools-test';
const issuerFor = (tid: string) => `https://login.microsoftonline.com/${tid}/v2.0`;

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

for (const kind of backends()) {
  describe(`authentication with an Entra-style issuer [${kind}]`, () => {
    let idp: TestIssuer;
    let ctx: TestContext;
    const tid = randomUUID();
    const claims = (overrides: Record<string, unknown> = {}) => ({
      iss: issuerFor(tid),
      aud: AUDIENCE,
      tid,
      oid: 'oid-ann',
      preferred_username: 'Ann@Contoso.example',
      name: 'Ann Rep',
      scp: 'Sequences.Read Sequences.ReadWrite',
      ...overrides,
    });
    const me = (token?: string) => ctx.request('GET', '/api/v1/me', { token });

    beforeAll(async () => {
      idp = await startTestIssuer();
      // The verifier reads the injected clock (the tokens below are signed at the real time).
      ctx = await createTestContext(kind, {
        clockStart: new Date().toISOString(),
        config: {
          // The production default (the test context lets its own tokens live a year).
          AUTH_MAX_TOKEN_LIFETIME_MINUTES: '1440',
          AUTH_MODE: 'jwt',
          AUTH_ISSUER: 'https://login.microsoftonline.com/{tid}/v2.0',
          AUTH_AUDIENCE: AUDIENCE,
          AUTH_JWKS_URI: idp.jwksUri,
        },
      });
    }, 60_000);
    afterAll(async () => {
      await ctx.app.close();
      await ctx.database.drop();
      await idp.close();
    });

    test('a valid token creates the account and the user on first use, then finds them again', async () => {
      const token = await idp.sign(claims());
      const first = await me(token);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        email: 'ann@contoso.example',
        name: 'Ann Rep',
        tier: 'professional',
        seat: 'sales',
      });
      const again = await me(token);
      expect(again.body.id).toBe(first.body.id);
      expect(again.body.accountId).toBe(first.body.accountId);
      const { rows } = await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM users u JOIN accounts a ON a.id = u.account_id WHERE a.tenant_id = $1`,
        [tid],
      );
      expect(rows[0].n).toBe(1);
    });

    test('the JWKS is fetched once and cached', async () => {
      const before = idp.fetches();
      for (let i = 0; i < 5; i += 1) expect((await me(await idp.sign(claims()))).status).toBe(200);
      expect(idp.fetches() - before).toBe(0);
      expect(idp.fetches()).toBe(1);
    });

    test.each([
      ['no Authorization header', async () => undefined, 'missing'],
      [
        'an expired token',
        async () => idp.sign(claims(), { expiresIn: Math.floor(Date.now() / 1000) - 3600 }),
        'expired',
      ],
      ['a token not valid yet (nbf)', async () => idp.sign(claims(), { notBefore: '2h' }), 'not valid yet'],
      // Issue 14, finding 6: without `exp` a token would be accepted for ever.
      ['a token without exp', async () => idp.sign(claims(), { expiresIn: null }), 'no expiry (exp)'],
      [
        'a token that lives two days (beyond AUTH_MAX_TOKEN_LIFETIME_MINUTES, 1 day)',
        async () => idp.sign(claims(), { expiresIn: '48h' }),
        'lives longer than this service accepts (1440 minutes at most)',
      ],
      [
        'a token without iat that expires in two days',
        async () => idp.sign(claims(), { expiresIn: '48h', issuedAt: null }),
        'lives longer',
      ],
      ['another audience', async () => idp.sign(claims({ aud: 'api://someone-else' })), 'audience'],
      ['another issuer', async () => idp.sign(claims({ iss: 'https://evil.example/v2.0' })), 'issuer'],
      [
        'the issuer of another tenant',
        async () => idp.sign(claims({ iss: issuerFor(randomUUID()) })),
        'issuer',
      ],
      [
        'alg: none',
        async () =>
          `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(), exp: Math.floor(Date.now() / 1000) + 3600 })}.`,
        'RS256',
      ],
      [
        'HS256 "signed" with the public key',
        async () => {
          const header = b64({ alg: 'HS256', typ: 'JWT', kid: 'key-1' });
          const payload = b64({ ...claims(), exp: Math.floor(Date.now() / 1000) + 3600 });
          const secret = JSON.stringify(idp.publicJwk);
          const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
          return `${header}.${payload}.${signature}`;
        },
        'RS256',
      ],
      [
        'a key that is not in the JWKS',
        async () => idp.sign(claims(), { keys: await generateKeyPair('RS256'), kid: 'key-9' }),
        'unknown key',
      ],
      [
        'a forged signature under a known kid',
        async () => idp.sign(claims(), { keys: await generateKeyPair('RS256') }),
        'signature',
      ],
      [
        'a tampered payload',
        async () => {
          const [header, , signature] = (await idp.sign(claims())).split('.');
          return `${header}.${b64({ ...claims({ tid: randomUUID() }), exp: Math.floor(Date.now() / 1000) + 3600 })}.${signature}`;
        },
        '',
      ],
      ['garbage', async () => 'not.a.jwt', ''],
    ])('refuses %s with 401 unauthorized', async (_name, makeToken, messagePart) => {
      const usersBefore = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      const response = await me(await makeToken());
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('unauthorized');
      expect(response.body.error.message.toLowerCase()).toContain(messagePart.toLowerCase());
      const usersAfter = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      expect(usersAfter.rows[0].n).toBe(usersBefore.rows[0].n);
    });

    test('a token of exactly the longest lifetime (1 day) is accepted', async () => {
      expect((await me(await idp.sign(claims(), { expiresIn: '24h' }))).status).toBe(200);
    });

    test('expiry follows the injected clock, cached verification included', async () => {
      const token = await idp.sign(claims(), { expiresIn: '1h' });
      expect((await me(token)).status).toBe(200);
      ctx.clock.advance(62 * 60_000); // past exp and the 60 s tolerance
      const later = await me(token);
      expect(later.status).toBe(401);
      expect(later.body.error.message).toContain('expired');
      ctx.clock.set(new Date());
    });

    test('a Basic header is refused with a message saying what is expected', async () => {
      const response = await ctx.request('GET', '/api/v1/me', { headers: { authorization: 'Basic YTpi' } });
      expect(response.status).toBe(401);
      expect(response.body.error.message).toContain('Bearer');
    });

    test('a read-only token reads but cannot write (403 forbidden), and nothing is written', async () => {
      const token = await idp.sign(claims({ oid: 'oid-reader', scp: 'Sequences.Read' }));
      expect((await ctx.request('GET', '/api/v1/sequences', { token })).status).toBe(200);
      const write = await ctx.request('POST', '/api/v1/contacts', {
        token,
        body: { email: 'x@fabrikam.example' },
      });
      expect(write.status).toBe(403);
      expect(write.body.error).toMatchObject({ code: 'forbidden' });
      expect(write.body.error.message).toContain('Sequences.ReadWrite');
      const { rows } = await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM contacts WHERE email = 'x@fabrikam.example'`,
      );
      expect(rows[0].n).toBe(0);
    });

    test('a token without any Sequences scope cannot even read', async () => {
      const token = await idp.sign(claims({ oid: 'oid-none', scp: 'User.Read' }));
      const response = await ctx.request('GET', '/api/v1/sequences', { token });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('forbidden');
    });

    test('account administration needs the Sequences.Admin role', async () => {
      const rep = await idp.sign(claims());
      const admin = await idp.sign(claims({ oid: 'oid-admin', roles: ['Sequences.Admin'] }));
      const refused = await ctx.request('PATCH', '/api/v1/account', {
        token: rep,
        body: { tier: 'enterprise' },
      });
      expect(refused.status).toBe(403);
      expect((await me(rep)).body.tier).toBe('professional');
      const allowed = await ctx.request('PATCH', '/api/v1/account', {
        token: admin,
        body: { tier: 'enterprise' },
      });
      expect(allowed.status).toBe(200);
      expect((await me(rep)).body.tier).toBe('enterprise');
      expect((await ctx.request('GET', '/api/v1/users', { token: rep })).status).toBe(403);
      expect(
        (await ctx.request('GET', '/api/v1/users', { token: admin })).body.items.length,
      ).toBeGreaterThanOrEqual(2);
    });

    test('dev tokens are refused, and POST /api/v1/dev/token does not exist, outside dev auth mode', async () => {
      expect((await ctx.request('POST', '/dev/token', { body: { email: 'a@b.example' } })).status).toBe(404);
      expect(
        (await ctx.request('POST', '/api/v1/dev/token', { body: { email: 'a@b.example' } })).status,
      ).toBe(404);
      const devToken = await ctx.issuer.issue({ email: 'mallory@contoso.example' });
      expect((await me(devToken)).status).toBe(401);
    });

    test('the public endpoints answer without a token', async () => {
      expect((await ctx.request('GET', '/health')).status).toBe(200);
      expect((await ctx.request('GET', '/ready')).body).toEqual({ status: 'ready' });
      expect((await ctx.request('GET', '/api/v1/config')).body).toMatchObject({ authMode: 'jwt' });
    });
  });
}
