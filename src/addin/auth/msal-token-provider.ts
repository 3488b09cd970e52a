import { SignInError, type TokenProvider } from './token-provider';

/** The part of an MSAL client the chain uses (real: `IPublicClientApplication`). */
export interface MsalClientLike {
  acquireTokenSilent(request: { scopes: string[]; forceRefresh?: boolean }): Promise<MsalResult>;
  acquireTokenPopup(request: { scopes: string[] }): Promise<MsalResult>;
}

export interface MsalResult {
  accessToken: string;
  idToken?: string;
}

export interface MsalChainOptions {
  apiScope: string;
  /** `createNestablePublicClientApplication(...)` (Nested App Authentication). */
  createClient(): Promise<MsalClientLike>;
  /** `error instanceof InteractionRequiredAuthError` — passed in so MSAL stays a lazy chunk. */
  isInteractionRequired(error: unknown): boolean;
  /** The popup could not open (blocked, or the host cannot open one). */
  isPopupUnavailable(error: unknown): boolean;
  /** Sign-in through the Office dialog API (dialog.html with a standard MSAL client): an access token. */
  signInWithDialog(scopes: string[]): Promise<string>;
}

const POPUP_UNAVAILABLE = new Set([
  'popup_window_error',
  'empty_window_error',
  'block_nested_popups',
  'redirect_in_iframe',
]);

/** MSAL's BrowserAuthError codes that mean "no popup here" (msal-browser BrowserAuthErrorCodes). */
export function isPopupUnavailableError(error: unknown): boolean {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === 'string' && POPUP_UNAVAILABLE.has(code);
}

function accessTokenOf(result: MsalResult): string {
  // The API wants the access token for its scope; the ID token is for the client only (SPEC O4).
  if (!result.accessToken) throw new SignInError('Microsoft sign-in returned no access token for the API');
  return result.accessToken;
}

/**
 * SPEC O4: Nested App Authentication → `acquireTokenSilent` → `acquireTokenPopup` on
 * `InteractionRequiredAuthError` → the Office dialog API when the popup cannot open.
 * A client that cannot be created (a host without NAA) also goes to the dialog.
 */
export function createMsalTokenProvider(options: MsalChainOptions): TokenProvider {
  const scopes = [options.apiScope];
  let client: Promise<MsalClientLike | null> | undefined;
  const getClient = () =>
    (client ??= options.createClient().catch((error: unknown) => {
      console.warn('Nested App Authentication is not available; signing in with a dialog', error);
      return null;
    }));

  const interactive = async (msal: MsalClientLike): Promise<string> => {
    try {
      return accessTokenOf(await msal.acquireTokenPopup({ scopes }));
    } catch (error: unknown) {
      if (options.isPopupUnavailable(error)) return options.signInWithDialog(scopes);
      throw new SignInError('Microsoft sign-in did not finish', error);
    }
  };

  return {
    async getToken({ forceRefresh = false } = {}) {
      const msal = await getClient();
      if (!msal) return options.signInWithDialog(scopes);
      try {
        return accessTokenOf(await msal.acquireTokenSilent({ scopes, forceRefresh }));
      } catch (error: unknown) {
        if (options.isInteractionRequired(error)) return interactive(msal);
        if (error instanceof SignInError) throw error;
        throw new SignInError('Microsoft sign-in failed', error);
      }
    },
  };
}
