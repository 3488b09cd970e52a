import { createConnection } from 'node:net';
import nodemailer from 'nodemailer';
import { AppError } from '../../../src/server/http/errors';
import { smtpReplyFor, startInboundSmtp } from '../../../src/server/inbound/smtp-listener';
import { describeEachDb } from '../../helpers/context';
import { postEmail } from '../../helpers/mail';

/**
 * Issue 14, finding 3, inbound: an encoded NUL in a Subject or a display name was a 500 over
 * HTTP and a 451 over SMTP (so the sending server retried for ever). The NUL is stripped from
 * what ingestion stores; a problem that stays is a permanent 5xx over SMTP, never a 4xx.
 */
const encodedNul = (text: string) => `=?utf-8?B?${Buffer.from(text).toString('base64')}?=`;

function messageWithNuls(id: string): string {
  return [
    `From: ${encodedNul('Ann\u0000 Lee')} <ann.lee@fabrikam.example>`,
    `To: ${encodedNul('Rep\u0000')} <rep@contoso.example>`,
    `Subject: ${encodedNul('Quarterly\u0000 numbers')}`,
    `Message-ID: <${id}@fabrikam.example>`,
    'Date: Tue, 06 Jan 2026 10:15:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello',
    '',
  ].join('\r\n');
}

/** One SMTP conversation, line by line, without a client library's own checks on the address. */
async function rcptReply(port: number, recipient: string): Promise<string> {
  const socket = createConnection({ host: '127.0.0.1', port });
  const replies: string[] = [];
  let buffer = '';
  const next = () =>
    new Promise<string>((resolve) => {
      const check = () => {
        const line = /^(\d{3}) .*\r\n/m.exec(buffer);
        if (!line) return void socket.once('data', (chunk) => ((buffer += chunk), check()));
        buffer = buffer.slice(buffer.indexOf(line[0]) + line[0].length);
        resolve(line[0].trim());
      };
      check();
    });
  try {
    replies.push(await next()); // greeting
    socket.write('HELO client.example\r\n');
    replies.push(await next());
    socket.write('MAIL FROM:<ann.lee@fabrikam.example>\r\n');
    replies.push(await next());
    socket.write(`RCPT TO:<${recipient}>\r\n`);
    return await next();
  } finally {
    socket.end('QUIT\r\n');
  }
}

describeEachDb('NUL characters in inbound mail', (ctx) => {
  test('over HTTP: 200, and the stored subject and names have no NUL', async () => {
    const user = await ctx().newUser();
    const response = await postEmail(ctx(), user, messageWithNuls('nul-http'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ messageId: 'nul-http@fabrikam.example', duplicate: false });
    const { rows } = await ctx().db.query<{ subject: string; facts: { fromName: string; subject: string } }>(
      `SELECT subject, facts FROM inbound_messages WHERE message_id = 'nul-http@fabrikam.example'`,
    );
    expect(rows[0].subject).toBe('Quarterly numbers');
    expect(rows[0].facts).toMatchObject({ fromName: 'Ann Lee', subject: 'Quarterly numbers' });
  });

  test('over SMTP: 250 (accepted), not 451', async () => {
    const admin = await ctx().newUser({ admin: true });
    const account = (await ctx().request('GET', '/api/v1/account', { token: admin.token })).body;
    const listener = await startInboundSmtp(ctx().deps, { port: 0, host: '127.0.0.1' });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, ignoreTLS: true });
    try {
      const info = await transport.sendMail({
        envelope: { from: 'ann.lee@fabrikam.example', to: account.inboundAddress },
        raw: messageWithNuls('nul-smtp'),
      });
      expect(info.accepted).toEqual([account.inboundAddress]);
      expect(info.response).toMatch(/^250/);
    } finally {
      transport.close();
      await listener.close();
    }
    const { rows } = await ctx().db.query<{ subject: string }>(
      `SELECT subject FROM inbound_messages WHERE message_id = 'nul-smtp@fabrikam.example'`,
    );
    expect(rows[0].subject).toBe('Quarterly numbers');
  });

  test('a NUL in the recipient address is refused for good (5xx), not deferred', async () => {
    const listener = await startInboundSmtp(ctx().deps, { port: 0, host: '127.0.0.1' });
    try {
      // smtp-server refuses it itself (501, bad address syntax) before any lookup.
      expect(await rcptReply(listener.port, 'a\u0000b@inbound.localhost')).toMatch(/^5\d\d /);
    } finally {
      await listener.close();
    }
  });
});

describe('the SMTP reply for a failure', () => {
  test.each([
    [
      'a value the database cannot hold (22021)',
      Object.assign(new Error('invalid byte'), { code: '22021' }),
      'data',
      554,
    ],
    ['the same at RCPT', Object.assign(new Error('invalid byte'), { code: '22021' }), 'rcpt', 553],
    ['not a message', new AppError('not_a_message', 'This is not a message'), 'data', 554],
    ['too large', new AppError('payload_too_large', 'Too large'), 'data', 552],
    ['over a rate limit (come back later)', new AppError('rate_limited', 'Too many'), 'data', 451],
    ['the database out of reach', new AppError('service_unavailable', 'Try again'), 'data', 451],
    ['a fault of ours', new Error('connection terminated'), 'data', 451],
  ] as const)('%s: %s', (_name, error, stage, code) => {
    const reply = smtpReplyFor(error, stage);
    expect(reply.responseCode).toBe(code);
    expect(reply.message).toMatch(code >= 500 ? /^5\.\d\.\d / : /^4\.\d\.\d /);
  });
});
