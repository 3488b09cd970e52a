import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

/** Where the console lives; the router's paths are under it. */
export const BASENAME = '/app';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; a network error or a 5xx may.
        retry: (count, error) =>
          count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
    },
  });
}
