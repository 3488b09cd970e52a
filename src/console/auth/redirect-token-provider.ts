import { SignInError } from '../../addin/auth/token-provider';

/** The part of MSAL's `PublicClientApplication` the console's chain uses. */
export interface RedirectClientLike<Account> {
  acquireTokenSilent(request: {
    scopes: string[];
    account: Account;
    forceRefresh?: boolean;
  }): Promise<{ accessToken: string }>;
  acquireTokenRedirect(request: { scopes: string[]; account: Account; state?: string }): Promise<void>;
}

/**
 * SPEC C1: `acquireTokenSilent`, then `acquireTokenRedirect` on `InteractionRequiredAuthError`
 * (the page leaves for Microsoft's sign-in and comes back to where it was, `state`). The access
 * token for the API's scope goes to the API, never the ID token.
 */
export function createRedirectTokenProvider<Account>(options: {
  client: RedirectClientLike<Account>;
  account: Account;
  apiScope: string;
  isInteractionRequired(error: unknown): boolean;
  /** The path to come back to after an interactive sign-in. */
  returnPath(): string;
}) {
  const scopes = [options.apiScope];
  return {
    async getToken({ forceRefresh = false }: { forceRefresh?: boolean } = {}): Promise<string> {
      try {
        const result = await options.client.acquireTokenSilent({
          scopes,
          account: options.account,
          forceRefresh,
        });
        if (!result.accessToken)
          throw new SignInError('Microsoft sign-in returned no access token for the API');
        return result.accessToken;
      } catch (error: unknown) {
        if (!options.isInteractionRequired(error)) {
          if (error instanceof SignInError) throw error;
          throw new SignInError('Microsoft sign-in failed', error);
        }
        await options.client.acquireTokenRedirect({
          scopes,
          account: options.account,
          state: options.returnPath(),
        });
        // The page is leaving for Microsoft's sign-in.
        return new Promise<string>(() => undefined);
      }
    },
  };
}
