import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  Contact,
  ContactDetail,
  CreateContactBody,
  Enrollment,
  IdParams,
  LookupBody,
  LookupResponse,
  Page,
  PageQuery,
  PatchContactBody,
  UnenrollBody,
} from '../../shared/schemas';
import type { Deps } from '../deps';
import { unenrollContact } from '../enrollments/service';
import { decodeCursor, paginate } from '../http/cursor';
import { errorResponses } from '../http/responses';
import { listContacts, toContact } from './queries';
import { createContact, deleteContact, getContact, lookupContacts, patchContact } from './service';

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
          querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 200 })) }),
          response: { 200: Page(Contact), ...errorResponses },
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
        return { items: page.items.map(toContact), nextCursor: page.nextCursor };
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

    app.post(
      '/contacts/:id/unenroll',
      {
        schema: {
          summary: 'Unenroll the contact from its current sequence',
          params: IdParams,
          body: UnenrollBody,
          response: { 200: Enrollment, ...errorResponses },
        },
      },
      async (request) => unenrollContact(deps, request.principal, request.params.id, request.body.detail),
    );
  };
}
