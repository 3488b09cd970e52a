import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CreateSequenceBody,
  IdParams,
  Page,
  PatchSequenceBody,
  Sequence,
  SequenceDetail,
  SequenceOverview,
  SequenceOverviewQuery,
} from '../../shared/schemas';
import type { Deps } from '../deps';
import { errorResponses } from '../http/responses';
import { listSequences, toSequence } from './queries';
import { createSequence, deleteSequence, getSequence, patchSequence, sequenceOverview } from './service';

export function sequenceRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/sequences',
      { schema: { body: CreateSequenceBody, response: { 201: SequenceDetail, ...errorResponses } } },
      async (request, reply) =>
        reply.code(201).send(await createSequence(deps, request.principal, request.body)),
    );

    app.get(
      '/sequences',
      {
        schema: { response: { 200: Type.Object({ items: Type.Array(Sequence) }), ...errorResponses } },
      },
      async (request) => ({
        items: (await listSequences(deps.db, request.principal.accountId)).map(toSequence),
      }),
    );

    app.get(
      '/sequences/overview',
      {
        schema: {
          summary: 'The sequences table: a page of sequences with their figures, searchable by name (C2)',
          querystring: SequenceOverviewQuery,
          response: { 200: Page(SequenceOverview), ...errorResponses },
        },
      },
      async (request) => sequenceOverview(deps, request.principal, request.query),
    );

    app.get(
      '/sequences/:id',
      { schema: { params: IdParams, response: { 200: SequenceDetail, ...errorResponses } } },
      async (request) => getSequence(deps, request.principal, request.params.id),
    );

    app.patch(
      '/sequences/:id',
      {
        schema: {
          params: IdParams,
          body: PatchSequenceBody,
          response: { 200: SequenceDetail, ...errorResponses },
        },
      },
      async (request) => patchSequence(deps, request.principal, request.params.id, request.body),
    );

    app.delete(
      '/sequences/:id',
      { schema: { params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        await deleteSequence(deps, request.principal, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
