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

/** What became of one email handed to a transport. */
export type DeliveryResult =
  | { status: 'sent'; response?: string }
  /**
   * Not delivered now; try again later. `soft_bounce`: the peer refused this
   * recipient or message for now (4xx). `unavailable`: the relay could not be
   * reached or would not take mail from us (connection, TLS, credentials, sender).
   */
  | { status: 'deferred'; kind: 'soft_bounce' | 'unavailable'; response: string }
  /**
   * Refused for good (5xx). `recipient`: the address itself (the contact's
   * address hard-bounced); `message`: this message (policy, content).
   */
  | { status: 'rejected'; scope: 'recipient' | 'message'; response: string };

export const SENT: DeliveryResult = { status: 'sent' };

/**
 * Where sequence email leaves the system. `tx` is the transaction that recorded
 * the send, so a transport that stores (the outbox) commits or rolls back with it.
 */
export interface MailTransport {
  readonly name: string;
  /**
   * True when `send` writes through `tx` and so commits or rolls back with the
   * step (the outbox): the worker then executes whole batches in one
   * transaction. A transport that hands mail to a peer (SMTP) is executed one
   * step per transaction, so a failure or a crash affects only that step.
   */
  readonly transactional?: boolean;
  /** Resolves undefined for "sent" (transports written before DeliveryResult existed). */
  send(tx: Queryable, email: OutgoingEmail, now: Date): Promise<DeliveryResult | void>;
  /** Many at once (set-based, for transactional transports); results in input order. */
  sendMany?(tx: Queryable, emails: OutgoingEmail[], now: Date): Promise<DeliveryResult[]>;
  close?(): Promise<void>;
}

/** Sends `emails` through `transport`, set-based when it can, else one by one in order. */
export async function deliverAll(
  transport: MailTransport,
  tx: Queryable,
  emails: OutgoingEmail[],
  now: Date,
): Promise<DeliveryResult[]> {
  if (emails.length === 0) return [];
  if (transport.sendMany) return transport.sendMany(tx, emails, now);
  const results: DeliveryResult[] = [];
  for (const email of emails) results.push((await transport.send(tx, email, now)) ?? SENT);
  return results;
}
