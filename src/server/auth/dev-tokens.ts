import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { Role, Scope } from '../../shared/enums';

/**
 * Dev auth mode: the server is its own issuer, so the whole product runs without
 * Microsoft Entra ID. Tokens are real RS256 JWTs verified by the same code path
 * as production; only the key set is local. The key pair is kept under DATA_DIR
 * so that tokens survive a restart.
 */
export const DEV_ISSUER = 'https://sales-tools.dev.invalid/auth';
export const DEV_AUDIENCE = 'api://sales-tools-dev';
export const DEV_TENANT_ID = 'dev-tenant';

export interface DevTokenRequest {
  email: string;
  name?: string;
  admin?: boolean;
  /** Defaults to read and write. */
  scopes?: string[];
  tenantId?: string;
  expiresInSeconds?: number;
  /** When it is issued (`iat`; `exp` counts from it): the server's clock. Default: now. */
  issuedAt?: Date;
}

/** An app-only token, shaped like Entra ID's client-credentials tokens (`idtyp: "app"`, `roles`, no `scp`). */
export interface DevAppTokenRequest {
  /** The app registration's client id (`azp`); its service principal's `oid` derives from it. */
  clientId: string;
  /** Defaults to Sequences.Workflow. */
  roles?: string[];
  tenantId?: string;
  expiresInSeconds?: number;
  issuedAt?: Date;
}

export interface DevTokenIssuer {
  keys: JWTVerifyGetKey;
  issue(request: DevTokenRequest): Promise<string>;
  issueApp(request: DevAppTokenRequest): Promise<string>;
}

type PrivateKey = Awaited<ReturnType<typeof importJWK>>;

async function loadOrCreateKey(keyFile: string | undefined): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8'));
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const pair = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
  if (keyFile) {
    mkdirSync(path.dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(pair), { mode: 0o600 });
  }
  return pair;
}

/** `iat` and `exp` (epoch seconds) of a token issued at `issuedAt` for `expiresInSeconds` (default 8 h). */
function lifetime(request: { issuedAt?: Date; expiresInSeconds?: number }): { iat: number; exp: number } {
  const iat = Math.floor((request.issuedAt?.getTime() ?? Date.now()) / 1000);
  return { iat, exp: iat + (request.expiresInSeconds ?? 8 * 3600) };
}

/** A stable object id per email, so the same dev user is found again after a restart. */
export function devOid(email: string): string {
  return createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);
}

export async function createDevTokenIssuer(options: { keyFile?: string } = {}): Promise<DevTokenIssuer> {
  const { privateJwk, publicJwk } = await loadOrCreateKey(options.keyFile);
  const privateKey: PrivateKey = await importJWK(privateJwk, 'RS256');
  return {
    keys: createLocalJWKSet({ keys: [publicJwk] }),
    issue: (request) => {
      const { iat, exp } = lifetime(request);
      return new SignJWT({
        tid: request.tenantId ?? DEV_TENANT_ID,
        oid: devOid(request.email),
        preferred_username: request.email.toLowerCase(),
        name: request.name ?? request.email.split('@')[0],
        scp: (request.scopes ?? [Scope.read, Scope.readWrite]).join(' '),
        roles: request.admin ? [Role.admin] : [],
      })
        .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(devOid(request.email))
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(privateKey);
    },
    issueApp: (request) => {
      const { iat, exp } = lifetime(request);
      return new SignJWT({
        tid: request.tenantId ?? DEV_TENANT_ID,
        oid: devOid(`app:${request.clientId}`),
        azp: request.clientId,
        idtyp: 'app',
        roles: request.roles ?? [Role.workflow],
      })
        .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(devOid(`app:${request.clientId}`))
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(privateKey);
    },
  };
}
