import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ListOutboxQuery, OutboxMessage, Page } from '../../shared/schemas';
import type { Deps } from '../deps';
import { decodeCursor, paginate } from '../http/cursor';
import { errorResponses } from '../http/responses';
import { listOutbox } from './queries';

export function outboxRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/outbox',
      {
        schema: {
          summary: 'Email kept by the outbox transport, newest first',
          querystring: ListOutboxQuery,
          response: { 200: Page(OutboxMessage), ...errorResponses },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const rows = await listOutbox(deps.db, {
          accountId: request.principal.accountId,
          to: request.query.to,
          after: decodeCursor(request.query.cursor),
          limit: limit + 1,
        });
        const page = paginate(rows, limit, (row) => ({ at: row.created_at, id: row.id }));
        return {
          items: page.items.map((row) => ({
            id: row.id,
            messageId: row.message_id,
            from: row.from_address,
            to: row.to_address,
            subject: row.subject,
            text: row.text_body,
            headers: row.headers,
            enrollmentId: row.enrollment_id,
            createdAt: row.created_at.toISOString(),
          })),
          nextCursor: page.nextCursor,
        };
      },
    );
  };
}
