import { useCallback, useEffect, useRef, useState } from 'react';
import { recipientKey, type MailboxPort, type Recipient } from '../../office/types';

export interface RecipientsState {
  /** null until the first read finishes. */
  recipients: Recipient[] | null;
  error: Error | null;
  reload(): void;
}

const keyOf = (recipients: Recipient[]) =>
  recipients.map((r) => `${r.field}:${recipientKey(r.email)}:${r.name}`).join('|');

/**
 * The compose item's recipients, read now and again whenever Outlook says they may have
 * changed. An unchanged list keeps its identity, so nothing downstream looks it up again.
 * `initial`: the recipients as read before the mount (the first render shows them).
 */
export function useRecipients(mailbox: MailboxPort, initial?: Recipient[]): RecipientsState {
  const [recipients, setRecipients] = useState<Recipient[] | null>(initial ?? null);
  const [error, setError] = useState<Error | null>(null);
  const lastKey = useRef<string | null>(initial ? keyOf(initial) : null);
  const reads = useRef(0);

  const read = useCallback(() => {
    const id = ++reads.current;
    mailbox.readRecipients().then(
      (next) => {
        if (id !== reads.current) return;
        setError(null);
        const key = keyOf(next);
        if (key === lastKey.current) return;
        lastKey.current = key;
        setRecipients(next);
      },
      (failure: unknown) => {
        if (id !== reads.current) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
      },
    );
  }, [mailbox]);

  useEffect(() => {
    read();
    return mailbox.watchRecipients(read);
  }, [mailbox, read]);

  return { recipients, error, reload: read };
}
