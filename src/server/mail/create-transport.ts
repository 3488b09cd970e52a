import { outboxTransport } from './outbox-transport';
import type { MailTransport } from './transport';

/** The transport named by MAIL_TRANSPORT. */
export function createTransport(spec: string): MailTransport {
  if (spec === 'outbox') return outboxTransport;
  throw new Error(`MAIL_TRANSPORT "${spec}" is not supported yet`);
}
