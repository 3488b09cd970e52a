import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CreateDealBody, Deal, IdParams } from '../../shared/schemas';
import type { Deps } from '../deps';
import { AppError, notFound } from '../http/errors';
import { errorResponses } from '../http/responses';
import { countLiveContacts, findDeal, insertDeal, toDeal } from './queries';

const tags = ['deals'];

export function dealRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/deals',
      { schema: { tags, body: CreateDealBody, response: { 201: Deal, ...errorResponses } } },
      async (request, reply) => {
        const { accountId, userId } = request.principal;
        const contactIds = [...new Set(request.body.contactIds)];
        if ((await countLiveContacts(deps.db, accountId, contactIds)) !== contactIds.length) {
          throw new AppError(
            'invalid_request',
            'contactIds names a contact that does not exist in this account',
          );
        }
        const row = await insertDeal(deps.db, {
          accountId,
          ...request.body,
          contactIds,
          createdBy: userId,
          now: deps.clock.now(),
        });
        return reply.code(201).send(toDeal(row));
      },
    );

    app.get(
      '/deals/:id',
      { schema: { tags, params: IdParams, response: { 200: Deal, ...errorResponses } } },
      async (request) => {
        const row = await findDeal(deps.db, request.principal.accountId, request.params.id);
        if (!row) throw notFound('The deal');
        return toDeal(row);
      },
    );
  };
}
