// Loaded lazily (its own chunk), and only in `jwt` mode: dev mode never downloads MSAL.
import { InteractionRequiredAuthError, PublicClientApplication, type AccountInfo } from '@azure/msal-browser';
import { createRedirectTokenProvider } from './redirect-token-provider';
import type { Authenticator, Session } from './session';

export interface MsalRedirectOptions {
  clientId: string;
  authority: string;
  apiScope: string;
  /** `https://<host>/app`: a SPA redirect URI of the add-in's registration (README). */
  redirectUri: string;
  /** Where the app goes after coming back (the `state` it left with). */
  navigate(path: string): void;
  currentPath(): string;
}

/** SPEC C1 in `jwt` mode: MSAL's `PublicClientApplication` with the redirect flow. */
export async function createMsalAuthenticator(options: MsalRedirectOptions): Promise<Authenticator> {
  const msal = new PublicClientApplication({
    auth: {
      clientId: options.clientId,
      authority: options.authority,
      redirectUri: options.redirectUri,
      postLogoutRedirectUri: options.redirectUri,
    },
    cache: { cacheLocation: 'localStorage' },
  });
  await msal.initialize();
  const scopes = [options.apiScope];

  const sessionFor = (account: AccountInfo): Session => {
    msal.setActiveAccount(account);
    const tokens = createRedirectTokenProvider({
      client: msal,
      account,
      apiScope: options.apiScope,
      isInteractionRequired: (error) => error instanceof InteractionRequiredAuthError,
      returnPath: options.currentPath,
    });
    return {
      user: { email: account.username, name: account.name ?? account.username },
      getToken: tokens.getToken,
      signOut: () => msal.logoutRedirect({ account }),
    };
  };

  return {
    mode: 'jwt',
    async resume() {
      // Coming back from Microsoft's sign-in: the account, and the deep link it left from.
      const result = await msal.handleRedirectPromise({ navigateToLoginRequestUrl: false });
      if (result?.state?.startsWith('/app')) options.navigate(result.state);
      const account = result?.account ?? msal.getActiveAccount() ?? msal.getAllAccounts()[0];
      return account ? sessionFor(account) : null;
    },
    async signIn() {
      await msal.loginRedirect({ scopes, state: options.currentPath() });
      return new Promise<Session>(() => undefined);
    },
  };
}
