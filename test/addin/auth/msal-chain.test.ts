import {
  createMsalTokenProvider,
  isPopupUnavailableError,
  type MsalClientLike,
} from '../../../src/addin/auth/msal-token-provider';
import { createTokenProvider, embeddedClientConfig } from '../../../src/addin/auth/create-token-provider';
import { SignInError } from '../../../src/addin/auth/token-provider';
import { jsonResponse } from '../fake-response';

/** MSAL's errors as the chain sees them: a class name and an errorCode. */
class InteractionRequiredAuthError extends Error {
  override name = 'InteractionRequiredAuthError';
  constructor(readonly errorCode = 'interaction_required') {
    super(errorCode);
  }
}
class BrowserAuthError extends Error {
  override name = 'BrowserAuthError';
  constructor(readonly errorCode: string) {
    super(errorCode);
  }
}

type Step = { accessToken: string; idToken?: string } | Error;

/** A fake MSAL client: each method answers its queue of results in turn, and records its requests. */
function fakeMsal(script: { silent?: Step[]; popup?: Step[] }) {
  const log: string[] = [];
  const requests: unknown[] = [];
  const next = async (queue: Step[] | undefined, name: string) => {
    log.push(name);
    const step = queue?.shift();
    if (!step) throw new Error(`unexpected ${name}`);
    if (step instanceof Error) throw step;
    return step;
  };
  const client: MsalClientLike = {
    acquireTokenSilent: (request) => {
      requests.push(request);
      return next(script.silent, 'silent');
    },
    acquireTokenPopup: (request) => {
      requests.push(request);
      return next(script.popup, 'popup');
    },
  };
  return { client, log, requests };
}

function chain(
  msal: ReturnType<typeof fakeMsal> | Error,
  dialog: () => Promise<string> = async () => 'dialog-token',
) {
  const signInWithDialog = jest.fn(dialog);
  const provider = createMsalTokenProvider({
    apiScope: 'api://sales/Sequences.ReadWrite',
    createClient: async () => {
      if (msal instanceof Error) throw msal;
      return msal.client;
    },
    isInteractionRequired: (error) => error instanceof InteractionRequiredAuthError,
    isPopupUnavailable: isPopupUnavailableError,
    signInWithDialog,
  });
  return { provider, signInWithDialog };
}

describe('the sign-in chain (SPEC O4): NAA → silent → popup → Office dialog', () => {
  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  test('silent succeeds: the access token for the API scope, never the ID token', async () => {
    const msal = fakeMsal({ silent: [{ accessToken: 'access-1', idToken: 'id-1' }] });
    const { provider, signInWithDialog } = chain(msal);
    expect(await provider.getToken()).toBe('access-1');
    expect(msal.log).toEqual(['silent']);
    expect(msal.requests[0]).toEqual({ scopes: ['api://sales/Sequences.ReadWrite'], forceRefresh: false });
    expect(signInWithDialog).not.toHaveBeenCalled();
  });

  test('InteractionRequiredAuthError → popup', async () => {
    const msal = fakeMsal({
      silent: [new InteractionRequiredAuthError()],
      popup: [{ accessToken: 'access-popup', idToken: 'id' }],
    });
    const { provider } = chain(msal);
    expect(await provider.getToken()).toBe('access-popup');
    expect(msal.log).toEqual(['silent', 'popup']);
  });

  test('the popup cannot open → the Office dialog', async () => {
    const msal = fakeMsal({
      silent: [new InteractionRequiredAuthError()],
      popup: [new BrowserAuthError('popup_window_error')],
    });
    const { provider, signInWithDialog } = chain(msal);
    expect(await provider.getToken()).toBe('dialog-token');
    expect(msal.log).toEqual(['silent', 'popup']);
    expect(signInWithDialog).toHaveBeenCalledWith(['api://sales/Sequences.ReadWrite']);
  });

  test('a host without Nested App Authentication → the Office dialog straight away', async () => {
    const { provider, signInWithDialog } = chain(new Error('NAA not supported'));
    expect(await provider.getToken()).toBe('dialog-token');
    expect(signInWithDialog).toHaveBeenCalledTimes(1);
  });

  test('the person closes the popup: a sign-in error, not the dialog', async () => {
    const msal = fakeMsal({
      silent: [new InteractionRequiredAuthError()],
      popup: [new BrowserAuthError('user_cancelled')],
    });
    const { provider, signInWithDialog } = chain(msal);
    await expect(provider.getToken()).rejects.toBeInstanceOf(SignInError);
    expect(signInWithDialog).not.toHaveBeenCalled();
  });

  test('another silent failure (network) is not hidden behind a popup', async () => {
    const msal = fakeMsal({ silent: [new BrowserAuthError('network_error')] });
    const { provider } = chain(msal);
    await expect(provider.getToken()).rejects.toThrow('Microsoft sign-in failed');
    expect(msal.log).toEqual(['silent']);
  });

  test('a result without an access token is refused (the ID token is never sent instead)', async () => {
    const msal = fakeMsal({ silent: [{ accessToken: '', idToken: 'id-only' }] });
    const { provider } = chain(msal);
    await expect(provider.getToken()).rejects.toThrow('no access token');
  });

  test('forceRefresh (after a 401) reaches acquireTokenSilent', async () => {
    const msal = fakeMsal({ silent: [{ accessToken: 'a' }, { accessToken: 'b' }] });
    const { provider } = chain(msal);
    await provider.getToken();
    expect(await provider.getToken({ forceRefresh: true })).toBe('b');
    expect(msal.requests[1]).toMatchObject({ forceRefresh: true });
  });
});

