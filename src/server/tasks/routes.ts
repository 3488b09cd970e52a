import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TaskStatus } from '../../shared/enums';
import { IdParams, ListTasksQuery, Page, Task } from '../../shared/schemas';
import type { Deps } from '../deps';
import { decodeCursor, paginate } from '../http/cursor';
import { errorResponses } from '../http/responses';
import { listTasks, toTask } from './queries';
import { completeTask } from './service';

export function taskRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/tasks',
      {
        schema: {
          summary: 'Tasks created by task steps: yours (default) or the whole account’s',
          querystring: ListTasksQuery,
          response: { 200: Page(Task), ...errorResponses },
        },
      },
      async (request) => {
        const { status = TaskStatus.open, owner = 'me', cursor, limit = 50 } = request.query;
        const rows = await listTasks(deps.db, {
          accountId: request.principal.accountId,
          status,
          ownerId: owner === 'me' ? request.principal.userId : undefined,
          after: decodeCursor(cursor),
          limit: limit + 1,
        });
        const page = paginate(rows, limit, (row) => ({
          at: status === TaskStatus.open ? row.due_at : (row.completed_at ?? row.due_at),
          id: row.id,
        }));
        return { items: page.items.map(toTask), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/tasks/:id/complete',
      {
        schema: {
          summary: 'Complete a task; its sequence continues (idempotent)',
          params: IdParams,
          response: { 200: Task, ...errorResponses },
        },
      },
      async (request) => completeTask(deps, request.principal, request.params.id),
    );
  };
}
