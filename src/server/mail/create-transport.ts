import { outboxTransport } from './outbox-transport';
import { DEFAULT_SMTP_OPTIONS, smtpTransport, type SmtpOptions } from './smtp-transport';
import type { MailTransport } from './transport';

/** The transport named by MAIL_TRANSPORT: `outbox`, or an `smtp://` / `smtps://` relay. */
export function createTransport(spec: string, smtp: SmtpOptions = DEFAULT_SMTP_OPTIONS): MailTransport {
  if (spec === 'outbox') return outboxTransport;
  if (/^smtps?:\/\//.test(spec)) return smtpTransport(spec, smtp);
  throw new Error(`MAIL_TRANSPORT "${spec}" is not supported: use "outbox" or an smtp:// URL`);
}
