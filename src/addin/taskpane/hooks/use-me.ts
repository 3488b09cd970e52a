import { useEffect, useState } from 'react';
import type { Me } from '../../../shared/schemas';
import type { SalesApi } from '../../api/client';

/**
 * The signed-in user as the API knows them; null while loading or when it failed (the panel
 * shows why elsewhere). Asked once `ready`: the recipients' lookup goes first, since it is
 * what the person is waiting for (the header shows Outlook's profile meanwhile).
 */
export function useMe(api: SalesApi, ready = true): { me: Me | null; error: Error | null } {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [asked, setAsked] = useState(false);
  if (ready && !asked) setAsked(true);
  useEffect(() => {
    if (!asked) return;
    let live = true;
    api.me().then(
      (found) => live && setMe(found),
      (failure: unknown) => live && setError(failure instanceof Error ? failure : new Error(String(failure))),
    );
    return () => {
      live = false;
    };
  }, [api, asked]);
  return { me, error };
}
