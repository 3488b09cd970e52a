import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  webLightTheme,
} from '@fluentui/react-components';
import type { QueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { createConsoleApi } from '../api/client';
import type { Authenticator, Session } from '../auth/session';
import { App, type AppState } from './App';
import { createQueryClient } from './query-client';

export type RootProps =
  | {
      authenticator: Authenticator;
      initialSession: Session | null;
      fetch: typeof fetch;
      /** The cache, when the page started filling it before React (the address's warm-up). */
      queryClient?: QueryClient;
      failure?: undefined;
    }
  | { failure: string; fetch: typeof fetch; authenticator?: undefined };

/** Holds the session: signing in and out, and a session the API ended (401 after a refresh). */
export function Root(props: RootProps) {
  const [session, setSession] = useState<Session | null>(props.authenticator ? props.initialSession : null);
  const [message, setMessage] = useState<string | undefined>();
  const [queryClient] = useState(() => (props.authenticator && props.queryClient) || createQueryClient());

  const end = useCallback(
    (why?: string) => {
      // Another person may sign in next: nothing of this one's data stays in memory.
      queryClient.clear();
      setMessage(why);
      setSession(null);
    },
    [queryClient],
  );

  const services = useMemo(
    () =>
      session && {
        session,
        api: createConsoleApi({ tokens: session, fetch: props.fetch, onSignedOut: end }),
        signOut: () => {
          void session.signOut().then(() => end());
        },
      },
    [session, props.fetch, end],
  );

  if (!props.authenticator) {
    return (
      <FluentProvider theme={webLightTheme}>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Sales Tools could not start</MessageBarTitle>
            {props.failure}
          </MessageBarBody>
        </MessageBar>
      </FluentProvider>
    );
  }
  const { authenticator } = props;
  const state: AppState = services
    ? { kind: 'signedIn', services }
    : {
        kind: 'signedOut',
        mode: authenticator.mode,
        message,
        signIn: async (email) => {
          const next = await authenticator.signIn(email);
          setMessage(undefined);
          setSession(next);
        },
      };
  return <App state={state} queryClient={queryClient} />;
}