describe('choosing the provider from GET /api/v1/config', () => {
  const user = { email: 'rep@contoso.example', displayName: 'Riley Rep' };

  test('dev auth mode: POST /api/v1/dev/token for the Outlook user, cached until forceRefresh', async () => {
    let issued = 0;
    const fetchFn = jest.fn(async (_url: unknown, _init?: RequestInit) => {
      issued += 1;
      return jsonResponse(200, { accessToken: `dev-${issued}` });
    });
    const provider = createTokenProvider(
      { authMode: 'dev', clientId: null, authority: 'x', apiScope: null },
      {
        fetch: fetchFn as unknown as typeof fetch,
        user,
        origin: 'https://addin.example',
        openDialog: jest.fn(),
      },
    );
    expect(await provider.getToken()).toBe('dev-1');
    expect(await provider.getToken()).toBe('dev-1');
    expect(await provider.getToken({ forceRefresh: true })).toBe('dev-2');
    expect(fetchFn.mock.calls[0][0]).toBe('/api/v1/dev/token');
    expect(JSON.parse(String(fetchFn.mock.calls[0][1]?.body))).toEqual({
      email: 'rep@contoso.example',
      name: 'Riley Rep',
    });
  });

  test('jwt mode without a client id: a clear configuration error', () => {
    expect(() =>
      createTokenProvider(
        {
          authMode: 'jwt',
          clientId: null,
          authority: 'https://login.microsoftonline.com/common',
          apiScope: null,
        },
        { fetch: jest.fn(), user, origin: 'https://addin.example', openDialog: jest.fn() },
      ),
    ).toThrow('AUTH_CLIENT_ID');
  });

  test('jwt mode: MSAL is loaded only when a token is first asked for, and the dialog answer is parsed', async () => {
    const loadMsal = jest.fn(async () => ({
      createNaaClient: async () => {
        throw new Error('no NAA here');
      },
      isInteractionRequired: () => false,
    }));
    const openDialog = jest.fn(async () => JSON.stringify({ accessToken: 'from-dialog' }));
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const provider = createTokenProvider(
      {
        authMode: 'jwt',
        clientId: 'client',
        authority: 'https://login.microsoftonline.com/common',
        apiScope: 'api://x/S',
      },
      { fetch: jest.fn(), user, origin: 'https://addin.example', openDialog, loadMsal },
    );
    expect(loadMsal).not.toHaveBeenCalled();
    expect(await provider.getToken()).toBe('from-dialog');
    expect(loadMsal).toHaveBeenCalledTimes(1);
    expect(openDialog).toHaveBeenCalledWith('https://addin.example/dialog.html');
  });
});

describe('the client config embedded in the page by the server (a round trip less)', () => {
  const page = (html: string) => {
    document.head.innerHTML = html;
    return document;
  };

  test('read from the JSON block, as the server writes it (`<` escaped)', () => {
    const config = { authMode: 'jwt', clientId: 'c', authority: 'https://a.example/x<y', apiScope: 's' };
    const json = JSON.stringify(config).replace(/</g, '\\u003c');
    expect(
      embeddedClientConfig(page(`<script id="sales-tools-config" type="application/json">${json}</script>`)),
    ).toEqual(config);
  });

  test('absent, unreadable or not a config: null, and the pane asks GET /api/v1/config', () => {
    expect(embeddedClientConfig(page(''))).toBeNull();
    expect(
      embeddedClientConfig(page('<script id="sales-tools-config" type="application/json">{oops</script>')),
    ).toBeNull();
    expect(
      embeddedClientConfig(page('<script id="sales-tools-config" type="application/json">{"a":1}</script>')),
    ).toBeNull();
  });
});
