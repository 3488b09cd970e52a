import { createContext, useContext, type ReactNode } from 'react';
import type { SalesApi } from '../api/client';
import type { MailboxPort } from '../office/types';
import type { PanelPreload } from './preload';

/** What components use instead of Office.js and fetch (STYLE 11): given by boot.ts (through mount-panel.tsx), or fakes in tests. */
export interface AddinServices {
  mailbox: MailboxPort;
  api: SalesApi;
  /** The clock for "next step" times; injected so tests can fix it. */
  now?: () => Date;
  /** The recipients and their lookup as the boot script found them before the mount. */
  preload?: PanelPreload;
}

const ServicesContext = createContext<AddinServices | null>(null);

export function ServicesProvider({ services, children }: { services: AddinServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AddinServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesProvider>');
  return services;
}
