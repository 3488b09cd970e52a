import type { Db } from '../db/port';
import type { GraphClient } from '../graph';
import { graphTransport, type GraphSender } from './graph-transport';
import { outboxTransport } from './outbox-transport';
import { DEFAULT_SMTP_OPTIONS, smtpTransport, type SmtpOptions } from './smtp-transport';
import { storedAsSent } from './stored-as-sent';
import type { MailTransport, OutgoingEmail, SendingTransport } from './transport';

/** What sending through Microsoft Graph needs, when the connector is configured. */
export interface GraphSending {
  graph: GraphClient;
  db: Db;
  senderOf(email: OutgoingEmail): Promise<GraphSender | undefined>;
}

/** The transport named by MAIL_TRANSPORT alone: `outbox`, or an `smtp://` / `smtps://` relay. */
function baseTransport(spec: string, smtp: SmtpOptions): MailTransport {
  if (spec === 'outbox') return outboxTransport;
  if (/^smtps?:\/\//.test(spec)) return smtpTransport(spec, smtp);
  throw new Error(`MAIL_TRANSPORT "${spec}" is not supported: use "outbox", "graph" or an smtp:// URL`);
}

/**
 * The transport named by MAIL_TRANSPORT. With the Graph connector configured, mail of a rep
 * whose mailbox is connected leaves through Graph whatever MAIL_TRANSPORT says (issue 16: "per
 * account when connected"), the rest through MAIL_TRANSPORT; `graph` sends only through Graph.
 */
export function createTransport(
  spec: string,
  smtp: SmtpOptions = DEFAULT_SMTP_OPTIONS,
  graphSending?: GraphSending,
): MailTransport {
  if (spec === 'graph') {
    if (!graphSending) throw new Error('MAIL_TRANSPORT=graph needs the Graph connector (GRAPH_CLIENT_ID)');
    return graphTransport({ graph: graphSending.graph, senderOf: graphSending.senderOf });
  }
  const base = baseTransport(spec, smtp);
  if (!graphSending) return base;
  const fallback: SendingTransport = base.kind === 'storing' ? storedAsSent(base, graphSending.db) : base;
  return graphTransport({ graph: graphSending.graph, senderOf: graphSending.senderOf, fallback });
}
