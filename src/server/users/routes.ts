import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Account, IdParams, Me, PatchAccountBody, PatchUserBody, User } from '../../shared/schemas';
import type { Deps } from '../deps';
import { errorResponses } from '../http/responses';
import { findAccount, listUsers, toAccount, toUser, updateAccount } from '../accounts/queries';
import { deleteUser, me, patchUser } from './service';

export function userRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/me', { schema: { response: { 200: Me, ...errorResponses } } }, async (request) =>
      me(deps, request.principal),
    );

    app.patch(
      '/me',
      {
        schema: {
          summary: 'Change your own time zone or email signature',
          body: Type.Omit(PatchUserBody, ['seat']),
          response: { 200: User, ...errorResponses },
        },
      },
      async (request) => patchUser(deps, request.principal, request.principal.userId, request.body),
    );

    app.patch(
      '/account',
      {
        schema: { body: PatchAccountBody, response: { 200: Account, ...errorResponses } },
        config: { auth: 'admin' },
      },
      async (request) =>
        toAccount(
          await updateAccount(deps.db, request.principal.accountId, request.body, deps.clock.now()),
          deps.config.inbound.domain,
        ),
    );

    app.get(
      '/account',
      { schema: { response: { 200: Account, ...errorResponses } }, config: { auth: 'admin' } },
      async (request) =>
        toAccount(await findAccount(deps.db, request.principal.accountId), deps.config.inbound.domain),
    );

    app.get(
      '/users',
      {
        schema: { response: { 200: Type.Object({ items: Type.Array(User) }), ...errorResponses } },
        config: { auth: 'admin' },
      },
      async (request) => ({ items: (await listUsers(deps.db, request.principal.accountId)).map(toUser) }),
    );

    app.patch(
      '/users/:id',
      {
        schema: { params: IdParams, body: PatchUserBody, response: { 200: User, ...errorResponses } },
        config: { auth: 'admin' },
      },
      async (request) => patchUser(deps, request.principal, request.params.id, request.body),
    );

    app.delete(
      '/users/:id',
      {
        schema: { params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
        config: { auth: 'admin' },
      },
      async (request, reply) => {
        await deleteUser(deps, request.principal, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
