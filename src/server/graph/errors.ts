import type { GraphFailureFacts } from '../engine/graph/graph-failure';
import { retryAfterMs } from '../engine/graph/retry-after';
import type { HttpResponse } from './http';

/** A call to Microsoft Graph or its token endpoint that did not succeed, as facts the engine sorts. */
export class GraphError extends Error {
  constructor(readonly facts: GraphFailureFacts) {
    super(`Graph ${facts.status ?? 'no answer'}${facts.code ? ` ${facts.code}` : ''}: ${facts.message}`);
    this.name = 'GraphError';
  }

  /** Graph's error body is `{ "error": { "code", "message" } }` (learn.microsoft.com/graph/errors). */
  static fromResponse(response: HttpResponse): GraphError {
    let code: string | undefined;
    let message = response.body.toString('utf8').slice(0, 500) || `HTTP ${response.status}`;
    try {
      const parsed = JSON.parse(response.body.toString('utf8')) as {
        error?: { code?: string; message?: string } | string;
        error_description?: string;
      };
      if (typeof parsed.error === 'object' && parsed.error) {
        code = parsed.error.code;
        message = parsed.error.message ?? message;
      } else if (typeof parsed.error === 'string') {
        // The identity platform's OAuth errors: { "error": "invalid_client", "error_description": "AADSTS…" }
        code = parsed.error;
        message = parsed.error_description ?? message;
      }
    } catch {
      // not JSON: keep the text
    }
    const header = response.headers['retry-after'];
    return new GraphError({
      status: response.status,
      code,
      message,
      retryAfterMs: retryAfterMs(Array.isArray(header) ? header[0] : header, new Date()),
    });
  }
}

/** Any error as Graph failure facts: a GraphError's own, else "no answer" with its message. */
export function graphFailureOf(error: unknown): GraphFailureFacts {
  if (error instanceof GraphError) return error.facts;
  return { status: null, message: error instanceof Error ? error.message : String(error) };
}
