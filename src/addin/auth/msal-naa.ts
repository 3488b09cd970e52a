// Loaded lazily (its own chunk): the first paint of the task pane never waits for MSAL (SPEC O6).
import { createNestablePublicClientApplication, InteractionRequiredAuthError } from '@azure/msal-browser';
import type { MsalClientLike } from './msal-token-provider';

export async function createNaaClient(clientId: string, authority: string): Promise<MsalClientLike> {
  return createNestablePublicClientApplication({ auth: { clientId, authority } });
}

export const isInteractionRequired = (error: unknown): boolean =>
  error instanceof InteractionRequiredAuthError;
