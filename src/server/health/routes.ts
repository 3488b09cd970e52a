import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ping } from '../db/queries';
import type { Deps } from '../deps';

const Status = Type.Object({ status: Type.String() });

/** Liveness (the process answers) and readiness (the database answers too). */
export function healthRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/health', { schema: { response: { 200: Status } }, config: { auth: 'none' } }, async () => ({
      status: 'ok',
    }));

    app.get(
      '/ready',
      { schema: { response: { 200: Status, 503: Status } }, config: { auth: 'none' } },
      async (request, reply) => {
        try {
          await ping(deps.db);
          return { status: 'ready' };
        } catch (error: unknown) {
          request.log.warn({ err: error }, 'database not reachable');
          return reply.code(503).send({ status: 'database unreachable' });
        }
      },
    );
  };
}
