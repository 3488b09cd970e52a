import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { Deps } from '../deps';
import { sentMessageOfBounceAddress } from '../mail/bounce-address';
import { accountByInboundKey, accountOfSentMessage } from './queries';
import { toErrorBody } from '../http/error-handler';
import { addressKey } from '../rate-limit/plugin';
import { ingestEmail } from './service';

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

const TRY_LATER = () => new SmtpReply(451, '4.3.0 Temporary failure, try again later');

/**
 * What to answer when taking a message failed. A 4xx SMTP reply makes the sending server try
 * again (for days), so it is only for trouble on our side (a 5xx over HTTP: the database out of
 * reach, a fault). A problem of the message itself (a 4xx over HTTP: not a message, too large,
 * a value the database cannot hold) fails the same way every time: refused for good (RFC 5321
 * §4.2.1; RFC 3463 for the enhanced codes).
 */
export function smtpReplyFor(error: unknown, stage: 'rcpt' | 'data'): SmtpReply {
  if (error instanceof SmtpReply) return error;
  const { status, body } = toErrorBody(error);
  const message = (body.error as { message: string }).message;
  if (status === 429) return new SmtpReply(451, `4.7.1 ${message}`);
  if (status >= 500) return TRY_LATER();
  if (status === 413) return new SmtpReply(552, `5.3.4 ${message}`);
  if (stage === 'rcpt') return new SmtpReply(553, `5.1.3 ${message}`);
  return new SmtpReply(554, `5.6.0 ${message}`);
}

/**
 * Rate limits, counted at MAIL FROM (once per message) in the counts every process shares:
 * per connecting client, and per sending address (bounces have none: the client's limit alone).
 * Over a limit the sender is told to come back (451 4.7.1): a sending server's queue retries.
 */
function overLimit(deps: Deps, session: SMTPServerSession, sender: string): SmtpReply | undefined {
  const { smtpPerClient, smtpPerSender } = deps.config.rateLimit;
  const limits: Array<[key: string, max: number, who: string]> = [
    [addressKey('smtp-client', session.remoteAddress), smtpPerClient, `from ${session.remoteAddress}`],
  ];
  if (sender) limits.push([`smtp-sender:${sender.toLowerCase()}`, smtpPerSender, `from <${sender}>`]);
  for (const [key, max, who] of limits) {
    if (max === 0) continue;
    const { count, resetInMs } = deps.rateLimits.hit(key);
    if (count > max)
      return new SmtpReply(
        451,
        `4.7.1 Too many messages ${who}: at most ${max} a minute; try again in ${Math.ceil(resetInMs / 1000)} s`,
      );
  }
  return undefined;
}

/**
 * The account an envelope recipient delivers to: `<inbound key>@<INBOUND_DOMAIN>`, or the
 * signed return path of one of its sequence emails (`bounce+…@INBOUND_DOMAIN`: a bounce).
 */
async function accountFor(deps: Deps, address: string): Promise<string | undefined> {
  const { domain, returnPathDomain } = deps.config.inbound;
  const sent = returnPathDomain
    ? sentMessageOfBounceAddress(deps.config.unsubscribeSecret, address, returnPathDomain)
    : undefined;
  if (sent) return accountOfSentMessage(deps.db, sent);
  const at = address.lastIndexOf('@');
  if (at < 1 || address.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return undefined;
  return accountByInboundKey(deps.db, address.slice(0, at).toLowerCase());
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * An SMTP endpoint (off unless INBOUND_SMTP_PORT is set) so that a mail server —
 * a forwarding rule, a BCC address, a journaling rule — delivers replies,
 * bounces and forwarded mail straight to the service. Each account receives at
 * its own address; unknown recipients are refused at RCPT (550 5.1.1), messages
 * over the size limit at DATA (552 5.3.4), a message we can never take 554, and
 * only one we cannot take for a moment gets 451 so the sending server retries
 * (`smtpReplyFor`). No AUTH or TLS here: put it behind the organisation's mail relay.
 */
export async function startInboundSmtp(
  deps: Deps,
  options: { port: number; host: string },
): Promise<InboundSmtp> {
  const accounts = new WeakMap<SMTPServerSession, Map<string, string[]>>();
  const server = new SMTPServer({
    name: deps.config.inbound.domain,
    banner: 'Sales Tools inbound mail',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: deps.config.inbound.maxBytes,
    logger: false,
    onMailFrom(address: SMTPServerAddress, session, callback) {
      callback(overLimit(deps, session, address.address) ?? null);
    },
    onRcptTo(address: SMTPServerAddress, session, callback) {
      accountFor(deps, address.address)
        .then((accountId) => {
          if (!accountId)
            return callback(new SmtpReply(550, `5.1.1 <${address.address}>: no such mailbox here`));
          // Each account receives the message once, told every envelope recipient that named it.
          const byAccount = accounts.get(session) ?? new Map<string, string[]>();
          byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), address.address.toLowerCase()]);
          accounts.set(session, byAccount);
          callback();
        })
        .catch((error: unknown) => callback(smtpReplyFor(error, 'rcpt')));
    },
    onData(stream, session, callback) {
      // The recipients are this transaction's: a next MAIL FROM in the same session starts afresh.
      const recipients = accounts.get(session) ?? new Map<string, string[]>();
      accounts.delete(session);
      readAll(stream)
        .then(async (raw) => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            throw new SmtpReply(552, '5.3.4 Message too big');
          }
          for (const [accountId, to] of recipients) await ingestEmail(deps, accountId, raw, { to });
          callback();
        })
        .catch((error: unknown) => callback(smtpReplyFor(error, 'data')));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', () => undefined);
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
