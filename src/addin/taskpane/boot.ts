// The task pane's entry: small and free of React, so that sign-in and the recipients' lookup
// start while React, Fluent UI and the panel (one lazy chunk, fetched at once) download and
// compile. The first paint is the static skeleton in taskpane.html; it waits for no script.
import { createApiClient } from '../api/client';
import { createTokenProvider, fetchClientConfig } from '../auth/create-token-provider';
import { openDialog } from '../office/dialog';
import { officeReady } from '../office/host';
import { createOfficeMailbox } from '../office/office-mailbox';
import { errorMessage } from './format';

const panel = import(/* webpackChunkName: "panel" */ './mount-panel');
const container = document.getElementById('root') as HTMLElement;
const fetchFn: typeof fetch = (input, init) => window.fetch(input, init);
// Asked at once, while Office.js starts: it needs no token and nothing from Outlook.
const clientConfig = fetchClientConfig(fetchFn);

async function start(): Promise<void> {
  const office = await officeReady();
  const mailbox = createOfficeMailbox(office);
  const tokens = createTokenProvider(await clientConfig, {
    fetch: fetchFn,
    user: mailbox.userProfile(),
    origin: window.location.origin,
    openDialog: (url) => openDialog(office, url),
  });
  const api = createApiClient({ tokens, fetch: fetchFn });
  // Sign in and look the recipients up now; the panel's own lookup joins this one while it is
  // in flight. Failures surface in the panel, which asks again.
  tokens.getToken().catch(() => undefined);
  mailbox
    .readRecipients()
    .then((recipients) => api.lookup(recipients.map((recipient) => recipient.email)))
    .catch(() => undefined);
  (await panel).mountPanel(container, { mailbox, api }, mailbox.theme());
}

start().catch(async (error: unknown) => (await panel).mountFailure(container, errorMessage(error)));
