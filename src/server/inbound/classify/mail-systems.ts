/**
 * Mail systems that write their failure notices in their own words, recognised by the header
 * marks they leave (the same marks sisimai's per-MTA modules test; the notices' own words are
 * in bounce-lexicon.ts). A mark alone is not a bounce: it lets one failure phrase or a failure
 * subject decide, as a MAILER-DAEMON sender does.
 *
 * Some marks are on every message the system handles (its Received line, its X-Mailer): those
 * count only beside a failure subject (`onNoticesOnly: false`), or a person's mail relayed by
 * that system would need a single failure word to be taken for a bounce.
 */
import type { ParsedMail } from 'mailparser';
import { contentType, hasHeader, header, headerValues, type Envelope } from './headers';

export interface MailSystem {
  name: string;
  /** The mark appears on the system's notices only. */
  onNoticesOnly: boolean;
}

const mark = (name: string, onNoticesOnly: boolean): MailSystem => ({ name, onNoticesOnly });

export function mailSystemOf(parsed: ParsedMail, env: Envelope): MailSystem | null {
  const received = headerValues(parsed, 'received').join('\n');
  const mailer = header(parsed, 'x-mailer');
  const [local, domain = ''] = env.fromAddress.split('@');
  // Marks that only the notices carry.
  if (hasHeader(parsed, 'x-failed-recipients')) return mark('exim', true);
  if (
    env.fromName.startsWith('interscan') ||
    (contentType(parsed).params.boundary ?? '').includes('interscan')
  )
    return mark('trend-micro-interscan', true);
  // fml sends its notices from <list>-admin with X-MLServer.
  if (hasHeader(parsed, 'x-mlserver') && local.endsWith('-admin')) return mark('fml', true);
  if (hasHeader(parsed, 'x-mx-bounce')) return mark('mxlogic', true);
  // "Received: (qmail 12345 invoked for bounce)" (qmail-send).
  if (/\(qmail \d+ invoked for bounce\)/.test(received)) return mark('qmail', true);
  if (/(?:^|\.)(?:vtext\.com|vzwpix\.com)$/.test(domain) && /^(?:post_master|sysadmin)$/.test(local))
    return mark('verizon', true);
  if (
    /^postmaster@(?:ezweb\.ne\.jp|au\.com)$/.test(env.fromAddress) ||
    (/\.dion\.ne\.jp$/.test(domain) && local === 'no-reply')
  )
    return mark('au-kddi', true);
  // Marks the system leaves on all the mail it handles.
  // "Received: from MAILER-DAEMON id … by host (DragonFly Mail Agent v0.13)" (dma, mail.c).
  if (received.includes('(dragonfly mail agent')) return mark('dragonfly-mail-agent', false);
  if (received.includes('james smtp server') || header(parsed, 'subject') === '[bounce]')
    return mark('apache-james', false);
  if (mailer === 'm-filter') return mark('m-filter', false);
  // Exchange's Internet Mail Service stamps it on the mail it relays too (flufl.bounce's
  // microsoft_01 returns a person's message that carries it).
  if (hasHeader(parsed, 'x-ms-embedded-report')) return mark('exchange-2003', false);
  if (hasHeader(parsed, 'x-ahmailid')) return mark('active-hunter', false);
  if (mailer.startsWith('<smtp32 v')) return mark('imail', false);
  if (received.includes('(mailfoundry)')) return mark('mailfoundry', false);
  if (mailer === 'surfcontrol e-mail filter') return mark('surfcontrol', false);
  if (hasHeader(parsed, 'x-mxl-hash')) return mark('mxlogic', false);
  if (/ezweb\.ne\.jp \(|\.au\.com \(/.test(received)) return mark('au-kddi', false);
  return null;
}
