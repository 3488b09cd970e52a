import type { LookupResult } from '../../shared/schemas';
import type { SalesApi } from '../api/client';
import type { Recipient } from '../office/types';

/**
 * What the boot script read and asked for before React mounted, handed to the panel so that it
 * neither reads nor looks up again: before this, the boot lookup often answered before the
 * panel's first render, was forgotten, and the panel sent a second one (bench/addin).
 */
export interface PanelPreload {
  /** The recipients, as read before the mount. */
  recipients: Recipient[];
  /** Their lookup, started then: answered or still in flight. */
  lookup: Promise<LookupResult[]>;
  /** Its answer, when it came before the mount: the panel's first render shows it. */
  results?: LookupResult[];
}

/**
 * Looks the recipients up as soon as they are read; `snapshot()` says, synchronously, how far
 * that got (undefined while they are being read or when reading failed: the panel then reads
 * them itself and reports the failure).
 */
export function startPreload(read: Promise<Recipient[]>, api: Pick<SalesApi, 'lookup'>) {
  let recipients: Recipient[] | undefined;
  let lookup: Promise<LookupResult[]> | undefined;
  let results: LookupResult[] | undefined;
  const answered = read.then((found) => {
    recipients = found;
    lookup = api.lookup(found.map((recipient) => recipient.email));
    return lookup.then((answer) => {
      results = answer;
      return { recipients: found, results: answer };
    });
  });
  // The panel gets the same rejections (from reading or from `lookup`) and shows them.
  answered.catch(() => undefined);
  return {
    /** The recipients and their lookup's answer, once it came (never settles on a failure). */
    answered: answered.catch(() => new Promise<never>(() => undefined)),
    snapshot: (): PanelPreload | undefined =>
      recipients && lookup ? { recipients, lookup, ...(results ? { results } : {}) } : undefined,
  };
}
