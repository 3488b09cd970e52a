import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_STATUS, type ErrorCode } from '../../shared/enums';
import { AppError, INPUT_DATA_EXCEPTIONS, isDatabaseUnavailable, pgErrorCode } from './errors';
import { validationMessage } from './validation-message';

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

/**
 * Turns whatever was thrown into `{ error: { code, message } }` and a status.
 * `accepts`: the content types of the route, for a 415 that says what to send.
 */
export function toErrorBody(
  error: unknown,
  accepts: readonly string[] = ['application/json'],
): {
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
    const message = validationMessage(error.validationContext ?? 'request', error.validation);
    return { status: 400, body: { error: { code: 'invalid_request', message } }, internal: false };
  }
  if (isFastifyError(error) && error.statusCode === 415) {
    const message = `This request's Content-Type is not accepted here; send ${accepts.join(' or ')}`;
    return { status: 415, body: { error: { code: 'unsupported_media_type', message } }, internal: false };
  }
  if (isFastifyError(error) && error.statusCode && error.statusCode < 500) {
    const code = STATUS_CODES[error.statusCode] ?? 'invalid_request';
    return { status: ERROR_STATUS[code], body: { error: { code, message: error.message } }, internal: false };
  }
  // A malformed id or value that reached SQL is the caller's mistake, not ours.
  if (INPUT_DATA_EXCEPTIONS.has(pgErrorCode(error) ?? '')) {
    return {
      status: 400,
      body: { error: { code: 'invalid_request', message: 'A value in the request has the wrong format' } },
      internal: false,
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      body: {
        error: {
          code: 'database_unavailable',
          message: 'The database is not reachable right now; nothing was changed. Try again in a moment',
        },
      },
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
    const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;
    const { status, body, internal } = toErrorBody(error, consumes);
    if (internal) request.log.error({ err: error }, 'request failed');
    // A 503 passes (the database comes back, the queue drains): say when to try again.
    if (status === 503) void reply.header('retry-after', '1');
    else request.log.info({ code: (body.error as { code: string }).code, status }, 'request refused');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    }),
  );
}
