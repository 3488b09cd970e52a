import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Company, CreateCompanyBody, IdParams, PatchCompanyBody } from '../../shared/schemas';
import type { Deps } from '../deps';
import { notFound } from '../http/errors';
import { errorResponses } from '../http/responses';
import { findCompany, insertCompany, toCompany } from './queries';
import { patchCompany } from './service';

export function companyRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/companies',
      { schema: { body: CreateCompanyBody, response: { 201: Company, ...errorResponses } } },
      async (request, reply) => {
        const row = await insertCompany(deps.db, request.principal.accountId, request.body, deps.clock.now());
        return reply.code(201).send(toCompany(row));
      },
    );

    app.get(
      '/companies/:id',
      { schema: { params: IdParams, response: { 200: Company, ...errorResponses } } },
      async (request) => {
        const row = await findCompany(deps.db, request.principal.accountId, request.params.id);
        if (!row) throw notFound('The company');
        return toCompany(row);
      },
    );

    app.patch(
      '/companies/:id',
      {
        schema: {
          params: IdParams,
          body: PatchCompanyBody,
          response: { 200: Company, ...errorResponses },
        },
      },
      async (request) => patchCompany(deps, request.principal, request.params.id, request.body),
    );
  };
}
