import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';

/** A message as the peer received it, headers unfolded, body decoded. */
export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  /** Lower-case names; a repeated header keeps the first. */
  headers: Record<string, string>;
  text: string;
  /** performance.now() when the message was complete, before the peer answered 250. */
  receivedAt: number;
}

/** What the peer answers a command with; undefined = accept. */
export type Policy = (address: string) => { code: number; message: string } | undefined;

export interface SmtpPeer {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Consulted at RCPT TO. */
  rcptPolicy: Policy;
  /** Consulted at the end of DATA (with the first recipient). */
  dataPolicy: Policy;
  /** Every RCPT TO seen, accepted or not. */
  attempts: string[];
  /** Milliseconds the peer takes before it answers the end of DATA (a slow relay). */
  dataDelayMs: number;
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = Buffer.from(
    text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
  return bytes.toString('utf8');
}

export function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') body = decodeQuotedPrintable(body);
  if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return { headers, text: body.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

function smtpError(answer: { code: number; message: string }): Error {
  return Object.assign(new Error(answer.message), { responseCode: answer.code });
}

/** A real SMTP server (the `smtp-server` package) on a free port, keeping what it receives. */
export async function startSmtpPeer(): Promise<SmtpPeer> {
  const peer: Omit<SmtpPeer, 'url' | 'port' | 'close'> = {
    messages: [],
    attempts: [],
    dataDelayMs: 0,
    rcptPolicy: () => undefined,
    dataPolicy: () => undefined,
    to(address) {
      return this.messages.filter((mail) => mail.envelopeTo.includes(address.toLowerCase()));
    },
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    hideENHANCEDSTATUSCODES: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      peer.attempts.push(address.address.toLowerCase());
      const answer = peer.rcptPolicy(address.address.toLowerCase());
      callback(answer ? smtpError(answer) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        const answer = peer.dataPolicy(envelopeTo[0] ?? '');
        if (answer) return callback(smtpError(answer));
        const raw = Buffer.concat(chunks).toString('utf8');
        const keep = () => {
          peer.messages.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo,
            raw,
            ...parseMail(raw),
            receivedAt: performance.now(),
          });
          callback();
        };
        if (peer.dataDelayMs > 0) setTimeout(keep, peer.dataDelayMs);
        else keep();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return Object.assign(peer, {
    port,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
