import { EMBEDDED_CONFIG_ID } from '../../shared/embedded-config';
import { createDevTokenProvider } from './dev-token-provider';
import { createMsalTokenProvider, isPopupUnavailableError } from './msal-token-provider';
import { SignInError, type ClientConfig, type TokenProvider } from './token-provider';

export interface TokenProviderDeps {
  fetch: typeof fetch;
  /** The Outlook user (dev auth mode signs in as them). */
  user: { email: string; displayName: string };
  /** Where dialog.html is served (the add-in's origin). */
  origin: string;
  /** Opens a URL in an Office dialog and resolves with its message (office/dialog.ts). */
  openDialog(url: string): Promise<string>;
  /** Defaults to the lazy MSAL chunk. */
  loadMsal?: () => Promise<typeof import('./msal-naa')>;
}

/**
 * The client config the server embedded in the page (src/server/addin-host), or null when the
 * page came from elsewhere (webpack's dev server, a static host) or the block is unreadable.
 */
export function embeddedClientConfig(doc: Pick<Document, 'getElementById'>): ClientConfig | null {
  try {
    const parsed = JSON.parse(doc.getElementById(EMBEDDED_CONFIG_ID)?.textContent ?? 'null') as unknown;
    const config = parsed as Partial<ClientConfig> | null;
    return config && (config.authMode === 'dev' || config.authMode === 'jwt')
      ? (config as ClientConfig)
      : null;
  } catch {
    return null;
  }
}

export async function fetchClientConfig(fetchFn: typeof fetch): Promise<ClientConfig> {
  const response = await fetchFn('/api/v1/config');
  if (!response.ok) throw new SignInError(`Could not reach Sales Tools (HTTP ${response.status})`);
  return (await response.json()) as ClientConfig;
}

/**
 * The provider the server's configuration asks for: dev tokens in dev auth mode, MSAL
 * (loaded on first use) otherwise.
 */
export function createTokenProvider(config: ClientConfig, deps: TokenProviderDeps): TokenProvider {
  if (config.authMode === 'dev') {
    return createDevTokenProvider({ email: deps.user.email, name: deps.user.displayName, fetch: deps.fetch });
  }
  const { clientId, apiScope, authority } = config;
  if (!clientId || !apiScope) {
    throw new SignInError(
      'Sign-in is not configured on the server (AUTH_CLIENT_ID and AUTH_API_SCOPE): ask your administrator',
    );
  }
  const loadMsal = deps.loadMsal ?? (() => import(/* webpackChunkName: "msal" */ './msal-naa'));
  let msal: ReturnType<typeof loadMsal> | undefined;
  let loaded: Awaited<ReturnType<typeof loadMsal>> | undefined;
  const lazy = () =>
    (msal ??= loadMsal().then((module) => {
      loaded = module;
      return module;
    }));
  return createMsalTokenProvider({
    apiScope,
    createClient: async () => (await lazy()).createNaaClient(clientId, authority),
    // Only asked after a silent attempt failed, so the chunk is loaded by then.
    isInteractionRequired: (error) => loaded?.isInteractionRequired(error) ?? false,
    isPopupUnavailable: isPopupUnavailableError,
    async signInWithDialog() {
      const message = await deps.openDialog(`${deps.origin}/dialog.html`);
      const parsed = JSON.parse(message) as { accessToken?: string; error?: string };
      if (!parsed.accessToken) throw new SignInError(parsed.error ?? 'Sign-in in the dialog failed');
      return parsed.accessToken;
    },
  });
}
