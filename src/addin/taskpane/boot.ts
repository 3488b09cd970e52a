// The task pane's entry: small and free of React, so that sign-in and the recipients' lookup
// run while React, Fluent UI and the panel (one lazy chunk, which taskpane.html preloads)
// download; their answer shows at once (./early-state), then the panel compiles and starts
// from what they found (./preload). The first paint is the static
// skeleton in taskpane.html; it waits for no script.
import { createApiClient } from '../api/client';
import { createTokenProvider, embeddedClientConfig, fetchClientConfig } from '../auth/create-token-provider';
import { openDialog } from '../office/dialog';
import { officeReady } from '../office/host';
import { createOfficeMailbox } from '../office/office-mailbox';
import { errorMessage } from './format';
import { showEarlyState } from './early-state';
import { startPreload } from './preload';

const loadPanel = () => import(/* webpackChunkName: "panel" */ './mount-panel');
const container = document.getElementById('root') as HTMLElement;
const PANEL_WAIT_MS = 400;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** After the frame that paints what the DOM holds now (a rAF callback runs just before it). */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const fetchFn: typeof fetch = (input, init) => window.fetch(input, init);
// How to sign in: embedded in the page by the server that serves it, which saves a round trip
// at the head of the sign-in → lookup chain; otherwise asked at once, while Office.js starts.
const embedded = embeddedClientConfig(document);
const clientConfig = embedded ? Promise.resolve(embedded) : fetchClientConfig(fetchFn);

async function start(): Promise<void> {
  const office = await officeReady();
  const mailbox = createOfficeMailbox(office);
  // Outlook answers getAsync asynchronously: read the recipients while the config arrives. (On
  // failure the panel reads them again and says why.)
  const recipients = mailbox.readRecipients();
  recipients.catch(() => undefined);
  const tokens = createTokenProvider(await clientConfig, {
    fetch: fetchFn,
    user: mailbox.userProfile(),
    origin: window.location.origin,
    openDialog: (url) => openDialog(office, url),
  });
  const api = createApiClient({ tokens, fetch: fetchFn });
  // Sign in and look the recipients up now; the panel starts from what this found by the time
  // it mounts. Failures surface in the panel, which asks again.
  tokens.getToken().catch(() => undefined);
  const preload = startPreload(recipients, api);
  // The answer first, then React: compiling React, Fluent UI and the panel holds the page's one
  // thread for a few hundred milliseconds, and the lookup's answer (its whole point) would wait
  // behind it. Their bytes are already downloading (taskpane.html preloads them); a slow answer
  // waits no longer than PANEL_WAIT_MS before React starts beside it.
  await Promise.race([
    preload.answered.then(async (found) => {
      showEarlyState(container, found.recipients, found.results);
      await nextPaint();
    }),
    recipients.then(
      () => delay(PANEL_WAIT_MS),
      () => undefined,
    ),
  ]);
  const { mountPanel } = await loadPanel();
  mountPanel(container, { mailbox, api, preload: preload.snapshot() }, mailbox.theme());
}

start().catch(async (error: unknown) => (await loadPanel()).mountFailure(container, errorMessage(error)));
