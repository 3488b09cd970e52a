import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps';
import { AppError } from '../http/errors';
import { errorResponses } from '../http/responses';
import { ingestEmail } from './service';

const IngestResponse = Type.Object({
  messageId: Type.Union([Type.String(), Type.Null()]),
  classification: Type.Object(
    { kind: Type.String({ description: 'human | auto_reply | auto_generated | bounce' }) },
    { additionalProperties: true },
  ),
  actions: Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true })),
  duplicate: Type.Boolean({ description: 'The message had been processed before; nothing was done again' }),
});

/** Inbound mail (A1–A5, A8, A13, A14): one raw RFC 5322 message per request. */
export function inboundRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addContentTypeParser(
      'message/rfc822',
      { parseAs: 'buffer', bodyLimit: deps.config.inbound.maxBytes },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/inbound/email',
      {
        bodyLimit: deps.config.inbound.maxBytes,
        schema: {
          summary: 'Take one raw message (Content-Type: message/rfc822): replies, bounces, auto-replies',
          consumes: ['message/rfc822'],
          // For /docs and generated clients; the bytes are checked by the parser, not by a schema.
          body: Type.String({ format: 'binary', description: 'One raw RFC 5322 message, as received' }),
          response: { 200: IngestResponse, ...errorResponses },
        },
        validatorCompiler: () => () => true,
      },
      async (request) => {
        const rfc822 = /^message\/rfc822\b/i.test(request.headers['content-type'] ?? '');
        if (!rfc822)
          throw new AppError(
            'unsupported_media_type',
            'Send the raw message with Content-Type: message/rfc822',
          );
        // An empty body is not parsed at all; it reaches the parser as an empty message.
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return ingestEmail(deps, request.principal.accountId, raw);
      },
    );
  };
}
