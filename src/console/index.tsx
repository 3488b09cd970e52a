// The console's entry (/app), kept small: it starts at once the session, the address's data and
// the code to draw it — React, Fluent UI and the shell (app/start) beside the screen's own chunk —
// so that they load side by side (docs/architecture.md, "The console's first paint").
import { embeddedClientConfig, fetchClientConfig } from '../addin/auth/create-token-provider';
import { createDevAuthenticator } from './auth/dev-authenticator';
import type { Authenticator } from './auth/session';
import { createConsoleApi } from './api/client';
import { endpoints } from './api/endpoints';
import { BASENAME, createQueryClient } from './app/query-client';
import { routerPath, warmScreenCode, warmScreenData } from './app/warm-up';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fetchFn: typeof fetch = (input, init) => window.fetch(input, init);
const container = document.getElementById('root') as HTMLElement;
const app = import(/* webpackChunkName: "console-app" */ './app/start');
app.catch(() => undefined); // its failure is reported by start() below, not as unhandled

async function authenticator(): Promise<Authenticator> {
  const config = embeddedClientConfig(document) ?? (await fetchClientConfig(fetchFn));
  if (config.authMode === 'dev') {
    return createDevAuthenticator({
      fetch: fetchFn,
      storage: window.localStorage,
      location: window.location,
      replaceUrl: (url) => window.history.replaceState(null, '', url),
    });
  }
  if (!config.clientId || !config.apiScope) {
    throw new Error(
      'Sign-in is not configured on the server (AUTH_CLIENT_ID and AUTH_API_SCOPE): ask your administrator',
    );
  }
  const { createMsalAuthenticator } = await import(
    /* webpackChunkName: "msal-redirect" */ './auth/msal-redirect'
  );
  return createMsalAuthenticator({
    clientId: config.clientId,
    authority: config.authority,
    apiScope: config.apiScope,
    redirectUri: `${window.location.origin}/app`,
    navigate: (path) => window.history.replaceState(null, '', path),
    currentPath: () => `${window.location.pathname}${window.location.search}`,
  });
}

async function start(): Promise<void> {
  const path = routerPath(window.location.pathname, BASENAME);
  // A chunk that fails here is asked for again when the screen renders (lazy-screen.tsx).
  const screenCode = warmScreenCode(path, window.location.search).catch(() => undefined);
  const auth = await authenticator();
  const session = await auth.resume().catch(() => null);
  const queryClient = createQueryClient();
  // Before React: the screen's code (started above, beside signing in) and its first data.
  if (session) {
    const api = createConsoleApi({ tokens: session, fetch: fetchFn, onSignedOut: () => undefined });
    const screenData = warmScreenData(path, window.location.search, endpoints(api), queryClient);
    // The page's own skeleton stays until the screen's code and first data are here, so that
    // React's first render draws the screen itself: no suspending on its code (see
    // lazy-screen.tsx), no skeleton of its own to draw and replace. A slow network waits 1 s at most.
    await Promise.race([Promise.all([screenCode, screenData]), delay(1000)]);
  }
  const { renderConsole } = await app;
  renderConsole(container, { authenticator: auth, initialSession: session, fetch: fetchFn, queryClient });
}

start().catch(async (error: unknown) => {
  const failure = error instanceof Error ? error.message : String(error);
  try {
    (await app).renderConsole(container, { failure, fetch: fetchFn });
  } catch {
    // The app's own code did not arrive: say so without it.
    container.textContent = `Sales Tools could not start: ${failure}`;
  }
});
