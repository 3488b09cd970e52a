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
import { ApiError, errorFrom, sendAuthorised } from './http';

export { ApiError };

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

export function createApiClient(options: ApiClientOptions): SalesApi {
  const base = `${options.baseUrl ?? ''}/api/v1`;
  const provider =
    typeof options.tokens === 'function' ? options.tokens : async () => options.tokens as TokenProvider;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const tokens = await provider();
    const response = await sendAuthorised({
      fetch: options.fetch,
      tokens,
      url: `${base}${path}`,
      method,
      body,
    });
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
