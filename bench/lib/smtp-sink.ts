import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  /** performance.now() of each message's arrival, by its first recipient (lower case). */
  received: Map<string, number[]>;
  count(): number;
  close(): Promise<void>;
}

/** A real SMTP server that accepts everything, waiting `delayMs` before answering each message's DATA. */
export async function startSmtpSink(delayMs = 0): Promise<SmtpSink> {
  const received = new Map<string, number[]>();
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        const to = session.envelope.rcptTo[0]?.address.toLowerCase() ?? '';
        received.set(to, [...(received.get(to) ?? []), performance.now()]);
        count += 1;
        setTimeout(() => callback(), delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    count: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
