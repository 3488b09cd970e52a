import type { TokenProvider } from '../auth/token-provider';

/** An API failure a person can act on: the server's `error.code` and message, or a network problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error body's other fields (e.g. the enrollment in the way of an enroll). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The `ApiError` an error response stands for (the server's `{ error: { code, message } }`). */
export async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const { error, ...extra } = (await response.json()) as {
      error?: { code?: string; message?: string };
    } & Record<string, unknown>;
    if (error?.code) return new ApiError(response.status, error.code, error.message ?? '', extra);
  } catch {
    // not JSON: fall through
  }
  return new ApiError(response.status, 'http_error', `Sales Tools answered HTTP ${response.status}`);
}

/**
 * One call with a bearer token, JSON body if any. An expired or revoked token (401) gets a fresh
 * one and one more try, never a loop; the caller reads a second 401 as the session's end. The
 * task pane's and the console's clients both send through here.
 */
export async function sendAuthorised(request: {
  fetch: typeof fetch;
  tokens: TokenProvider;
  url: string;
  method: string;
  body?: unknown;
}): Promise<Response> {
  const send = async (forceRefresh: boolean): Promise<Response> => {
    const token = await request.tokens.getToken({ forceRefresh });
    try {
      return await request.fetch(request.url, {
        method: request.method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
    } catch {
      throw new ApiError(0, 'network_error', 'Sales Tools could not be reached. Check your connection.');
    }
  };
  const response = await send(false);
  return response.status === 401 ? send(true) : response;
}
