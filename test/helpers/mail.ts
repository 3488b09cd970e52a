import { randomUUID } from 'node:crypto';
import type { TestContext, TestUser } from './context';

/** Raw RFC 5322 messages for tests, written the way real clients write them (CRLF line ends). */

const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';
const date = 'Tue, 06 Jan 2026 10:15:00 +0000';

export interface MessageOptions {
  from: string;
  fromName?: string;
  to: string;
  subject: string;
  body: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: string[];
}

/** A person's email, by default as Outlook sends it (X-Auto-Response-Suppress included, as Outlook does). */
export function personEmail(options: MessageOptions): string {
  const id = options.messageId ?? `${randomUUID()}@mail.example`;
  return crlf([
    `From: ${options.fromName ?? 'Ann Lee'} <${options.from}>`,
    `To: <${options.to}>`,
    `Subject: ${options.subject}`,
    `Date: ${date}`,
    `Message-ID: <${id}>`,
    ...(options.inReplyTo ? [`In-Reply-To: <${options.inReplyTo}>`] : []),
    ...(options.references?.length
      ? [`References: ${options.references.map((r) => `<${r}>`).join(' ')}`]
      : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="utf-8"',
    'Content-Transfer-Encoding: 8bit',
    'X-Mailer: Microsoft Outlook 16.0',
    'X-Auto-Response-Suppress: All',
    'Thread-Index: AQHZx1a2b3c4d5e6f7g8h9i0j==',
    ...(options.headers ?? []),
    '',
    options.body,
  ]);
}

/** A reply to a sequence email: thread headers naming it, "Re:" its subject, the original quoted. */
export function replyTo(
  sent: { messageId: string; subject: string },
  from: string,
  to: string,
  body = 'Yes, let us talk on Thursday.',
): string {
  return personEmail({
    from,
    to,
    subject: `Re: ${sent.subject}`,
    inReplyTo: sent.messageId,
    references: [sent.messageId],
    body: `${body}\r\n\r\nOn Mon, 5 Jan 2026 at 09:00, Rep wrote:\r\n> Hi there`,
  });
}

const OUT_OF_OFFICE: Record<string, { subject: string; dated: string; undated: string }> = {
  en: {
    subject: 'Automatic reply',
    dated: 'I am out of the office until 7 December 2026 with no access to email.',
    undated: 'I am currently out of the office with limited access to email.',
  },
  de: {
    subject: 'Automatische Antwort',
    dated: 'Ich bin bis zum 07.12.2026 nicht im Büro und habe keinen Zugriff auf meine E-Mails.',
    undated: 'Ich bin zurzeit nicht im Büro. Ihre Nachricht wird nicht weitergeleitet.',
  },
  fr: {
    subject: 'Réponse automatique',
    dated: "Je suis absent du bureau jusqu'au 7 décembre 2026 inclus.",
    undated: 'Je suis actuellement absent du bureau avec un accès limité à mes e-mails.',
  },
  es: {
    subject: 'Respuesta automática',
    dated: 'Estoy fuera de la oficina hasta el 7 de diciembre de 2026.',
    undated: 'Estoy fuera de la oficina y con acceso limitado al correo.',
  },
  pt: {
    subject: 'Resposta automática',
    dated: 'Estou fora do escritório até 7 de dezembro de 2026.',
    undated: 'Estou fora do escritório com acesso limitado ao e-mail.',
  },
  it: {
    subject: 'Risposta automatica',
    dated: 'Sono fuori ufficio fino al 7 dicembre 2026.',
    undated: 'Sono fuori ufficio con accesso limitato alla posta.',
  },
  nl: {
    subject: 'Automatisch antwoord',
    dated: 'Ik ben afwezig tot 7 december 2026.',
    undated: 'Ik ben momenteel afwezig en heb beperkt toegang tot mijn e-mail.',
  },
};
export const OUT_OF_OFFICE_LANGUAGES = Object.keys(OUT_OF_OFFICE);

/** An Exchange out-of-office reply (RFC 3834 Auto-Submitted and Exchange's own markers) in one of seven languages. */
export function outOfOffice(
  language: string,
  sent: { messageId: string; subject: string },
  from: string,
  to: string,
  dated: boolean,
): string {
  const text = OUT_OF_OFFICE[language];
  return crlf([
    `From: Ann Lee <${from}>`,
    `To: <${to}>`,
    `Subject: ${text.subject}: ${sent.subject}`,
    `Date: ${date}`,
    `Message-ID: <${randomUUID()}@mail.example>`,
    `In-Reply-To: <${sent.messageId}>`,
    'Auto-Submitted: auto-replied',
    'X-Auto-Response-Suppress: All',
    'X-MS-Exchange-Inbox-Rules-Loop: ' + from,
    'Content-Type: text/plain; charset="utf-8"',
    'Content-Transfer-Encoding: 8bit',
    '',
    dated ? text.dated : text.undated,
  ]);
}

/** An RFC 3464 delivery status notification from Postfix, returning the original's headers. */
export function dsnBounce(options: {
  /** One failed address, or many (one per-recipient block each). */
  failed: string | string[];
  status: string;
  diagnostic: string;
  /** The returned message's headers; without it the report names no message of ours. */
  original?: { messageId: string; subject: string; from: string };
  action?: string;
  /** Where the bounce was delivered (its To); default the original's sender. */
  to?: string;
  /** Message-IDs the report names in References (some servers do). */
  references?: string[];
}): string {
  const boundary = `b-${randomUUID()}`;
  const failed = Array.isArray(options.failed) ? options.failed : [options.failed];
  const action = options.action ?? (options.status.startsWith('5') ? 'failed' : 'delayed');
  return crlf([
    'From: MAILER-DAEMON@mx.fabrikam.example (Mail Delivery System)',
    `To: <${options.to ?? options.original?.from ?? 'rep@contoso.example'}>`,
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${date}`,
    `Message-ID: <${randomUUID()}@mx.fabrikam.example>`,
    ...(options.references ? [`References: ${options.references.map((id) => `<${id}>`).join(' ')}`] : []),
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.fabrikam.example.',
    "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.fabrikam.example',
    ...failed.flatMap((address) => [
      '',
      `Final-Recipient: rfc822; ${address}`,
      `Original-Recipient: rfc822; ${address}`,
      `Action: ${action}`,
      `Status: ${options.status}`,
      `Diagnostic-Code: smtp; ${options.diagnostic}`,
    ]),
    '',
    ...(options.original
      ? [
          `--${boundary}`,
          'Content-Type: text/rfc822-headers',
          '',
          `From: Rep <${options.original.from}>`,
          `To: <${failed[0]}>`,
          `Subject: ${options.original.subject}`,
          `Message-ID: <${options.original.messageId}>`,
          '',
        ]
      : []),
    `--${boundary}--`,
  ]);
}

/** A Gmail-style non-standard bounce: prose only, the failed address in the text. */
export function gmailBounce(
  failed: string,
  original: { messageId: string; subject: string; from: string },
): string {
  return crlf([
    'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
    `To: ${original.from}`,
    'Subject: Delivery Status Notification (Failure)',
    `Date: ${date}`,
    `Message-ID: <${randomUUID()}@mail.gmail.com>`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    '** Address not found **',
    '',
    `Your message wasn't delivered to ${failed} because the address couldn't be found, or is unable to receive mail.`,
    '',
    'The response from the remote server was:',
    `550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos.`,
    '',
    '----- Original message -----',
    '',
    `Message-ID: <${original.messageId}>`,
    `Subject: ${original.subject}`,
    `From: ${original.from}`,
    `To: ${failed}`,
  ]);
}

/** A mailing-list post that happens to come from (and name) the contact. */
export function listMail(from: string, to: string): string {
  return crlf([
    `From: Ann Lee via Product Users <${from}>`,
    `To: product-users@lists.example`,
    `Cc: <${to}>`,
    'Subject: [product-users] Release notes for 4.2',
    `Date: ${date}`,
    `Message-ID: <${randomUUID()}@lists.example>`,
    'List-Id: Product Users <product-users.lists.example>',
    'List-Unsubscribe: <https://lists.example/unsubscribe>',
    'Precedence: list',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Ann Lee (${from}) posted the release notes for 4.2.`,
  ]);
}

/** The sequence email the engine sent to an address, from the outbox. */
export async function sentEmail(ctx: TestContext, user: TestUser, to: string) {
  const outbox = await ctx.request('GET', `/api/v1/outbox?to=${encodeURIComponent(to)}`, {
    token: user.token,
  });
  const latest = outbox.body.items[0];
  if (!latest) throw new Error(`nothing was sent to ${to}`);
  return {
    messageId: latest.messageId as string,
    subject: latest.subject as string,
    from: latest.from.replace(/^.*<|>$/g, '') as string,
    /** The envelope sender (VERP) when the app sends with one: INBOUND_DOMAIN is set. */
    returnPath: (latest.headers['Return-Path'] as string | undefined)?.replace(/^<|>$/g, ''),
  };
}

export async function postEmail(ctx: TestContext, user: TestUser, raw: string | Buffer) {
  return ctx.request('POST', '/api/v1/inbound/email', {
    token: user.token,
    payload: Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8'),
    headers: { 'content-type': 'message/rfc822' },
  });
}
