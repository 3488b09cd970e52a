// The function file and the event-based runtime (manifest FunctionFile, Runtime and its
// JavaScript Override): commands.html in Outlook on the web, new Outlook and Mac; commands.js
// alone in classic Outlook on Windows's JavaScript-only runtime (no DOM there). Kept small —
// it starts on every recipient change — and free of React, Fluent UI and MSAL (bench/addin).
import { createApiClient } from '../api/client';
import { createSilentTokenProvider } from '../auth/silent-token-provider';
import type { ClientConfig } from '../auth/token-provider';
import { userProfile } from '../office/host';
import type { OfficeApi } from '../office/recipients';
import { onRecipientsChanged } from './launch-event';

declare const ADDIN_BASE_URL: string;

// In the JavaScript runtime there is no page and so no origin: the API is where the build said.
const baseUrl =
  typeof location !== 'undefined' && /^https?:$/.test(location.protocol) ? location.origin : ADDIN_BASE_URL;
const fetchFn: typeof fetch = (input, init) => fetch(input, init);

let config: Promise<ClientConfig> | undefined;
const clientConfig = () =>
  (config ??= fetchFn(`${baseUrl}/api/v1/config`).then((response) => {
    if (!response.ok) throw new Error(`Sales Tools answered HTTP ${response.status}`);
    return response.json() as Promise<ClientConfig>;
  })).catch((error: unknown) => {
    config = undefined;
    throw error;
  });

/**
 * NAA's acquireTokenSilent, MSAL loaded only when used (a lazy chunk: the HTML runtime can load
 * one; the JavaScript-only runtime cannot, and is never given this).
 */
async function naaSilent(clientId: string, authority: string, scope: string): Promise<string> {
  const { createNaaClient } = await import(/* webpackChunkName: "msal" */ '../auth/msal-naa');
  const client = await createNaaClient(clientId, authority);
  return (await client.acquireTokenSilent({ scopes: [scope] })).accessToken;
}

function lookupWith(office: OfficeApi) {
  const api = createApiClient({
    baseUrl,
    fetch: fetchFn,
    tokens: async () =>
      createSilentTokenProvider(await clientConfig(), {
        office,
        fetch: fetchFn,
        baseUrl,
        user: userProfile(office),
        naaSilent: typeof document === 'undefined' ? undefined : naaSilent,
      }),
  });
  return (emails: string[]) => api.lookup(emails);
}

let lookup: ((emails: string[]) => Promise<import('../../shared/schemas').LookupResult[]>) | undefined;

// One event at a time, in the order Outlook raised them: a slow answer about old recipients
// never replaces the notification about the new ones.
let queue: Promise<void> = Promise.resolve();

function handler(event: { completed(options?: unknown): void }): void {
  const office = Office as OfficeApi;
  const find = (lookup ??= lookupWith(office));
  queue = queue.then(() => onRecipientsChanged({ office, lookup: find }, event));
}

// Office.actions.associate exists where event-based activation does (Mailbox 1.10).
const actions = (typeof Office !== 'undefined' ? Office : undefined) as
  { actions?: { associate(name: string, fn: (event: never) => void): void } } | undefined;
actions?.actions?.associate('onMessageRecipientsChangedHandler', handler);
actions?.actions?.associate('onNewMessageComposeHandler', handler);
if (typeof Office !== 'undefined') Office.onReady().catch((error: unknown) => console.error(error));
