import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/**
 * A stand-in identity provider for tests of the production auth path: a real
 * HTTP server publishing a JWKS, and a signer for tokens with any claims.
 * It counts JWKS fetches so caching can be asserted.
 */
export interface TestIssuer {
  jwksUri: string;
  fetches: () => number;
  publicJwk: JWK;
  sign(
    claims: JWTPayload,
    options?: {
      keys?: KeyPair;
      kid?: string;
      /** `null`: no `exp` claim at all. */
      expiresIn?: string | number | null;
      notBefore?: string | number;
      /** `null`: no `iat` claim. */
      issuedAt?: number | null;
    },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const keys = await generateKeyPair('RS256', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server: Server = createServer((request, response) => {
    fetches += 1;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUri: `http://127.0.0.1:${port}/keys`,
    fetches: () => fetches,
    publicJwk,
    async sign(claims, options = {}) {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' });
      if (options.issuedAt !== null) jwt.setIssuedAt(options.issuedAt);
      if (options.expiresIn !== null) jwt.setExpirationTime(options.expiresIn ?? '1h');
      if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
      return jwt.sign((options.keys ?? keys).privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
