import type { Queryable } from '../db/port';
import type { DeliveryResult } from '../engine/step-plan';

export type { DeliveryResult };

/** One sequence email, fully composed, on its way out. */
export interface OutgoingEmail {
  accountId: string;
  sentMessageId: string;
  /** Without angle brackets. */
  messageId: string;
  from: { name: string; address: string };
  /** The user it is sent for (the enrolling rep): whose mailbox sends it through Graph. */
  senderUserId?: string;
  to: string;
  subject: string;
  text: string;
  /** Extra header fields: threading, List-Unsubscribe, … */
  headers: Record<string, string>;
  /** The envelope sender (where bounces go): a VERP address, else `from.address`. */
  returnPath?: string;
}

/**
 * A transport that keeps mail in the database (the outbox): it writes through the
 * transaction that claimed the steps, so an email exists exactly when its step committed,
 * and the worker runs whole batches in one transaction.
 */
export interface StoringTransport {
  readonly kind: 'storing';
  readonly name: string;
  /** Results in input order. */
  store(tx: Queryable, emails: OutgoingEmail[], now: Date): Promise<DeliveryResult[]>;
  close?(): Promise<void>;
}

/**
 * A transport that talks to a mail server (SMTP, Microsoft Graph). Never called inside a
 * database transaction: the worker holds a lease on the step instead (docs/architecture.md).
 * `send` never throws for a refusal; it answers what happened.
 */
export interface SendingTransport {
  readonly kind: 'sending';
  readonly name: string;
  send(email: OutgoingEmail, now: Date, attempt: SendAttempt): Promise<DeliveryResult>;
  close?(): Promise<void>;
}

export interface SendAttempt {
  /**
   * An earlier attempt at this very email ended without a recorded outcome (a worker died
   * between handing it over and recording the answer): it may have been delivered. A
   * transport that can find out (Graph: the Sent Items) should look before sending again;
   * SMTP cannot, and sends again with the same Message-ID.
   */
  outcomeUnknown: boolean;
  /**
   * Earlier attempts at this email that ended deferred (throttled, no answer, a 5xx). After
   * no answer or a 5xx a message may have been accepted all the same, so Graph looks in Sent
   * Items before sending again; SMTP ignores it.
   */
  earlierFailures?: number;
}

export type MailTransport = StoringTransport | SendingTransport;

export const SENT: DeliveryResult = { status: 'sent' };
