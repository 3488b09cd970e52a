import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Graph's limit per batch (learn.microsoft.com/graph/json-batching). */
const MAX_REQUESTS = 20;
/** Outlook runs at most 4 requests per mailbox at once (learn.microsoft.com/graph/throttling-limits). */
const AT_ONCE = 4;

interface InnerRequest {
  id?: unknown;
  method?: unknown;
  url?: unknown;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: unknown;
}

export interface BatchHooks {
  /** The caller's tenant, or undefined once a 401 is sent. */
  authorised(request: FastifyRequest, reply: FastifyReply): string | undefined;
  /** Throttling and failures on demand for the batch itself; true when answered. */
  intercepted(reply: FastifyReply): boolean;
  track(request: FastifyRequest): void;
  error(reply: FastifyReply, status: number, code: string, message: string): FastifyReply;
}

/** Why the batch is refused as a whole (400), or undefined. */
function invalid(requests: unknown): string | undefined {
  if (!Array.isArray(requests) || requests.length === 0) return 'The batch needs a non-empty requests array.';
  if (requests.length > MAX_REQUESTS)
    return `Number of batch request steps exceeds the maximum of ${MAX_REQUESTS}.`;
  const ids = new Set<string>();
  for (const request of requests as InnerRequest[]) {
    if (
      typeof request?.id !== 'string' ||
      typeof request.method !== 'string' ||
      typeof request.url !== 'string'
    )
      return 'Each request needs a string id, method and url.';
    if (ids.has(request.id)) return `The batch holds the id '${request.id}' twice.`;
    ids.add(request.id);
    if (request.dependsOn !== undefined) return 'dependsOn is not supported by the stand-in.';
    if (
      request.body !== undefined &&
      !Object.keys(request.headers ?? {}).some((h) => /^content-type$/i.test(h))
    )
      return `Request '${request.id}' has a body but no Content-Type header.`;
  }
  return undefined;
}

/**
 * `POST /v1.0/$batch`, to learn.microsoft.com/graph/json-batching: up to 20 requests, each
 * with a URL relative to the version root, run here as if called one by one (same token,
 * same throttling and failures on demand, same request log) and answered together with 200.
 * Each answer carries its own status and headers (a 429's `Retry-After` among them); a JSON
 * body is given as JSON, any other (a message's MIME) base64-encoded.
 */
export function registerBatch(app: FastifyInstance, hooks: BatchHooks): void {
  app.post<{ Body: { requests?: unknown } }>('/v1.0/$batch', async (request, reply) => {
    hooks.track(request);
    if (!hooks.authorised(request, reply)) return reply;
    if (hooks.intercepted(reply)) return reply;
    const problem = invalid(request.body?.requests);
    if (problem) return hooks.error(reply, 400, 'BadRequest', problem);
    const inner = request.body.requests as {
      id: string;
      method: string;
      url: string;
      headers?: Record<string, string>;
      body?: unknown;
    }[];
    const responses: unknown[] = new Array(inner.length);
    let next = 0;
    const lane = async () => {
      while (next < inner.length) {
        const index = next++;
        const step = inner[index];
        const headers = { ...step.headers, authorization: String(request.headers.authorization ?? '') };
        const answer = await app.inject({
          method: step.method as 'GET',
          url: `/v1.0/${step.url.replace(/^\/+/, '')}`,
          headers,
          ...(step.body === undefined
            ? {}
            : { payload: typeof step.body === 'string' ? step.body : JSON.stringify(step.body) }),
        });
        const type = String(answer.headers['content-type'] ?? '');
        const kept: Record<string, string> = {};
        for (const name of ['Content-Type', 'Retry-After', 'Location']) {
          const value = answer.headers[name.toLowerCase()];
          if (value !== undefined) kept[name] = String(value);
        }
        responses[index] = {
          id: step.id,
          status: answer.statusCode,
          headers: kept,
          ...(answer.rawPayload.length === 0
            ? {}
            : { body: /json/i.test(type) ? answer.json() : answer.rawPayload.toString('base64') }),
        };
      }
    };
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, inner.length) }, lane));
    return { responses };
  });
}
