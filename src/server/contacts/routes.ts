import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  Contact,
  ContactDetail,
  ContactListItem,
  CreateContactBody,
  IdParams,
  LookupBody,
  LookupResponse,
  Page,
  PageQuery,
  PatchContactBody,
} from '../../shared/schemas';
import type { Deps } from '../deps';
import { decodeCursor, paginate } from '../http/cursor';
import { errorResponses } from '../http/responses';
import { listContacts } from './queries';
import {
  createContact,
  deleteContact,
  getContact,
  lookupContacts,
  patchContact,
  toContactListItem,
} from './service';

export function contactRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/contacts',
      { schema: { body: CreateContactBody, response: { 201: Contact, ...errorResponses } } },
      async (request, reply) =>
        reply.code(201).send(await createContact(deps, request.principal, request.body)),
    );

    app.get(
      '/contacts',
      {
        schema: {
          summary:
            'A page of contacts, newest first, each with its current enrollment; q searches name and email',
          querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 200 })) }),
          response: { 200: Page(ContactListItem), ...errorResponses },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const after = decodeCursor(request.query.cursor);
        const rows = await listContacts(deps.db, request.principal.accountId, {
          after: after && { createdAt: after.at, id: after.id },
          limit: limit + 1,
          q: request.query.q,
        });
        const page = paginate(rows, limit, (row) => ({ at: row.created_at, id: row.id }));
        return { items: page.items.map(toContactListItem), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/contacts/lookup',
      {
        schema: {
          summary: 'Find the contacts and current enrollments of up to 1000 addresses, in request order',
          body: LookupBody,
          response: { 200: LookupResponse, ...errorResponses },
        },
        // A lookup only reads, whatever its method.
        config: { auth: 'read' },
      },
      async (request) => ({ results: await lookupContacts(deps, request.principal, request.body.emails) }),
    );

    app.get(
      '/contacts/:id',
      { schema: { params: IdParams, response: { 200: ContactDetail, ...errorResponses } } },
      async (request) => getContact(deps, request.principal, request.params.id),
    );

    app.patch(
      '/contacts/:id',
      {
        schema: {
          params: IdParams,
          body: PatchContactBody,
          response: { 200: Contact, ...errorResponses },
        },
      },
      async (request) => patchContact(deps, request.principal, request.params.id, request.body),
    );

    app.delete(
      '/contacts/:id',
      { schema: { params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        await deleteContact(deps, request.principal, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
