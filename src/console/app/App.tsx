import { FluentProvider } from '@fluentui/react-components';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { createBrowserRouter, createMemoryRouter, RouterProvider } from 'react-router';
import { endpoints } from '../api/endpoints';
import { SignIn } from '../screens/sign-in/SignIn';
import { screenRoutes } from './routes';
import { ServicesProvider, type ConsoleServices } from './services';
import { Shell } from './Shell';
import { ThemeChoiceContext, useThemeChoice } from './theme';
import { BASENAME, createQueryClient } from './query-client';
import { routerPath, warmScreenCode, warmScreenData } from './warm-up';

export type AppState =
  | { kind: 'signedIn'; services: ConsoleServices }
  | { kind: 'signedOut'; mode: 'dev' | 'jwt'; message?: string; signIn(email?: string): Promise<void> };

export interface AppProps {
  state: AppState;
  /** Tests give a path to start at (a memory router); the page uses the address bar. */
  initialPath?: string;
  queryClient?: QueryClient;
}

/** The console's root: the Fluent theme, then sign-in or the screens. */
export function App({ state, initialPath, queryClient }: AppProps) {
  const { kind, theme, toggle } = useThemeChoice();
  const [client] = useState(() => queryClient ?? createQueryClient());
  const router = useMemo(() => {
    const routes = [{ path: '/', element: <Shell />, children: screenRoutes }];
    return initialPath
      ? createMemoryRouter(routes, { initialEntries: [initialPath] })
      : createBrowserRouter(routes, { basename: BASENAME });
  }, [initialPath]);
  // Each navigation warms the screen it leads to (the page's first address is warmed by index.tsx,
  // and again here for a session that began on the sign-in page).
  const api = state.kind === 'signedIn' ? state.services.api : null;
  useEffect(() => {
    if (!api) return;
    const warm = ({ pathname, search }: { pathname: string; search: string }) => {
      const path = routerPath(pathname, router.basename ?? '/');
      // Code and data side by side: the summary's tab chunk need not wait for the summary.
      void warmScreenCode(path, search).catch(() => undefined);
      void warmScreenData(path, search, endpoints(api), client);
    };
    warm(router.state.location);
    return router.subscribe((next) => warm(next.location));
  }, [api, router, client]);
  return (
    <FluentProvider theme={theme}>
      {state.kind === 'signedIn' ? (
        <ServicesProvider services={state.services}>
          <QueryClientProvider client={client}>
            <ThemeChoiceContext.Provider value={{ kind, toggle }}>
              <RouterProvider router={router} />
            </ThemeChoiceContext.Provider>
          </QueryClientProvider>
        </ServicesProvider>
      ) : (
        <SignIn mode={state.mode} message={state.message} signIn={state.signIn} />
      )}
    </FluentProvider>
  );
}
