/// <reference types="office-js" />
import type { OfficeApi } from '../office/recipients';
import { createDevTokenProvider } from './dev-token-provider';
import { SignInError, type ClientConfig, type TokenProvider } from './token-provider';

export interface SilentTokenDeps {
  office: OfficeApi;
  fetch: typeof fetch;
  baseUrl: string;
  user: { email: string; displayName: string };
  /**
   * NAA's acquireTokenSilent, when this runtime can load MSAL (the HTML runtime, with Nested
   * App Authentication); absent in classic Outlook's JavaScript-only runtime.
   */
  naaSilent?: (clientId: string, authority: string, scope: string) => Promise<string>;
}

/**
 * Tokens for an event handler, which can never prompt (issue 11): dev tokens in dev auth mode;
 * otherwise NAA's `acquireTokenSilent` where the runtime supports it — office-js issue #4450
 * shows gaps in classic Outlook on Windows's JavaScript runtime — else Office SSO's
 * `getAccessToken` with every prompt off. A provider that cannot get one rejects: the handler
 * then shows nothing.
 */
export function createSilentTokenProvider(config: ClientConfig, deps: SilentTokenDeps): TokenProvider {
  if (config.authMode === 'dev') {
    return createDevTokenProvider({
      email: deps.user.email,
      name: deps.user.displayName,
      fetch: deps.fetch,
      baseUrl: deps.baseUrl,
    });
  }
  const { clientId, apiScope, authority } = config;
  return {
    async getToken() {
      if (!clientId || !apiScope) throw new SignInError('Sign-in is not configured on the server');
      const naa = deps.office.context.requirements.isSetSupported('NestedAppAuth', '1.1');
      if (naa && deps.naaSilent) {
        try {
          return await deps.naaSilent(clientId, authority, apiScope);
        } catch {
          // fall through to Office SSO
        }
      }
      const auth = (deps.office as unknown as { auth?: typeof Office.auth }).auth;
      if (!auth?.getAccessToken) throw new SignInError('No silent sign-in in this Outlook');
      return auth.getAccessToken({ allowSignInPrompt: false, allowConsentPrompt: false });
    },
  };
}
