import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, ScheduledItem, ScheduledQuery } from '../../shared/schemas';
import type { Deps } from '../deps';
import { decodeCursor, paginate } from '../http/cursor';
import { errorResponses } from '../http/responses';
import { listScheduled, toScheduledItem } from '../lifecycle';

/** M3: the Scheduled tab — the next step of each active enrollment, soonest first. */
export function scheduledRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/scheduled',
      {
        schema: {
          summary: 'The next step of every active enrollment, soonest first, with the contact’s name (M3)',
          querystring: ScheduledQuery,
          response: { 200: Page(ScheduledItem), ...errorResponses },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 100;
        const rows = await listScheduled(deps.db, {
          accountId: request.principal.accountId,
          sequenceId: request.query.sequenceId,
          after: decodeCursor(request.query.cursor),
          limit: limit + 1,
        });
        // next_step_at is never null here (the query's filter).
        const page = paginate(rows, limit, (row) => ({ at: row.next_step_at as Date, id: row.id }));
        return { items: page.items.map(toScheduledItem), nextCursor: page.nextCursor };
      },
    );
  };
}
