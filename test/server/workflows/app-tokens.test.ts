import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createTokenVerifier, type TokenVerifier } from '../../../src/server/auth/token-verifier';
import { systemClock } from '../../../src/server/clock';

/**
 * Which tokens are app-only (A9 workflow clients). Entra ID access tokens,
 * https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference:
 * `idtyp` ("app" | "user") when the optional claim is configured; otherwise an
 * app-only token has `roles`, no `scp` and no signed-in user.
 */
const ISSUER = 'https://login.example/tid/v2.0';
const AUDIENCE = 'api://sales-tools';

let verify: TokenVerifier;
let sign: (claims: Record<string, unknown>) => Promise<string>;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  verify = createTokenVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    keys: createLocalJWKSet({ keys: [jwk] }),
    maxLifetimeSeconds: 24 * 3600,
    clock: systemClock,
  });
  sign = (claims) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
});

const APP = { tid: 't1', oid: 'sp-oid', azp: 'client-123', roles: ['Sequences.Workflow'] };
const USER = {
  tid: 't1',
  oid: 'user-oid',
  preferred_username: 'Rep@Contoso.example',
  scp: 'Sequences.ReadWrite',
};

test.each<[string, Record<string, unknown>, { clientId: string } | undefined]>([
  ['idtyp app', { ...APP, idtyp: 'app' }, { clientId: 'client-123' }],
  ['no idtyp: roles, no scp, no user', APP, { clientId: 'client-123' }],
  [
    'v1 token: appid instead of azp',
    { ...APP, azp: undefined, appid: 'client-v1' },
    { clientId: 'client-v1' },
  ],
  [
    'no client id claim: the service principal id stands in',
    { ...APP, azp: undefined },
    { clientId: 'sp-oid' },
  ],
  ['idtyp user, even with roles and no scp', { ...APP, idtyp: 'user' }, undefined],
  ['a delegated user token', USER, undefined],
  ['a user token with the admin role', { ...USER, roles: ['Sequences.Admin'] }, undefined],
  ['no scp and no roles: not an app', { tid: 't1', oid: 'x' }, undefined],
  ['roles and a user name but no scp: a user', { ...APP, preferred_username: 'a@b.example' }, undefined],
])('%s', async (_name, claims, app) => {
  const verified = await verify(await sign(claims));
  expect(verified.app).toEqual(app);
  expect(verified.tenantId).toBe('t1');
});
