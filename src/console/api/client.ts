import { ApiError, errorFrom, sendAuthorised } from '../../addin/api/http';
import type { TokenProvider } from '../../addin/auth/token-provider';

export { ApiError };

export type Query = Record<string, string | number | boolean | undefined | null>;

/** The console's HTTP client: JSON in and out, bearer tokens, errors as `ApiError`. */
export interface ConsoleApi {
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
}

export interface ConsoleApiOptions {
  tokens: TokenProvider;
  fetch: typeof fetch;
  /** The API refused a fresh token too: the session is over, back to sign-in. */
  onSignedOut(message: string): void;
  baseUrl?: string;
}

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createConsoleApi(options: ConsoleApiOptions): ConsoleApi {
  const base = `${options.baseUrl ?? ''}/api/v1`;

  async function call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
    const response = await sendAuthorised({
      fetch: options.fetch,
      tokens: options.tokens,
      url: `${base}${path}`,
      method,
      body,
    });
    // Refused again after a fresh token: the session is over.
    if (response.status === 401) {
      const error = await errorFrom(response);
      options.onSignedOut('Your session has ended. Sign in again.');
      throw error;
    }
    if (!response.ok) throw await errorFrom(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  return {
    get: (path, query) => call('GET', `${path}${queryString(query)}`),
    post: (path, body) => call('POST', path, body ?? {}),
    patch: (path, body) => call('PATCH', path, body),
  };
}
