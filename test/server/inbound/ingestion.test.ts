import nodemailer from 'nodemailer';
import type { TestContext } from '../../helpers/context';
import { describeEachDb } from '../../helpers/context';
import { enrolledContact } from '../../helpers/fixtures';
import { listMail, postEmail, replyTo, sentEmail } from '../../helpers/mail';
import { startInboundSmtp } from '../../../src/server/inbound/smtp-listener';

async function counts(ctx: TestContext) {
  const { rows } = await ctx.db.query<{ inbound: number; active: number; events: number }>(
    `SELECT (SELECT count(*) FROM inbound_messages)::int AS inbound,
            (SELECT count(*) FROM enrollments WHERE status = 'active')::int AS active,
            (SELECT count(*) FROM enrollment_events)::int AS events`,
  );
  return rows[0];
}

describeEachDb(
  'ingesting inbound mail',
  (ctx) => {
    test('the same message twice is processed once; the second answer says duplicate', async () => {
      const { user, contact, enrollment } = await enrolledContact(ctx());
      const raw = replyTo(await sentEmail(ctx(), user, contact.email), contact.email, user.email);
      const first = await postEmail(ctx(), user, raw);
      const eventsAfterFirst = (await counts(ctx())).events;
      const second = await postEmail(ctx(), user, raw);
      expect(first.body.duplicate).toBe(false);
      expect(second.body).toEqual({ ...first.body, duplicate: true });
      expect((await counts(ctx())).events).toBe(eventsAfterFirst);
      const events = (
        await ctx().request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: user.token })
      ).body.events;
      expect(events.filter((e: { type: string }) => e.type === 'unenrolled')).toHaveLength(1);
    });

    test('a message without a Message-ID is recognised again by its bytes', async () => {
      const user = await ctx().newUser();
      const raw =
        'From: someone@northwind.example\r\nTo: rep@contoso.example\r\nSubject: hi\r\n\r\nhello\r\n';
      expect((await postEmail(ctx(), user, raw)).body).toMatchObject({ messageId: null, duplicate: false });
      expect((await postEmail(ctx(), user, raw)).body.duplicate).toBe(true);
      expect((await postEmail(ctx(), user, raw.replace('hello', 'hello!'))).body.duplicate).toBe(false);
    });

    test('list mail from and naming the contact unenrolls no one (A14)', async () => {
      const { user, contact, enrollment } = await enrolledContact(ctx());
      const response = await postEmail(ctx(), user, listMail(contact.email, user.email));
      expect(response.body.classification).toMatchObject({ kind: 'auto_generated', type: 'list' });
      expect(response.body.actions).toEqual([]);
      expect(
        (await ctx().request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: user.token })).body
          .status,
      ).toBe('active');
    });

    test.each([
      ['an empty body', Buffer.alloc(0), 'message/rfc822', 400, 'empty_message'],
      [
        'binary garbage',
        Buffer.from([0, 1, 2, 255, 254, 7, 0, 0, 13, 10, 0]),
        'message/rfc822',
        400,
        'not_a_message',
      ],
      [
        'prose without headers',
        Buffer.from('just some words, no headers at all\n'),
        'message/rfc822',
        400,
        'not_a_message',
      ],
      [
        'JSON instead of a message',
        Buffer.from('{"raw":"x"}'),
        'application/json',
        415,
        'unsupported_media_type',
      ],
    ])(
      'refuses %s with a precise 4xx and stores nothing',
      async (_name, payload, contentType, status, code) => {
        const user = await ctx().newUser();
        const before = await counts(ctx());
        const response = await ctx().request('POST', '/api/v1/inbound/email', {
          token: user.token,
          payload,
          headers: { 'content-type': contentType },
        });
        expect(response.status).toBe(status);
        expect(response.body.error.code).toBe(code);
        expect(await counts(ctx())).toEqual(before);
      },
    );

    test('refuses a message over the size limit with 413 and stores nothing', async () => {
      const user = await ctx().newUser();
      const before = await counts(ctx());
      const big = `From: a@b.example\r\nSubject: big\r\n\r\n${'x'.repeat(70 * 1024)}\r\n`;
      const response = await postEmail(ctx(), user, big);
      expect(response.status).toBe(413);
      expect(response.body.error.code).toBe('payload_too_large');
      expect(await counts(ctx())).toEqual(before);
    });

    test('needs a token with write scope', async () => {
      const anonymous = await ctx().request('POST', '/api/v1/inbound/email', {
        payload: Buffer.from('From: a@b.example\r\n\r\nx'),
        headers: { 'content-type': 'message/rfc822' },
      });
      expect(anonymous.status).toBe(401);
      const reader = await ctx().token({ scopes: ['Sequences.Read'] });
      const readOnly = await ctx().request('POST', '/api/v1/inbound/email', {
        token: reader,
        payload: Buffer.from('From: a@b.example\r\n\r\nx'),
        headers: { 'content-type': 'message/rfc822' },
      });
      expect(readOnly.status).toBe(403);
    });

    test('the inbound SMTP listener takes a reply over a real SMTP connection', async () => {
      const admin = await ctx().newUser({ admin: true });
      const { contact, enrollment } = await enrolledContact(ctx(), admin);
      const account = (await ctx().request('GET', '/api/v1/account', { token: admin.token })).body;
      expect(account.inboundAddress).toMatch(/^[0-9a-f]{32}@inbound\.localhost$/);
      const sent = await sentEmail(ctx(), admin, contact.email);

      const listener = await startInboundSmtp(ctx().deps, { port: 0, host: '127.0.0.1' });
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: listener.port,
        secure: false,
        ignoreTLS: true,
      });
      try {
        await expect(
          transport.sendMail({
            envelope: { from: contact.email, to: 'nobody@inbound.localhost' },
            raw: 'Subject: x\r\n\r\nx',
          }),
        ).rejects.toMatchObject({ responseCode: 550 });
        const info = await transport.sendMail({
          envelope: { from: contact.email, to: account.inboundAddress },
          raw: replyTo(sent, contact.email, admin.email),
        });
        expect(info.accepted).toEqual([account.inboundAddress]);
      } finally {
        transport.close();
        await listener.close();
      }
      const after = (
        await ctx().request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: admin.token })
      ).body;
      expect(after.unenrollment?.reason).toBe('replied');
    });
  },
  { config: { INBOUND_MAX_BYTES: String(64 * 1024) } },
);
