import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EnrollManyBody, EnrollManyResult } from '../../shared/schemas';
import type { Deps } from '../deps';
import { errorResponses } from '../http/responses';
import { enrollMany } from './enroll-many';

export function enrollManyRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/enrollments/batch',
      {
        schema: {
          summary:
            'Enroll up to 500 contacts in one sequence; those E2 refuses are listed with the reason (200 either way)',
          body: EnrollManyBody,
          response: { 200: EnrollManyResult, ...errorResponses },
        },
      },
      async (request) => enrollMany(deps, request.principal, request.body),
    );
  };
}
