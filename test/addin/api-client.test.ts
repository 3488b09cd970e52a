import { ApiError, createApiClient } from '../../src/addin/api/client';
import type { TokenProvider } from '../../src/addin/auth/token-provider';
import { jsonResponse } from './fake-response';

function tokens() {
  let n = 0;
  const provider: TokenProvider & { calls: Array<{ forceRefresh?: boolean } | undefined> } = {
    calls: [],
    async getToken(options) {
      provider.calls.push(options);
      n += 1;
      return `token-${n}`;
    },
  };
  return provider;
}

const json = jsonResponse;

describe('the API client', () => {
  test('one batched lookup with the bearer token; results in request order', async () => {
    const fetchFn = jest.fn(async (_url: string, _init?: RequestInit) =>
      json(200, { results: [{ email: 'a@x.example', contact: null, enrollment: null }] }),
    );
    const api = createApiClient({ tokens: tokens(), fetch: fetchFn as unknown as typeof fetch });
    const results = await api.lookup(['a@x.example']);
    expect(results).toEqual([{ email: 'a@x.example', contact: null, enrollment: null }]);
    const [url, init] = fetchFn.mock.calls[0];
    expect(url).toBe('/api/v1/contacts/lookup');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>).authorization).toBe('Bearer token-1');
    expect(JSON.parse(String(init?.body))).toEqual({ emails: ['a@x.example'] });
  });

  test('no recipients: no request at all', async () => {
    const fetchFn = jest.fn();
    const api = createApiClient({ tokens: tokens(), fetch: fetchFn as unknown as typeof fetch });
    expect(await api.lookup([])).toEqual([]);
    expect(fetchFn).not.toHaveBeenCalled();
  });

  test('a 401 gets a fresh token and one retry — and only one', async () => {
    const provider = tokens();
    const fetchFn = jest
      .fn()
      .mockResolvedValueOnce(json(401, { error: { code: 'unauthorized', message: 'expired' } }))
      .mockResolvedValueOnce(json(200, { id: 'me' }));
    const api = createApiClient({ tokens: provider, fetch: fetchFn });
    expect(await api.me()).toEqual({ id: 'me' });
    expect(provider.calls).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
    expect(fetchFn.mock.calls[1][1].headers.authorization).toBe('Bearer token-2');

    const always401 = jest.fn(async () =>
      json(401, { error: { code: 'unauthorized', message: 'Sign in first' } }),
    );
    const failing = createApiClient({ tokens: tokens(), fetch: always401 as unknown as typeof fetch });
    await expect(failing.me()).rejects.toMatchObject({
      status: 401,
      code: 'unauthorized',
      message: 'Sign in first',
    });
    expect(always401).toHaveBeenCalledTimes(2);
  });

  test('errors carry the server’s code and message; a network failure says so', async () => {
    const api = createApiClient({
      tokens: tokens(),
      fetch: (async () =>
        json(404, { error: { code: 'not_found', message: 'Enrollment was not found' } })) as never,
    });
    const error = await api.unenroll('e1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'Enrollment was not found' });

    const offline = createApiClient({
      tokens: tokens(),
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as never,
    });
    await expect(offline.me()).rejects.toMatchObject({ code: 'network_error' });
  });

  test('unenroll one and many hit the idempotent endpoints', async () => {
    const fetchFn = jest.fn(async (_url: string, _init?: RequestInit) => json(200, {}));
    const api = createApiClient({ tokens: tokens(), fetch: fetchFn as unknown as typeof fetch });
    await api.unenroll('abc');
    await api.unenrollMany(['a', 'b']);
    expect(fetchFn.mock.calls.map(([url, init]) => [url, init?.method, init?.body])).toEqual([
      ['/api/v1/enrollments/abc/unenroll', 'POST', '{}'],
      ['/api/v1/enrollments/unenroll', 'POST', '{"ids":["a","b"]}'],
    ]);
  });
});

test('a lookup of the same addresses while one is in flight joins it; afterwards it asks again', async () => {
  let answer: (response: Response) => void = () => undefined;
  const fetchFn = jest.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
  const api = createApiClient({ tokens: tokens(), fetch: fetchFn as unknown as typeof fetch });
  const first = api.lookup(['a@x.example']);
  const second = api.lookup(['a@x.example']);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(fetchFn).toHaveBeenCalledTimes(1);
  answer(json(200, { results: [{ email: 'a@x.example', contact: null, enrollment: null }] }));
  expect(await first).toEqual(await second);
  fetchFn.mockImplementation(async () => json(200, { results: [] }));
  await api.lookup(['a@x.example']);
  expect(fetchFn).toHaveBeenCalledTimes(2);
});
