import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { endpoints } from '../api/endpoints';
import type { ConsoleApi } from '../api/client';
import type { Session } from '../auth/session';

/** What screens use instead of fetch and the clock (STYLE 11): given by index.tsx, or fakes in tests. */
export interface ConsoleServices {
  api: ConsoleApi;
  session: Session;
  signOut(): void;
  /** The clock for relative times; injected so tests can fix it. */
  now?: () => Date;
  /** The time zone for due times (default: the user's, from GET /me; the browser's until it answers). */
  timeZone?: string;
}

const ServicesContext = createContext<ConsoleServices | null>(null);

export function ServicesProvider({ services, children }: { services: ConsoleServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): ConsoleServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesProvider>');
  return services;
}

/** The typed calls, for the signed-in session. */
export function useEndpoints() {
  const { api } = useServices();
  return useMemo(() => endpoints(api), [api]);
}

/** The signed-in user as the API knows them (name, time zone), asked once per session. */
export function useMe(enabled = true) {
  const api = useEndpoints();
  return useQuery({ queryKey: ['me'], queryFn: () => api.me(), staleTime: Infinity, enabled });
}

/** The time zone to show times in. */
export function useTimeZone(): string | undefined {
  const { timeZone } = useServices();
  const me = useMe(timeZone === undefined);
  return timeZone ?? me.data?.timeZone;
}
