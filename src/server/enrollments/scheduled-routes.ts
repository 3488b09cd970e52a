import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Enrollment, Uuid } from '../../shared/schemas';
import type { Deps } from '../deps';
import { errorResponses } from '../http/responses';
import { ENROLLMENT_VIEW, toEnrollment, type EnrollmentRow } from './queries';

/** M3: the Scheduled tab — the next step of each active enrollment, soonest first. */
export function scheduledRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/scheduled',
      {
        schema: {
          querystring: Type.Object(
            {
              sequenceId: Type.Optional(Uuid),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(Enrollment) }), ...errorResponses },
        },
      },
      async (request) => {
        const { rows } = await deps.db.query<EnrollmentRow>(
          `${ENROLLMENT_VIEW}
           WHERE e.account_id = $1::uuid AND e.status = 'active' AND e.next_step_at IS NOT NULL
             AND ($2::uuid IS NULL OR e.sequence_id = $2::uuid)
           ORDER BY e.next_step_at, e.id LIMIT $3::int`,
          [request.principal.accountId, request.query.sequenceId ?? null, request.query.limit ?? 100],
        );
        return { items: rows.map(toEnrollment) };
      },
    );
  };
}
