import nodemailer from 'nodemailer';
import { classifySmtpError } from './smtp-failure';
import type { SendingTransport } from './transport';

export interface SmtpOptions {
  /** Bounds every wait of one SMTP conversation: connecting, the greeting, each reply. */
  timeoutMs: number;
  /** Pooled connections kept open to the relay. */
  maxConnections: number;
}

export const DEFAULT_SMTP_OPTIONS: SmtpOptions = { timeoutMs: 10_000, maxConnections: 5 };

/**
 * The relay's address as nodemailer's options. Written here because nodemailer's own parser
 * is internal (`nodemailer/lib/shared`); a URL's parts map onto the options directly.
 */
export function smtpOptionsFromUrl(url: string): {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
} {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(parsed.username
      ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }
      : {}),
  };
}

/**
 * Sends through an SMTP relay (`smtp://user:pass@host:port`, `smtps://…` for
 * implicit TLS; STARTTLS is used when the server offers it) with nodemailer.
 *
 * Connections are pooled, so a send is one SMTP transaction on an open connection
 * (MAIL, RCPT, DATA), not a new handshake; the timeouts bound it, which the worker's
 * lease on the step relies on (WORKER_LEASE_MS). `send` never throws for a refusal: it answers what
 * happened (sent, deferred, rejected) for the step executor to record.
 */
export function smtpTransport(url: string, options: SmtpOptions = DEFAULT_SMTP_OPTIONS): SendingTransport {
  const transporter = nodemailer.createTransport({
    ...smtpOptionsFromUrl(url),
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
    kind: 'sending',
    name: 'smtp',
    // SMTP cannot tell whether an earlier attempt was delivered: an unknown outcome is sent
    // again, with the same deterministic Message-ID (mail/message-id.ts) for receivers to drop.
    async send(email, now) {
      try {
        const info = await transporter.sendMail({
          from: { name: email.from.name, address: email.from.address },
          to: email.to,
          subject: email.subject,
          text: email.text,
          messageId: `<${email.messageId}>`,
          envelope: { from: email.returnPath ?? email.from.address, to: [email.to] },
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
