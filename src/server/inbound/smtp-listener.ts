import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { Deps } from '../deps';
import { AppError } from '../http/errors';
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

/** The account an envelope recipient `<inbound key>@<INBOUND_DOMAIN>` delivers to. */
async function accountFor(deps: Deps, address: string): Promise<string | undefined> {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).toLowerCase();
  const domain = address.slice(at + 1).toLowerCase();
  if (at < 1 || domain !== deps.config.inbound.domain.toLowerCase()) return undefined;
  const { rows } = await deps.db.query<{ id: string }>(
    'SELECT id FROM accounts WHERE inbound_key = $1::text',
    [local],
  );
  return rows[0]?.id;
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
 * over the size limit at DATA (552 5.3.4), and a message we cannot take for a
 * moment gets 451 so the sending server retries. No AUTH or TLS here: put it
 * behind the organisation's mail relay.
 */
export async function startInboundSmtp(
  deps: Deps,
  options: { port: number; host: string },
): Promise<InboundSmtp> {
  const accounts = new WeakMap<SMTPServerSession, Set<string>>();
  const server = new SMTPServer({
    name: deps.config.inbound.domain,
    banner: 'Sales Tools inbound mail',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: deps.config.inbound.maxBytes,
    logger: false,
    onRcptTo(address: SMTPServerAddress, session, callback) {
      accountFor(deps, address.address)
        .then((accountId) => {
          if (!accountId)
            return callback(new SmtpReply(550, `5.1.1 <${address.address}>: no such mailbox here`));
          const set = accounts.get(session) ?? new Set<string>();
          set.add(accountId);
          accounts.set(session, set);
          callback();
        })
        .catch(() => callback(new SmtpReply(451, '4.3.0 Temporary failure, try again later')));
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            throw new SmtpReply(552, '5.3.4 Message too big');
          }
          for (const accountId of accounts.get(session) ?? []) await ingestEmail(deps, accountId, raw);
          callback();
        })
        .catch((error: unknown) => {
          if (error instanceof SmtpReply) return callback(error);
          // Garbage is refused for good; anything else is retried by the sending server.
          if (error instanceof AppError && error.statusCode < 500)
            return callback(new SmtpReply(554, `5.6.0 ${error.message}`));
          callback(new SmtpReply(451, '4.3.0 Temporary failure, try again later'));
        });
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
