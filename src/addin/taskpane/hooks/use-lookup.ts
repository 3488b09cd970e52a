import { useCallback, useEffect, useRef, useState } from 'react';
import type { Contact, Enrollment, LookupResult } from '../../../shared/schemas';
import type { SalesApi } from '../../api/client';
import { recipientKey, type Recipient } from '../../office/types';
import type { PanelPreload } from '../preload';

export interface LookupState {
  loading: boolean;
  error: Error | null;
  /** By `recipientKey(email)`; kept while a newer lookup runs, so the list does not flash. */
  results: ReadonlyMap<string, LookupResult>;
  retry(): void;
  /** After an unenroll, enroll, pause or resume: the recipient's current enrollment (null when none). */
  setEnrollment(email: string, enrollment: Enrollment | null): void;
  /** After **Add contact**: the recipient is a contact now. */
  setContact(email: string, contact: Contact): void;
}

const byKey = (found: LookupResult[]): ReadonlyMap<string, LookupResult> =>
  new Map(found.map((result) => [recipientKey(result.email), result]));

/**
 * One batched `POST /contacts/lookup` for all recipients (SPEC O3), again whenever they change.
 * `preload`: the lookup the boot script started for these very recipients (the same array), used
 * instead of a new request the first time; its answer, when already there, is the first state.
 */
export function useLookup(
  api: SalesApi,
  recipients: Recipient[] | null,
  preload?: PanelPreload,
): LookupState {
  const [results, setResults] = useState(() => byKey(preload?.results ?? []));
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  const requests = useRef(0);
  const preloaded = useRef(preload);

  useEffect(() => {
    if (!recipients) return;
    const id = ++requests.current;
    const early = preloaded.current?.recipients === recipients ? preloaded.current : undefined;
    preloaded.current = undefined;
    if (recipients.length === 0 || early?.results) {
      setLoading(false);
      setError(null);
      return;
    }
    setLoading(true);
    setError(null);
    (early?.lookup ?? api.lookup(recipients.map((r) => r.email))).then(
      (found) => {
        if (id !== requests.current) return;
        setResults(byKey(found));
        setLoading(false);
      },
      (failure: unknown) => {
        if (id !== requests.current) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        setLoading(false);
      },
    );
  }, [api, recipients, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const setEnrollment = useCallback((email: string, enrollment: Enrollment | null) => {
    setResults((current) => {
      const key = recipientKey(email);
      const existing = current.get(key);
      if (!existing) return current;
      const next = new Map(current);
      next.set(key, { ...existing, enrollment });
      return next;
    });
  }, []);

  const setContact = useCallback((email: string, contact: Contact) => {
    setResults((current) => {
      const next = new Map(current);
      next.set(recipientKey(email), { email, contact, enrollment: null });
      return next;
    });
  }, []);

  return { loading, error, results, retry, setEnrollment, setContact };
}
