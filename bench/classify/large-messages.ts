/**
 * Messages near the inbound size limit (25 MiB by default), built in memory: the shapes that
 * make a parser decode or copy a lot — a big attachment, a big encoded body, a bounce that
 * returns a big message, many parts. Used by the large-message test and `bench:classify`.
 */
import { randomBytes } from 'node:crypto';

export interface LargeMessage {
  name: string;
  raw: Buffer;
  /** What the classifier must answer for it. */
  kind: 'human' | 'bounce';
}

const CRLF = '\r\n';

function wrapped(text: string, width = 76): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join(CRLF);
}

const base64Of = (bytes: Buffer): string => wrapped(bytes.toString('base64'));

/** Quoted-printable of printable text with an `=` every few characters, so decoding has work to do. */
function quotedPrintableOf(text: string): string {
  return wrapped(text.replace(/=/g, '=3D'), 75).replace(/\r\n/g, `=${CRLF}`);
}

/** A reply's headers; `contentType` and extra lines complete them. */
function replyHead(contentType: string, extra: string[] = []): string {
  return [
    'From: Pat Prospect <pat@prospect.example>',
    'To: Riley Rep <rep@acme-tools.example>',
    'Subject: Re: Cutting onboarding time',
    'Date: Tue, 1 Dec 2026 09:00:00 +0000',
    'Message-ID: <large-reply@prospect.example>',
    'In-Reply-To: <seq-1@acme-tools.example>',
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
    ...extra,
    '',
    '',
  ].join(CRLF);
}

const REPLY_TEXT = 'Thanks Riley, the figures are attached. Can we talk on Thursday?';

/** Filler that is `bytes` long once encoded the way the caller encodes it. */
function prose(bytes: number): string {
  const line = 'Quarterly onboarding figures, region by region, with notes from each team lead. ';
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

/** Messages of about `size` bytes each (default just under 25 MiB). */
export function largeMessages(size = 25 * 1024 * 1024 - 64 * 1024): LargeMessage[] {
  const base64Bytes = Math.floor((size * 3) / 4 / 1.03);
  const attachment = (body: string) =>
    replyHead('multipart/mixed; boundary="outer"') +
    [
      '--outer',
      'Content-Type: text/plain; charset=utf-8',
      '',
      REPLY_TEXT,
      '--outer',
      'Content-Type: application/pdf; name="figures.pdf"',
      'Content-Disposition: attachment; filename="figures.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      body,
      '--outer--',
      '',
    ].join(CRLF);

  const html = `<html><body><p>${REPLY_TEXT}</p><table>${'<tr><td>onboarding</td><td>42</td></tr>'.repeat(
    Math.floor(base64Bytes / 38),
  )}</table></body></html>`.slice(0, base64Bytes);

  const returned = [
    'From: Riley Rep <rep@acme-tools.example>',
    'To: dana.whitfield@fabrikam.example',
    'Subject: Cutting onboarding time',
    'Message-ID: <seq-1@acme-tools.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain',
    '',
    'Hi Dana,',
    '--inner',
    'Content-Type: application/zip; name="deck.zip"',
    'Content-Disposition: attachment; filename="deck.zip"',
    'Content-Transfer-Encoding: base64',
    '',
    base64Of(randomBytes(base64Bytes)),
    '--inner--',
  ].join(CRLF);
  const bounce = [
    'From: Mail Delivery System <MAILER-DAEMON@mx.fabrikam.example>',
    'To: rep@acme-tools.example',
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Tue, 1 Dec 2026 09:01:00 +0000',
    'Message-ID: <large-bounce@mx.fabrikam.example>',
    'Return-Path: <>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="report"',
    '',
    '--report',
    'Content-Type: text/plain',
    '',
    'This is the mail system at host mx.fabrikam.example.',
    '',
    "I'm sorry to have to inform you that your message could not",
    'be delivered to one or more recipients.',
    '',
    '<dana.whitfield@fabrikam.example>: host mx.fabrikam.example said: 552 5.3.4 Message size exceeds fixed limit',
    '--report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.fabrikam.example',
    '',
    'Final-Recipient: rfc822; dana.whitfield@fabrikam.example',
    'Action: failed',
    'Status: 5.3.4',
    'Diagnostic-Code: smtp; 552 5.3.4 Message size exceeds fixed limit',
    '',
    '--report',
    'Content-Type: message/rfc822',
    '',
    returned,
    '--report--',
    '',
  ].join(CRLF);

  const partCount = 2000;
  const smallPart = base64Of(randomBytes(Math.floor((base64Bytes * 0.97) / partCount)));
  const manyParts =
    replyHead('multipart/mixed; boundary="many"') +
    [
      '--many',
      'Content-Type: text/plain; charset=utf-8',
      '',
      REPLY_TEXT,
      ...Array.from({ length: partCount }, (_, i) =>
        [
          '--many',
          `Content-Type: image/png; name="chart-${i}.png"`,
          'Content-Transfer-Encoding: base64',
          `Content-Disposition: attachment; filename="chart-${i}.png"`,
          '',
          smallPart,
        ].join(CRLF),
      ),
      '--many--',
      '',
    ].join(CRLF);

  const messages: [string, string, LargeMessage['kind']][] = [
    ['base64 attachment', attachment(base64Of(randomBytes(base64Bytes))), 'human'],
    [
      'base64 HTML body',
      replyHead('text/html; charset=utf-8', ['Content-Transfer-Encoding: base64']) +
        base64Of(Buffer.from(html)),
      'human',
    ],
    [
      'quoted-printable text body',
      replyHead('text/plain; charset=utf-8', ['Content-Transfer-Encoding: quoted-printable']) +
        quotedPrintableOf(`${REPLY_TEXT}\n\n${prose(Math.floor(size * 0.9))}`.replace(/\. /g, '. = ')),
      'human',
    ],
    [
      '8-bit text body',
      replyHead('text/plain; charset=utf-8', ['Content-Transfer-Encoding: 8bit']) +
        `${REPLY_TEXT}\r\n\r\n${wrapped(prose(Math.floor(size / 1.03)))}`,
      'human',
    ],
    ['bounce returning a large message', bounce, 'bounce'],
    [`${partCount} attachments`, manyParts, 'human'],
  ];
  return messages.map(([name, text, kind]) => ({ name, raw: Buffer.from(text, 'latin1'), kind }));
}
