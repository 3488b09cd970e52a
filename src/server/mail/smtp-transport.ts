import nodemailer from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { classifySmtpError } from './smtp-failure';
import type { MailTransport } from './transport';

export interface SmtpOptions {
  /** Bounds every wait of one SMTP conversation: connecting, the greeting, each reply. */
  timeoutMs: number;
  /** Pooled connections kept open to the relay. */
  maxConnections: number;
}

export const DEFAULT_SMTP_OPTIONS: SmtpOptions = { timeoutMs: 10_000, maxConnections: 5 };

/**
 * Sends through an SMTP relay (`smtp://user:pass@host:port`, `smtps://…` for
 * implicit TLS; STARTTLS is used when the server offers it) with nodemailer.
 *
 * Connections are pooled, so a send is one SMTP transaction on an open
 * connection (MAIL, RCPT, DATA), not a new handshake: the worker holds the
 * enrollment's row lock across it (E6), and the pool plus the timeouts keep
 * that short and bounded. `send` never throws for a refusal: it answers what
 * happened (sent, deferred, rejected) for the step executor to record.
 */
export function smtpTransport(url: string, options: SmtpOptions = DEFAULT_SMTP_OPTIONS): MailTransport {
  const transporter = nodemailer.createTransport({
    ...parseConnectionUrl(url),
    pool: true,
    maxConnections: options.maxConnections,
    // A connection closed mid-send is retried once at once; beyond that the worker's backoff takes over.
    maxRequeues: 1,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    dnsTimeout: options.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    name: 'smtp',
    transactional: false,
    async send(_tx, email, now) {
      try {
        const info = await transporter.sendMail({
          from: { name: email.from.name, address: email.from.address },
          to: email.to,
          subject: email.subject,
          text: email.text,
          messageId: `<${email.messageId}>`,
          date: now,
          headers: email.headers,
        });
        return { status: 'sent', response: info.response };
      } catch (error: unknown) {
        return classifySmtpError(error);
      }
    },
    async close() {
      transporter.close();
    },
  };
}
