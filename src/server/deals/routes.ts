import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CreateDealBody, Deal, IdParams } from '../../shared/schemas';
import type { Deps } from '../deps';
import { notFound } from '../http/errors';
import { errorResponses } from '../http/responses';
import { findDeal, toDeal } from './queries';
import { createDeal } from './service';

export function dealRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/deals',
      { schema: { body: CreateDealBody, response: { 201: Deal, ...errorResponses } } },
      async (request, reply) => reply.code(201).send(await createDeal(deps, request.principal, request.body)),
    );

    app.get(
      '/deals/:id',
      { schema: { params: IdParams, response: { 200: Deal, ...errorResponses } } },
      async (request) => {
        const row = await findDeal(deps.db, request.principal.accountId, request.params.id);
        if (!row) throw notFound('The deal');
        return toDeal(row);
      },
    );
  };
}
