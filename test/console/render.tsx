import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import type { ConsoleApi } from '../../src/console/api/client';
import { ServicesProvider } from '../../src/console/app/services';

/** A fake API: `routes['GET /scheduled']` answers that call (a function of the query or body). */
export function fakeApi(routes: Record<string, (input: any) => unknown>) {
  const calls: { method: string; path: string; input: unknown }[] = [];
  const answer = async (method: string, path: string, input: unknown) => {
    calls.push({ method, path, input });
    const handler = routes[`${method} ${path}`];
    if (!handler) throw new Error(`no fake for ${method} ${path}`);
    return handler(input);
  };
  const api: ConsoleApi = {
    get: (path, query) => answer('GET', path, query) as Promise<any>,
    post: (path, body) => answer('POST', path, body) as Promise<any>,
    patch: (path, body) => answer('PATCH', path, body) as Promise<any>,
  };
  return { api, calls };
}

export function renderScreen(ui: ReactNode, api: ConsoleApi, path = '/') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider
        services={{
          api,
          session: {
            user: { email: 'rep@contoso.example', name: 'Riley Rep' },
            getToken: async () => 't',
            signOut: async () => undefined,
          },
          signOut: () => undefined,
          timeZone: 'UTC',
        }}
      >
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
        </QueryClientProvider>
      </ServicesProvider>
    </FluentProvider>,
  );
}
