import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_STATUS, type ErrorCode } from '../../shared/enums';
import { AppError, PgCode, pgErrorCode } from './errors';

/** Fastify's own errors, by status, as our stable codes. */
const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as FastifyError).statusCode === 'number';
}

/** Turns whatever was thrown into `{ error: { code, message } }` and a status. */
export function toErrorBody(error: unknown): {
  status: number;
  body: Record<string, unknown>;
  internal: boolean;
} {
  if (error instanceof AppError) {
    return {
      status: error.statusCode,
      body: { error: { code: error.code, message: error.message }, ...error.extra },
      internal: error.statusCode >= 500,
    };
  }
  if (isFastifyError(error) && error.validation) {
    const where = error.validationContext ?? 'request';
    return {
      status: 400,
      body: { error: { code: 'invalid_request', message: `Invalid ${where}: ${error.message}` } },
      internal: false,
    };
  }
  if (isFastifyError(error) && error.statusCode && error.statusCode < 500) {
    const code = STATUS_CODES[error.statusCode] ?? 'invalid_request';
    return { status: ERROR_STATUS[code], body: { error: { code, message: error.message } }, internal: false };
  }
  // A malformed id or value that reached SQL is the caller's mistake, not ours.
  if (pgErrorCode(error) === PgCode.invalidTextRepresentation) {
    return {
      status: 400,
      body: { error: { code: 'invalid_request', message: 'A value in the request has the wrong format' } },
      internal: false,
    };
  }
  return {
    status: 500,
    // Never leak internals: the details are in the log, under the request id.
    body: {
      error: { code: 'internal_error', message: 'Something went wrong on our side; please try again' },
    },
    internal: true,
  };
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body, internal } = toErrorBody(error);
    if (internal) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: (body.error as { code: string }).code, status }, 'request refused');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    }),
  );
}
