import type {
  BulkUnenrollResult,
  Contact,
  ContactDetail,
  CreateContactBody,
  Enrollment,
  LookupResponse,
  LookupResult,
  Me,
  Sequence,
} from '../../shared/schemas';
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

/** The typed client of the HTTP API the task pane uses (components get it through context). */
export interface SalesApi {
  me(): Promise<Me>;
  /** One batched call for every recipient (SPEC O3); results in request order. */
  lookup(emails: string[]): Promise<LookupResult[]>;
  contact(id: string): Promise<ContactDetail>;
  unenroll(enrollmentId: string): Promise<Enrollment>;
  unenrollMany(enrollmentIds: string[]): Promise<BulkUnenrollResult>;
  /** The account's sequences (the picker of Enroll in sequence). */
  sequences(): Promise<Sequence[]>;
  enroll(sequenceId: string, contactId: string): Promise<Enrollment>;
  createContact(body: CreateContactBody): Promise<Contact>;
  pause(enrollmentId: string): Promise<Enrollment>;
  resume(enrollmentId: string): Promise<Enrollment>;
}

export interface ApiClientOptions {
  tokens: TokenProvider | (() => Promise<TokenProvider>);
  fetch: typeof fetch;
  baseUrl?: string;
}

async function errorFrom(response: Response): Promise<ApiError> {
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

export function createApiClient(options: ApiClientOptions): SalesApi {
  const base = `${options.baseUrl ?? ''}/api/v1`;
  const provider =
    typeof options.tokens === 'function' ? options.tokens : async () => options.tokens as TokenProvider;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const tokens = await provider();
    const send = async (forceRefresh: boolean): Promise<Response> => {
      const token = await tokens.getToken({ forceRefresh });
      try {
        return await options.fetch(`${base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch {
        throw new ApiError(0, 'network_error', 'Sales Tools could not be reached. Check your connection.');
      }
    };
    let response = await send(false);
    // An expired or revoked token: get a fresh one and try once more, never in a loop.
    if (response.status === 401) response = await send(true);
    if (!response.ok) throw await errorFrom(response);
    return (await response.json()) as T;
  }

  // A lookup of the same addresses while one is in flight joins it (a Refresh while one runs,
  // say). The boot script's first lookup reaches the panel through taskpane/preload.ts instead.
  const lookups = new Map<string, Promise<LookupResult[]>>();
  const lookup = (emails: string[]): Promise<LookupResult[]> => {
    if (emails.length === 0) return Promise.resolve([]);
    const key = JSON.stringify(emails);
    let pending = lookups.get(key);
    if (!pending) {
      pending = call<LookupResponse>('POST', '/contacts/lookup', { emails }).then((body) => body.results);
      lookups.set(key, pending);
      const forget = () => lookups.delete(key);
      pending.then(forget, forget);
    }
    return pending;
  };

  return {
    me: () => call<Me>('GET', '/me'),
    lookup,
    contact: (id) => call<ContactDetail>('GET', `/contacts/${encodeURIComponent(id)}`),
    unenroll: (id) => call<Enrollment>('POST', `/enrollments/${encodeURIComponent(id)}/unenroll`, {}),
    unenrollMany: (ids) => call<BulkUnenrollResult>('POST', '/enrollments/unenroll', { ids }),
    sequences: () => call<{ items: Sequence[] }>('GET', '/sequences').then((body) => body.items),
    enroll: (sequenceId, contactId) => call<Enrollment>('POST', '/enrollments', { sequenceId, contactId }),
    createContact: (body) => call<Contact>('POST', '/contacts', body),
    pause: (id) => call<Enrollment>('POST', `/enrollments/${encodeURIComponent(id)}/pause`, {}),
    resume: (id) => call<Enrollment>('POST', `/enrollments/${encodeURIComponent(id)}/resume`, {}),
  };
}
