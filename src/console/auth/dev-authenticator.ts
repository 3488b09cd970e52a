import { createDevTokenProvider } from '../../addin/auth/dev-token-provider';
import type { Authenticator, Session } from './session';

/** Where the dev user's address is kept, so a reload (or a deep link) stays signed in. */
export const DEV_USER_KEY = 'sales-tools.console.dev-user';

export interface DevAuthenticatorDeps {
  fetch: typeof fetch;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The page's URL; `?as=<email>` signs in as that user directly (dev mode only, like `/preview?from=`). */
  location: Pick<Location, 'href'>;
  /** Drops `as` from the address bar once read. */
  replaceUrl(url: string): void;
}

/** Dev auth mode: tokens from the server's `POST /api/v1/dev/token` for the address typed in. */
export function createDevAuthenticator(deps: DevAuthenticatorDeps): Authenticator {
  const open = async (email: string): Promise<Session> => {
    const tokens = createDevTokenProvider({ email, fetch: deps.fetch });
    // Fails here, on the sign-in page, rather than on the first screen's call.
    await tokens.getToken();
    deps.storage.setItem(DEV_USER_KEY, email);
    return {
      user: { email, name: email },
      getToken: (options) => tokens.getToken(options),
      async signOut() {
        deps.storage.removeItem(DEV_USER_KEY);
      },
    };
  };
  return {
    mode: 'dev',
    async resume() {
      const url = new URL(deps.location.href);
      const as = url.searchParams.get('as')?.trim();
      if (as) {
        url.searchParams.delete('as');
        deps.replaceUrl(`${url.pathname}${url.search}${url.hash}`);
        return open(as);
      }
      const stored = deps.storage.getItem(DEV_USER_KEY);
      return stored ? open(stored).catch(() => null) : null;
    },
    signIn: async (email) => open((email ?? '').trim()),
  };
}
