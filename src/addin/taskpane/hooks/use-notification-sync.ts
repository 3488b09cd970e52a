import { useCallback, useEffect, useState } from 'react';
import type { LookupResult } from '../../../shared/schemas';
import { recipientKey, type MailboxPort, type Recipient } from '../../office/types';

/**
 * Keeps the message's notification in step with an enroll or unenroll made in the pane (the
 * launch event only fires on a recipient change). Returns the function to call after one.
 */
export function useNotificationSync(
  mailbox: MailboxPort,
  recipients: Recipient[] | null,
  results: ReadonlyMap<string, LookupResult>,
): () => void {
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    if (changes === 0 || !recipients) return;
    const current = recipients.flatMap((recipient) => results.get(recipientKey(recipient.email)) ?? []);
    // The pane itself shows the change; a notification Outlook refused is not worth an error.
    mailbox.showEnrolled(current).catch((error: unknown) => console.warn('Sales Tools: notification', error));
    // Only after a change made here (`results` also changes with every lookup); this render's
    // `results` already holds it: the change and `changed()` are batched into one render.
  }, [changes]);
  return useCallback(() => setChanges((n) => n + 1), []);
}
