/** parseMessage: limits and garbage never produce an untyped error. */
import {
  InvalidMessageError,
  classifyMessage,
  parseMessage,
  returnedMessageHeaders,
} from '../../../../src/server/inbound/classify';

async function outcome(raw: Buffer): Promise<string> {
  try {
    const parsed = await parseMessage(raw);
    classifyMessage(parsed, raw, { now: new Date('2026-12-01T00:00:00Z') }); // whatever parses must also classify without throwing
    return 'parsed';
  } catch (error) {
    if (error instanceof InvalidMessageError) return error.code;
    throw error;
  }
}

describe('parseMessage', () => {
  const cases: [string, Buffer, string][] = [
    ['empty', Buffer.alloc(0), 'empty_message'],
    ['whitespace only', Buffer.from('\r\n  \n\t\n'), 'empty_message'],
    [
      'binary',
      Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
      ]),
      'not_a_message',
    ],
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 'not_a_message'],
    ['prose without headers', Buffer.from('Hello Riley,\nthanks for the offer.\n'), 'not_a_message'],
    ['JSON', Buffer.from('{"subject":"hi","body":"x"}'), 'not_a_message'],
    [
      'NUL bytes in the header block',
      Buffer.from('Subject: hi\u0000there\nFrom: a@b.example\n\nx'),
      'not_a_message',
    ],
    ['headers only, no body', Buffer.from('From: a@b.example\nSubject: hi\n'), 'parsed'],
    [
      'leading blank lines before the headers',
      Buffer.from('\n   \nFrom: a@b.example\nSubject: hi\n\nbody'),
      'parsed',
    ],
    [
      'mbox From_ line',
      Buffer.from('From a@b.example Tue Dec  1 09:00:00 2026\nFrom: a@b.example\nSubject: hi\n\nbody'),
      'parsed',
    ],
    [
      'truncated multipart',
      Buffer.from(
        'From: a@b.example\nContent-Type: multipart/mixed; boundary="zz"\n\n--zz\nContent-Type: text/plain\n\nhello\n--zz\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK',
      ),
      'parsed',
    ],
    [
      'multipart without boundary',
      Buffer.from(
        'From: a@b.example\nContent-Type: multipart/report; report-type=delivery-status\n\n--x\n\nhi\n--x--',
      ),
      'parsed',
    ],
    [
      'bad transfer encoding',
      Buffer.from('From: a@b.example\nContent-Transfer-Encoding: base64\n\n!!!not base64!!!'),
      'parsed',
    ],
    [
      'unknown charset',
      Buffer.from('From: a@b.example\nContent-Type: text/plain; charset=x-unknown-9\n\nhi'),
      'parsed',
    ],
    [
      'deeply nested multiparts',
      Buffer.from(
        'From: a@b.example\n' +
          Array.from(
            { length: 50 },
            (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n`,
          ).join('') +
          'Content-Type: text/plain\n\nx\n',
      ),
      'parsed',
    ],
  ];
  it.each(cases)('%s → %s', async (_name, raw, expected) => {
    expect(await outcome(raw)).toBe(expected);
  });

  it('refuses input above the size limit with message_too_large', async () => {
    const raw = Buffer.from('From: a@b.example\nSubject: big\n\n' + 'x'.repeat(2000));
    await expect(parseMessage(raw, { maxBytes: 1000 })).rejects.toMatchObject({
      name: 'InvalidMessageError',
      code: 'message_too_large',
    });
  });

  it('keeps the headers of a message that starts with blank lines', async () => {
    const parsed = await parseMessage(
      Buffer.from('\r\n          \r\nFrom: Pat <pat@prospect.example>\r\nSubject: Hello\r\n\r\nHi'),
    );
    expect(parsed.subject).toBe('Hello');
    expect(parsed.from?.value[0].address).toBe('pat@prospect.example');
  });

  it('rejects a non-Buffer with a typed error', async () => {
    await expect(parseMessage('From: a@b' as unknown as Buffer)).rejects.toBeInstanceOf(InvalidMessageError);
  });
});

describe('returnedMessageHeaders', () => {
  it('reads the Message-ID of the message a bounce returns', async () => {
    const raw = Buffer.from(
      'From: MAILER-DAEMON@mx.example\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n--b\nContent-Type: text/plain\n\nfailed\n--b\nContent-Type: text/rfc822-headers\n\nFrom: rep@acme-tools.example\nTo: Pat <pat@prospect.example>\nSubject: Offer\nMessage-ID: <seq-1@acme-tools.example>\n\n--b--\n',
    );
    const parsed = await parseMessage(raw);
    expect(returnedMessageHeaders(parsed)).toEqual({
      messageId: '<seq-1@acme-tools.example>',
      to: ['pat@prospect.example'],
      subject: 'Offer',
    });
  });
});
