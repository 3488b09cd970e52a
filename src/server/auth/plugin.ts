import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/port';
import { AppError } from '../http/errors';
import { canRead, canWrite, isAdmin, type AuthRequirement, type Principal } from './claims';
import { createPrincipal, findPrincipal } from './principal-queries';
import type { TokenVerifier } from './token-verifier';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route requires of its caller; routes under /api/v1 default to `read`. */
    auth?: AuthRequirement;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw new AppError('unauthorized', 'Sign in first: the Authorization header is missing');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('unauthorized', 'The Authorization header must be "Bearer <access token>"');
  return match[1];
}

async function authenticate(db: Db, verify: TokenVerifier, request: FastifyRequest): Promise<Principal> {
  const claims = await verify(bearerToken(request));
  const row = (await findPrincipal(db, claims)) ?? (await createPrincipal(db, claims));
  if (row.deleted_at)
    throw new AppError('user_removed', 'Your user was removed from this account by an admin');
  return { ...claims, accountId: row.account_id, userId: row.user_id };
}

function authorize(principal: Principal, requirement: AuthRequirement, method: string): void {
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
 * `write`, unless the route asks for more.
 */
export const authPlugin = fp<{ db: Db; verify: TokenVerifier }>(
  async (app: FastifyInstance, { db, verify }) => {
    app.decorateRequest('principal', null as unknown as Principal);
    app.addHook('onRequest', async (request) => {
      const declared = request.routeOptions.config.auth;
      if (declared === 'none') return;
      const requirement =
        declared ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
      request.principal = await authenticate(db, verify, request);
      authorize(request.principal, requirement, request.method);
    });
  },
);
