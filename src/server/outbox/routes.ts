import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ListOutboxQuery, OutboxMessage, Page } from '../../shared/schemas';
import type { Deps } from '../deps';
import { decodeCursor, paginate } from '../http/cursor';
import { errorResponses } from '../http/responses';

interface OutboxRow {
  id: string;
  message_id: string;
  from_address: string;
  to_address: string;
  subject: string;
  text_body: string;
  headers: Record<string, string>;
  enrollment_id: string | null;
  created_at: Date;
}

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
        const after = decodeCursor(request.query.cursor);
        const { rows } = await deps.db.query<OutboxRow>(
          `SELECT o.id, o.message_id, o.from_address, o.to_address, o.subject, o.text_body, o.headers, o.created_at,
                  sm.enrollment_id
           FROM outbox o LEFT JOIN sent_messages sm ON sm.id = o.sent_message_id
           WHERE o.account_id = $1::uuid
             AND ($2::text IS NULL OR lower(o.to_address) = lower($2::text))
             AND ($3::timestamptz IS NULL OR (o.created_at, o.id) < ($3::timestamptz, $4::uuid))
           ORDER BY o.created_at DESC, o.id DESC LIMIT $5::int`,
          [
            request.principal.accountId,
            request.query.to ?? null,
            after?.at ?? null,
            after?.id ?? null,
            limit + 1,
          ],
        );
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
