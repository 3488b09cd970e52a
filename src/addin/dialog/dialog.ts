// The sign-in fallback (SPEC O4): opened with the Office dialog API when MSAL's popup cannot
// open. A standard MSAL client signs in by redirect inside the dialog, then hands the access
// token for the API scope (never the ID token) back to the task pane with messageParent.
import { createStandardPublicClientApplication } from '@azure/msal-browser';
import type { ClientConfig } from '../auth/token-provider';
import { messageParent } from '../office/dialog';
import { officeReady } from '../office/host';

async function signIn(): Promise<string> {
  const response = await fetch('/api/v1/config');
  const config = (await response.json()) as ClientConfig;
  if (!config.clientId || !config.apiScope) throw new Error('Sign-in is not configured on the server');
  const msal = await createStandardPublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      redirectUri: `${window.location.origin}/dialog.html`,
    },
    cache: { cacheLocation: 'localStorage' },
  });
  const scopes = [config.apiScope];
  const redirected = await msal.handleRedirectPromise();
  if (redirected?.accessToken) return redirected.accessToken;
  const account = msal.getAllAccounts()[0];
  if (account) {
    try {
      return (await msal.acquireTokenSilent({ scopes, account })).accessToken;
    } catch {
      // fall through to an interactive sign-in
    }
  }
  await msal.loginRedirect({ scopes });
  return new Promise<never>(() => undefined); // the page navigates away
}

officeReady()
  .then(async (office) => {
    try {
      messageParent(office, JSON.stringify({ accessToken: await signIn() }));
    } catch (error: unknown) {
      messageParent(
        office,
        JSON.stringify({ error: error instanceof Error ? error.message : String(error) }),
      );
    }
  })
  .catch((error: unknown) => console.error(error));
