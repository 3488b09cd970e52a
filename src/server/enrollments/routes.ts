import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BulkUnenrollBody,
  BulkUnenrollResult,
  EnrollBody,
  Enrollment,
  EnrollmentListItem,
  EnrollmentWithEvents,
  IdParams,
  ListEnrollmentsQuery,
  Page,
  UnenrollBody,
} from '../../shared/schemas';
import type { Deps } from '../deps';
import { decodeCursor, paginate } from '../http/cursor';
import { errorResponses } from '../http/responses';
import { listEnrollments, toEnrollmentListItem } from '../lifecycle';
import { enroll, getEnrollment, pause, resume, unenrollBulk, unenrollContact, unenrollOne } from './service';

export function enrollmentRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/enrollments',
      {
        schema: {
          summary: 'Enroll a contact; the first step runs at once (E1)',
          body: EnrollBody,
          response: { 201: Enrollment, ...errorResponses },
        },
      },
      async (request, reply) => reply.code(201).send(await enroll(deps, request.principal, request.body)),
    );

    app.get(
      '/enrollments',
      {
        schema: {
          summary: 'A page of enrollments, newest first, each with its contact’s name',
          querystring: ListEnrollmentsQuery,
          response: { 200: Page(EnrollmentListItem), ...errorResponses },
        },
      },
      async (request) => {
        const { cursor, limit = 50, ...filter } = request.query;
        const after = decodeCursor(cursor);
        const rows = await listEnrollments(deps.db, {
          accountId: request.principal.accountId,
          ...filter,
          after: after && { enrolledAt: after.at, id: after.id },
          limit: limit + 1,
        });
        const page = paginate(rows, limit, (row) => ({ at: row.enrolled_at, id: row.id }));
        return { items: page.items.map(toEnrollmentListItem), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/enrollments/:id',
      { schema: { params: IdParams, response: { 200: EnrollmentWithEvents, ...errorResponses } } },
      async (request) => getEnrollment(deps, request.principal, request.params.id),
    );

    app.post(
      '/enrollments/:id/unenroll',
      {
        schema: {
          summary: 'Unenroll; idempotent (an ended enrollment answers unchanged)',
          params: IdParams,
          body: UnenrollBody,
          response: { 200: Enrollment, ...errorResponses },
        },
      },
      async (request) => unenrollOne(deps, request.principal, request.params.id, request.body.detail),
    );

    app.post(
      '/enrollments/unenroll',
      {
        schema: {
          summary: 'Unenroll many: by ids (up to 10,000) or every current enrollment of a sequence',
          body: BulkUnenrollBody,
          response: { 200: BulkUnenrollResult, ...errorResponses },
        },
      },
      async (request) => unenrollBulk(deps, request.principal, request.body),
    );

    app.post(
      '/enrollments/:id/pause',
      { schema: { params: IdParams, response: { 200: Enrollment, ...errorResponses } } },
      async (request) => pause(deps, request.principal, request.params.id),
    );

    app.post(
      '/enrollments/:id/resume',
      { schema: { params: IdParams, response: { 200: Enrollment, ...errorResponses } } },
      async (request) => resume(deps, request.principal, request.params.id),
    );

    // M1 on the contact record: an enrollment action addressed by the contact.
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
