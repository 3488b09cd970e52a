import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock';
import type { Db } from '../db/port';
import { AppError } from '../http/errors';
import {
  canRead,
  canWrite,
  isAdmin,
  isWorkflowClient,
  type AppPrincipal,
  type AuthRequirement,
  type Principal,
  type TokenClaims,
} from './claims';
import { createPrincipal, findAccountByTenant, findPrincipal } from '../accounts/queries';
import type { TokenVerifier } from './token-verifier';
import { TtlCache } from './ttl-cache';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route requires of its caller; routes under /api/v1 default to `read`. */
    auth?: AuthRequirement;
  }
  interface FastifyRequest {
    principal: Principal;
    /** Set instead of `principal` when an app-only token calls a `workflow` route. */
    appPrincipal: AppPrincipal | null;
  }
}

/**
 * (tenant, oid) → (account, user), so an authenticated request costs no query.
 * Entries live 30 s; removing a user forgets theirs in this process at once
 * (`forgetUser`), and in other processes within the 30 s.
 */
export class PrincipalCache extends TtlCache<{ accountId: string; userId: string }> {
  constructor() {
    super(30_000, 10_000);
  }
  forgetUser(userId: string): void {
    this.forget((ids) => ids.userId === userId);
  }
}

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw new AppError('unauthorized', 'Sign in first: the Authorization header is missing');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('unauthorized', 'The Authorization header must be "Bearer <access token>"');
  return match[1];
}

async function authenticate(
  db: Db,
  principals: PrincipalCache,
  claims: TokenClaims,
  clock: Clock,
): Promise<Principal> {
  const key = `${claims.tenantId}\n${claims.oid}`;
  const now = clock.now().getTime();
  let ids = principals.get(key, now);
  if (!ids) {
    const row = (await findPrincipal(db, claims)) ?? (await createPrincipal(db, claims));
    if (row.deleted_at)
      throw new AppError('user_removed', 'Your user was removed from this account by an admin');
    ids = { accountId: row.account_id, userId: row.user_id };
    principals.set(key, ids, now);
  }
  return { ...claims, ...ids };
}

/** An app-only token: only on `workflow` routes, with the Sequences.Workflow role, in an existing account. */
async function authenticateApp(
  db: Db,
  claims: TokenClaims & { app: { clientId: string } },
  requirement: AuthRequirement,
): Promise<AppPrincipal> {
  if (requirement !== 'workflow') {
    throw new AppError('forbidden', 'An app-only token can call only POST /api/v1/workflows/unenroll');
  }
  if (!isWorkflowClient(claims)) {
    throw new AppError('forbidden', 'This app needs the Sequences.Workflow application permission');
  }
  const account = await findAccountByTenant(db, claims.tenantId);
  if (!account) {
    throw new AppError('forbidden', 'This organisation has no account yet: a user must sign in first');
  }
  return {
    tenantId: claims.tenantId,
    accountId: account.id,
    oid: claims.oid,
    clientId: claims.app.clientId,
    roles: claims.roles,
  };
}

function authorize(principal: Principal, requirement: AuthRequirement, method: string): void {
  if (requirement === 'workflow') requirement = 'admin';
  if (requirement === 'admin') {
    if (!isAdmin(principal)) throw new AppError('forbidden', 'This needs the Sequences.Admin role');
    requirement = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
  }
  if (requirement === 'read' && !canRead(principal)) {
    throw new AppError('forbidden', 'This token lacks the Sequences.Read scope');
  }
  if (requirement === 'write' && !canWrite(principal)) {
    throw new AppError('forbidden', 'This token lacks the Sequences.ReadWrite scope');
  }
}

/**
 * Authenticates every route of the instance it is registered on, unless the
 * route says `config: { auth: 'none' }`. GET and HEAD need `read`; other methods
 * `write`, unless the route asks for more. App-only tokens become an
 * `appPrincipal` (no user row) and are refused everywhere but `workflow` routes.
 */
export const authPlugin = fp<{ db: Db; verify: TokenVerifier; principals: PrincipalCache; clock: Clock }>(
  async (app: FastifyInstance, { db, verify, principals, clock }) => {
    app.decorateRequest('principal', null as unknown as Principal);
    app.decorateRequest('appPrincipal', null);
    app.addHook('onRequest', async (request) => {
      const declared = request.routeOptions.config.auth;
      if (declared === 'none') return;
      const requirement =
        declared ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
      const claims = await verify(bearerToken(request));
      if (claims.app) {
        request.appPrincipal = await authenticateApp(db, { ...claims, app: claims.app }, requirement);
        return;
      }
      request.principal = await authenticate(db, principals, claims, clock);
      authorize(request.principal, requirement, request.method);
    });
  },
);
