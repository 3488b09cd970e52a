import { classifyGraphSendFailure } from '../engine/graph/graph-failure';
import { composeMime, graphFailureOf, type GraphClient } from '../graph';
import type { OutgoingEmail, SendingTransport } from './transport';

/** The mailbox an email is sent from: its tenant and Graph's name for the user. */
export interface GraphSender {
  tenantId: string;
  graphUser: string;
}

export interface GraphTransportOptions {
  graph: GraphClient;
  /** The connected mailbox of the email's sender, or undefined when that rep has none. */
  senderOf(email: OutgoingEmail): Promise<GraphSender | undefined>;
  /** Where mail from a rep without a connected mailbox goes (SMTP, the outbox); none: it waits. */
  fallback?: SendingTransport;
}

/**
 * Sends each sequence email from the enrolling rep's own Microsoft 365 mailbox, as the full
 * MIME message (`sendMail`, base64, text/plain) so Message-ID, In-Reply-To/References and
 * List-Unsubscribe(-Post) stay exactly as composed, and Exchange files it in Sent Items.
 *
 * Exactly once (G2): when an earlier attempt may have been accepted — a worker died after
 * handing it over (`outcomeUnknown`), or an attempt got no answer or a 5xx — the Sent Items
 * are searched for the message's own Message-ID first, and a message found there counts as
 * sent. Throttling (429/503 + Retry-After) postpones the step by what Graph asked; refusals
 * are sorted like SMTP's (engine/graph/graph-failure.ts).
 */
export function graphTransport(options: GraphTransportOptions): SendingTransport {
  const { graph, fallback } = options;
  return {
    kind: 'sending',
    name: fallback ? `graph+${fallback.name}` : 'graph',
    async send(email, now, attempt) {
      const sender = await options.senderOf(email);
      if (!sender) {
        if (fallback) return fallback.send(email, now, attempt);
        return {
          status: 'deferred',
          kind: 'unavailable',
          response: `${email.from.address} has no connected Microsoft 365 mailbox (MAIL_TRANSPORT=graph)`,
        };
      }
      try {
        if (attempt.outcomeUnknown || (attempt.earlierFailures ?? 0) > 0) {
          const found = await graph.findSentMessage(sender.tenantId, sender.graphUser, email.messageId);
          if (found)
            return { status: 'sent', response: 'found in Sent Items: an earlier attempt was delivered' };
        }
        const mime = await composeMime(email, now);
        await graph.sendMime(sender.tenantId, sender.graphUser, mime);
        return { status: 'sent', response: '202 Accepted' };
      } catch (error: unknown) {
        return classifyGraphSendFailure(graphFailureOf(error));
      }
    },
    async close() {
      await fallback?.close?.();
    },
  };
}
