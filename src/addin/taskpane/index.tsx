import { createRoot } from 'react-dom/client';
import { createApiClient } from '../api/client';
import { createTokenProvider, fetchClientConfig } from '../auth/create-token-provider';
import { openDialog } from '../office/dialog';
import { officeReady } from '../office/host';
import { createOfficeMailbox } from '../office/office-mailbox';
import { errorMessage } from './format';
import { App } from './components/App';

const root = createRoot(document.getElementById('root') as HTMLElement);
// First paint at once; Office.js, the sign-in configuration and MSAL come after.
root.render(<App state="starting" />);

async function start(): Promise<void> {
  const office = await officeReady();
  const mailbox = createOfficeMailbox(office);
  const fetchFn: typeof fetch = (input, init) => window.fetch(input, init);
  const tokens = fetchClientConfig(fetchFn).then((config) =>
    createTokenProvider(config, {
      fetch: fetchFn,
      user: mailbox.userProfile(),
      origin: window.location.origin,
      openDialog: (url) => openDialog(office, url),
    }),
  );
  const api = createApiClient({ tokens: () => tokens, fetch: fetchFn });
  root.render(<App state="ready" services={{ mailbox, api }} theme={mailbox.theme()} />);
}

start().catch((error: unknown) => root.render(<App state="failed" message={errorMessage(error)} />));
