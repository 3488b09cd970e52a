/**
 * @jest-environment node
 */
import { createConsoleApi } from '../../src/console/api/client';
import { createDevAuthenticator, DEV_USER_KEY } from '../../src/console/auth/dev-authenticator';
import { createRedirectTokenProvider } from '../../src/console/auth/redirect-token-provider';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the console’s sign-in (C1)', () => {
  test('a refused token is refreshed once; refused again, the session ends', async () => {
    const tokens = {
      getToken: jest.fn(async ({ forceRefresh = false } = {}) => (forceRefresh ? 'fresh' : 'stale')),
    };
    const onSignedOut = jest.fn();
    const fetchFn = jest.fn(async (_url: string, init?: RequestInit) =>
      (init?.headers as Record<string, string>).authorization === 'Bearer fresh'
        ? json(200, { ok: true })
        : json(401, { error: { code: 'unauthorized', message: 'expired' } }),
    );
    const api = createConsoleApi({ tokens, fetch: fetchFn as unknown as typeof fetch, onSignedOut });
    await expect(api.get('/me')).resolves.toEqual({ ok: true });
    expect(fetchFn).toHaveBeenCalledTimes(2);
    expect(onSignedOut).not.toHaveBeenCalled();

    fetchFn.mockImplementation(async () =>
      json(401, { error: { code: 'unauthorized', message: 'revoked' } }),
    );
    await expect(api.get('/me')).rejects.toMatchObject({ status: 401 });
    expect(fetchFn).toHaveBeenCalledTimes(4); // once, then once more with a fresh token — never a loop
    expect(onSignedOut).toHaveBeenCalledWith('Your session has ended. Sign in again.');
  });

  test('dev mode: /app?as=<email> signs in as that user, drops the parameter and remembers the user', async () => {
    const storage = new Map<string, string>();
    const replaceUrl = jest.fn();
    const fetchFn = jest.fn(async (_url: string, init?: RequestInit) => {
      expect(JSON.parse(String(init?.body))).toEqual({ email: 'ann@contoso.example' });
      return json(200, { accessToken: 'dev-token' });
    });
    const auth = createDevAuthenticator({
      fetch: fetchFn as unknown as typeof fetch,
      storage: {
        getItem: (k) => storage.get(k) ?? null,
        setItem: (k, v) => void storage.set(k, v),
        removeItem: (k) => void storage.delete(k),
      },
      location: { href: 'http://localhost/app/contacts/1?as=ann%40contoso.example&x=1' },
      replaceUrl,
    });
    const session = await auth.resume();
    expect(session?.user.email).toBe('ann@contoso.example');
    expect(await session?.getToken()).toBe('dev-token');
    expect(replaceUrl).toHaveBeenCalledWith('/app/contacts/1?x=1');
    expect(storage.get(DEV_USER_KEY)).toBe('ann@contoso.example');
    await session?.signOut();
    expect(storage.has(DEV_USER_KEY)).toBe(false);
  });

  test('jwt mode: acquireTokenSilent, then acquireTokenRedirect back to where the person was', async () => {
    class InteractionRequired extends Error {}
    const client = {
      acquireTokenSilent: jest.fn(async () => {
        throw new InteractionRequired('consent needed');
      }),
      acquireTokenRedirect: jest.fn(async () => undefined),
    };
    const provider = createRedirectTokenProvider({
      client,
      account: { username: 'ann@contoso.com' },
      apiScope: 'api://x/Sequences.ReadWrite',
      isInteractionRequired: (error) => error instanceof InteractionRequired,
      returnPath: () => '/app/sequences/42?tab=steps',
    });
    const pending = provider.getToken();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(client.acquireTokenRedirect).toHaveBeenCalledWith({
      scopes: ['api://x/Sequences.ReadWrite'],
      account: { username: 'ann@contoso.com' },
      state: '/app/sequences/42?tab=steps',
    });
    expect(await Promise.race([pending, Promise.resolve('still waiting')])).toBe('still waiting');

    client.acquireTokenSilent.mockImplementation(async () => ({ accessToken: 'access' }) as never);
    await expect(provider.getToken({ forceRefresh: true })).resolves.toBe('access');
    expect(client.acquireTokenSilent).toHaveBeenLastCalledWith({
      scopes: ['api://x/Sequences.ReadWrite'],
      account: { username: 'ann@contoso.com' },
      forceRefresh: true,
    });
  });
});
