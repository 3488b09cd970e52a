import type { IncomingHttpHeaders } from 'node:http';
import { GraphError } from './errors';
import type { HttpResponse } from './http';

/** Graph takes at most 20 requests in one `$batch` (learn.microsoft.com/graph/json-batching). */
export const BATCH_LIMIT = 20;

export interface BatchRequest {
  id: string;
  method: string;
  /** Relative to the version root, e.g. `/users/{id}/messages/{id}/$value`. */
  url: string;
  headers?: Record<string, string>;
}

interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * One answer of a batch as an HTTP response. Graph gives a JSON body as JSON and any other
 * body (a message's MIME) as a base64 string; headers keep their own case, so they are
 * lowered here as node's are.
 */
function asHttpResponse(answer: BatchResponse): HttpResponse {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = value;
  const json = /json/i.test(String(headers['content-type'] ?? ''));
  let body: Buffer;
  if (answer.body === undefined || answer.body === null) body = Buffer.alloc(0);
  else if (typeof answer.body === 'string' && !json) body = Buffer.from(answer.body, 'base64');
  else body = Buffer.from(JSON.stringify(answer.body));
  return { status: answer.status, headers, body };
}

/**
 * Each request's own outcome from a `$batch` answer: the body on success, else a GraphError
 * with the request's status and `Retry-After` (a 200 on the batch says nothing about them).
 */
export function batchOutcomes(
  requests: BatchRequest[],
  response: HttpResponse,
): Map<string, Buffer | GraphError> {
  const parsed = JSON.parse(response.body.toString('utf8')) as { responses?: BatchResponse[] };
  const outcomes = new Map<string, Buffer | GraphError>();
  for (const answer of parsed.responses ?? []) {
    const http = asHttpResponse(answer);
    outcomes.set(answer.id, http.status >= 400 ? GraphError.fromResponse(http) : http.body);
  }
  for (const request of requests)
    if (!outcomes.has(request.id))
      outcomes.set(
        request.id,
        new GraphError({ status: null, message: `no answer in the batch for ${request.id}` }),
      );
  return outcomes;
}
