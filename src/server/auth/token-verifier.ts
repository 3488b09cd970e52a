import {
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import type { TokenClaims } from './claims';
import { TtlCache } from './ttl-cache';

export interface VerifierOptions {
  /** May contain `{tid}`: Microsoft Entra ID issues per tenant (`https://login.microsoftonline.com/{tid}/v2.0`). */
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
  allowedTenants?: string[];
  /** Tolerated clock skew in seconds for `exp` and `nbf`. */
  clockToleranceSeconds?: number;
  /**
   * The longest lifetime accepted (`exp` − `iat`, or `exp` − now without `iat`): a token
   * that lives for days is a stolen credential that lives for days. Entra ID issues access
   * tokens for 60–90 minutes, and a token lifetime policy can stretch them to 1 day at most
   * (learn.microsoft.com/entra/identity-platform/configurable-token-lifetimes).
   */
  maxLifetimeSeconds: number;
  clock: Clock;
}

export type TokenVerifier = (token: string) => Promise<TokenClaims>;

/** The JWKS of an issuer, fetched on first use and cached by jose (refetched on an unknown `kid`). */
export function remoteKeys(jwksUri: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUri), { cacheMaxAge: 6 * 60 * 60 * 1000, cooldownDuration: 30_000 });
}

const unauthorized = (message: string) => new AppError('unauthorized', message);

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Verifies a bearer token: signature against the issuer's keys with RS256 only
 * (so neither `alg: none` nor an HS256 token "signed" with the public key gets
 * through), then `iss`, `aud`, `exp` (required: a token without it would be
 * accepted for ever) and `nbf`, and a lifetime within `maxLifetimeSeconds`.
 */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const perTenant = options.issuer.includes('{tid}');
  return async (token) => {
    let expectedIssuer = options.issuer;
    if (perTenant) {
      let tid: string | undefined;
      try {
        tid = stringClaim(decodeJwt(token), 'tid');
      } catch {
        throw unauthorized('The access token is malformed');
      }
      if (!tid || !/^[\w-]{1,64}$/.test(tid))
        throw unauthorized('The access token has no valid tenant (tid)');
      expectedIssuer = options.issuer.replace('{tid}', tid);
    }

    const now = options.clock.now();
    const tolerance = options.clockToleranceSeconds ?? 60;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        issuer: expectedIssuer,
        audience: options.audience,
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
        clockTolerance: tolerance,
        currentDate: now,
      }));
    } catch (error: unknown) {
      // The issuer's keys being out of reach is our problem, not the caller's.
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
        throw new AppError('service_unavailable', 'The sign-in keys could not be fetched; try again shortly');
      }
      throw unauthorized(describeVerifyError(error));
    }
    const start = typeof payload.iat === 'number' ? payload.iat : Math.floor(now.getTime() / 1000);
    if ((payload.exp as number) - start > options.maxLifetimeSeconds + tolerance) {
      throw unauthorized(
        `The access token lives longer than this service accepts (${options.maxLifetimeSeconds / 60} minutes at most)`,
      );
    }

    const tenantId = stringClaim(payload, 'tid');
    const oid = stringClaim(payload, 'oid') ?? stringClaim(payload, 'sub');
    if (!tenantId || !oid) throw unauthorized('The access token lacks the tid or oid claim');
    if (options.allowedTenants?.length && !options.allowedTenants.includes(tenantId)) {
      throw new AppError('forbidden', 'This organisation is not allowed to use this service');
    }
    const scp = stringClaim(payload, 'scp');
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((r): r is string => typeof r === 'string')
      : [];
    const email =
      stringClaim(payload, 'preferred_username') ??
      stringClaim(payload, 'email') ??
      stringClaim(payload, 'upn') ??
      '';
    const claims = {
      tenantId,
      oid,
      email: email.toLowerCase(),
      name: stringClaim(payload, 'name') ?? email,
      scopes: scp ? scp.split(' ').filter(Boolean) : [],
      roles,
    };
    if (!isAppOnly(payload, { scp, email, roles })) return claims;
    const clientId = stringClaim(payload, 'azp') ?? stringClaim(payload, 'appid') ?? oid;
    return { ...claims, app: { clientId } };
  };
}

/**
 * Remembers verified tokens until they expire (at most `ttlMs`): the add-in sends
 * the same access token with every call for its lifetime, and the signature and
 * claims of the same bytes cannot change. Only successes are cached.
 */
export function cachingVerifier(verify: TokenVerifier, clock: Clock, ttlMs = 5 * 60_000): TokenVerifier {
  const cache = new TtlCache<TokenClaims & { expiresAt: number }>(ttlMs, 10_000);
  return async (token) => {
    const at = clock.now().getTime();
    const hit = cache.get(token, at);
    if (hit && hit.expiresAt > at) return hit;
    const claims = await verify(token);
    let expiresAt = at + ttlMs;
    try {
      const { exp } = decodeJwt(token);
      if (typeof exp === 'number') expiresAt = Math.min(expiresAt, exp * 1000);
    } catch {
      return claims;
    }
    cache.set(token, { ...claims, expiresAt }, at, expiresAt - at);
    return claims;
  };
}

/**
 * An app-only (client credentials) token. Entra ID says so in the optional
 * `idtyp` claim ("app" or "user"); without it, Microsoft's guidance is that an
 * app token has `roles` but no `scp`, and it names no signed-in user.
 * https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference
 */
function isAppOnly(
  payload: JWTPayload,
  seen: { scp: string | undefined; email: string; roles: string[] },
): boolean {
  const idtyp = stringClaim(payload, 'idtyp');
  if (idtyp !== undefined) return idtyp === 'app';
  return seen.scp === undefined && seen.email === '' && seen.roles.length > 0;
}

function describeVerifyError(error: InstanceType<typeof joseErrors.JOSEError>): string {
  if (error instanceof joseErrors.JWTExpired) return 'The access token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'exp')
      return 'The access token has no expiry (exp): sign in again for a token that expires';
    if (error.claim === 'iss') return 'The access token was issued by an unexpected issuer';
    if (error.claim === 'aud') return 'The access token is meant for another audience';
    if (error.claim === 'nbf') return 'The access token is not valid yet';
    return `The access token's ${error.claim} claim is invalid`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The access token is not signed with RS256';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The access token was signed with an unknown key';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'The access token signature is invalid';
  return 'The access token is invalid';
}
