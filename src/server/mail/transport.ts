import type { Queryable } from '../db/port';

/** One sequence email, fully composed, on its way out. */
export interface OutgoingEmail {
  accountId: string;
  sentMessageId: string;
  /** Without angle brackets. */
  messageId: string;
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  /** Extra header fields: threading, List-Unsubscribe, … */
  headers: Record<string, string>;
}

/**
 * Where sequence email leaves the system. `tx` is the transaction that recorded
 * the send, so a transport that stores (the outbox) commits or rolls back with it.
 */
export interface MailTransport {
  readonly name: string;
  send(tx: Queryable, email: OutgoingEmail, now: Date): Promise<void>;
  close?(): Promise<void>;
}
