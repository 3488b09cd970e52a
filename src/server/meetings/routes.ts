import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MeetingBody, MeetingResult } from '../../shared/schemas';
import type { Deps } from '../deps';
import { errorResponses } from '../http/responses';
import { receiveMeeting } from './service';

export function meetingRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/inbound/meetings',
      {
        schema: {
          summary: 'A meeting was booked or logged: unenroll the contacts it counts for (A6)',
          description:
            'Idempotent on externalId: 201 the first time, then 200 with the first answer and duplicate: true.',
          body: MeetingBody,
          response: { 200: MeetingResult, 201: MeetingResult, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await receiveMeeting(deps, request.principal, request.body);
        return reply.code(result.duplicate ? 200 : 201).send(result);
      },
    );
  };
}
