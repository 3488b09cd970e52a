import net from 'node:net';
import { MAX_SOFT_BOUNCES, retryDelayMs } from '../../../src/server/engine/send-retry';
import { smtpTransport } from '../../../src/server/mail/smtp-transport';
import { createContact, createSequence, enroll } from '../../helpers/fixtures';
import { DAY, describeWorker, enrollment, PUBLIC_URL, sentMessages } from '../worker/harness';

describeWorker(
  'sequence email through a real SMTP server',
  (h) => {
    afterEach(() => {
      h().peer.rcptPolicy = () => undefined;
      h().peer.dataPolicy = () => undefined;
    });

    async function setup() {
      const { ctx } = h();
      const user = await ctx.newUser({ name: 'Riley Rep' });
      await ctx.request('PATCH', '/api/v1/me', {
        token: user.token,
        body: { signature: 'Riley Rep, Contoso' },
      });
      const company = await ctx.request('POST', '/api/v1/companies', {
        token: user.token,
        body: { name: 'Fabrikam', domains: ['fabrikam.example'] },
      });
      const sequence = await createSequence(ctx, user);
      const contact = await createContact(ctx, user, { firstName: 'Ann', companyId: company.body.id });
      return { user, sequence, contact };
    }

    test('headers, threading, unsubscribe link; the follow-up replies in the thread, then completion', async () => {
      const { ctx, peer, worker } = h();
      const { user, sequence, contact } = await setup();

      const enrolled = await enroll(ctx, user, sequence.id, contact.id);
      const [first] = peer.to(contact.email);
      expect(peer.to(contact.email)).toHaveLength(1);
      const [record] = await sentMessages(ctx, enrolled.id);
      expect(first.headers['message-id']).toBe(`<${record.message_id}>`);
      expect(record.message_id).toMatch(/^[0-9a-f]{32}@contoso\.example$/);
      expect(first.headers.subject).toBe('Hello Ann');
      expect(first.headers.from).toBe(`Riley Rep <${user.email}>`);
      expect(first.headers.to).toBe(contact.email);
      expect(first.headers['in-reply-to']).toBeUndefined();
      expect(first.envelopeFrom).toBe(user.email);

      // RFC 8058: an https List-Unsubscribe URI and the one-click POST header; the same link in the body.
      const link = /^<(https:\/\/sales\.example\/unsubscribe\/(1[\w-]{44}))>$/.exec(
        first.headers['list-unsubscribe'],
      );
      expect(link).not.toBeNull();
      expect(first.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(first.text).toBe(`Hi Ann at Fabrikam\n\n-- \nRiley Rep, Contoso\n\nUnsubscribe: ${link?.[1]}`);
      expect(link?.[1].startsWith(`${PUBLIC_URL}/unsubscribe/`)).toBe(true);
      const page = await ctx.request('GET', `/unsubscribe/${link?.[2]}`);
      expect(page.status).toBe(200);

      ctx.clock.advance(DAY);
      const tick = await worker.runOnce();
      expect(tick.steps).toEqual([{ enrollmentId: enrolled.id, outcome: 'completed', response: undefined }]);
      const messages = peer.to(contact.email);
      expect(messages).toHaveLength(2);
      const followUp = messages[1];
      expect(followUp.headers['in-reply-to']).toBe(first.headers['message-id']);
      expect(followUp.headers.references).toBe(first.headers['message-id']);
      expect(followUp.headers.subject).toBe('Re: Hello Ann');
      expect(followUp.headers['message-id']).not.toBe(first.headers['message-id']);
      expect(followUp.headers['list-unsubscribe']).not.toBe(first.headers['list-unsubscribe']);

      const after = await enrollment(ctx, user.token, enrolled.id);
      expect(after.status).toBe('unenrolled');
      expect(after.unenrollment).toMatchObject({ reason: 'completed', by: { type: 'system', id: null } });
      expect(after.events.map((e: { type: string }) => e.type)).toEqual([
        'enrolled',
        'email_sent',
        'email_sent',
        'unenrolled',
      ]);
      const performance = await ctx.request('GET', `/api/v1/sequences/${sequence.id}`, { token: user.token });
      expect(performance.body.performance).toMatchObject({ emailsSent: 2, bounces: 0 });
    });

    test('a 4xx is retried with backoff: the enrollment stays on its step, attempts are recorded', async () => {
      const { ctx, peer, worker } = h();
      const { user, sequence, contact } = await setup();
      peer.rcptPolicy = (address) =>
        address === contact.email.toLowerCase()
          ? { code: 451, message: '4.7.1 Greylisted, try again later' }
          : undefined;

      const start = ctx.clock.now().getTime();
      const enrolled = await enroll(ctx, user, sequence.id, contact.id);
      expect(enrolled).toMatchObject({ status: 'active', currentStep: 0 });
      expect(new Date(enrolled.nextStepAt).getTime()).toBe(start + retryDelayMs(1));
      expect(peer.to(contact.email)).toHaveLength(0);
      expect(await sentMessages(ctx, enrolled.id)).toEqual([]);

      // Not due yet: nothing happens.
      await worker.runOnce();
      expect(peer.attempts.filter((a) => a === contact.email.toLowerCase())).toHaveLength(1);

      ctx.clock.advance(retryDelayMs(1));
      await worker.runOnce();
      const retried = await enrollment(ctx, user.token, enrolled.id);
      expect(retried).toMatchObject({ status: 'active', currentStep: 0 });
      expect(new Date(retried.nextStepAt).getTime()).toBe(ctx.clock.now().getTime() + retryDelayMs(2));
      const deferrals = retried.events.filter((e: { type: string }) => e.type === 'email_deferred');
      expect(deferrals.map((e: { data: { attempt: number } }) => e.data.attempt)).toEqual([1, 2]);
      expect(deferrals[1].detail).toBe('451 4.7.1 Greylisted, try again later');

      peer.rcptPolicy = () => undefined;
      ctx.clock.advance(retryDelayMs(2));
      await worker.runOnce();
      const delivered = await enrollment(ctx, user.token, enrolled.id);
      expect(delivered).toMatchObject({ status: 'active', currentStep: 1 });
      const messages = peer.to(contact.email);
      expect(messages).toHaveLength(1);
      const [record] = await sentMessages(ctx, enrolled.id);
      expect(messages[0].headers['message-id']).toBe(`<${record.message_id}>`);
      const { rows } = await ctx.db.query<{ send_attempts: number; last_send_error: string | null }>(
        'SELECT send_attempts, last_send_error FROM enrollments WHERE id = $1::uuid',
        [enrolled.id],
      );
      expect(rows[0]).toEqual({ send_attempts: 0, last_send_error: null });
    });

    test('soft bounces that never end unenroll as bounced, without marking the address', async () => {
      const { ctx, peer, worker } = h();
      const { user, sequence, contact } = await setup();
      peer.rcptPolicy = (address) =>
        address === contact.email.toLowerCase() ? { code: 452, message: '4.2.2 Mailbox full' } : undefined;
      const enrolled = await enroll(ctx, user, sequence.id, contact.id);
      for (let attempt = 1; attempt < MAX_SOFT_BOUNCES; attempt += 1) {
        ctx.clock.advance(retryDelayMs(attempt));
        await worker.runOnce();
      }
      const after = await enrollment(ctx, user.token, enrolled.id);
      expect(after.unenrollment).toMatchObject({ reason: 'bounced', by: { type: 'system' } });
      expect(after.unenrollment.detail).toContain(`Soft-bounced ${MAX_SOFT_BOUNCES} times`);
      const reread = await ctx.request('GET', `/api/v1/contacts/${contact.id}`, { token: user.token });
      expect(reread.body.bouncedAt).toBeNull();
      expect(peer.to(contact.email)).toHaveLength(0);
      // The message that never went through stays on record as bounced, and counts as a bounce.
      const [record] = await sentMessages(ctx, enrolled.id);
      expect(record).toMatchObject({
        delivery_status: 'bounced',
        delivery_response: '452 4.2.2 Mailbox full',
      });
      const detail = await ctx.request('GET', `/api/v1/sequences/${sequence.id}`, { token: user.token });
      expect(detail.body.performance).toMatchObject({ bounces: 1, unenrolledByReason: { bounced: 1 } });
    });

    test('a permanent 5.x.x rejection of the recipient unenrolls as bounced and marks the address', async () => {
      const { ctx, peer } = h();
      const { user, sequence, contact } = await setup();
      peer.rcptPolicy = (address) =>
        address === contact.email.toLowerCase()
          ? { code: 550, message: '5.1.1 No such user here' }
          : undefined;

      const enrolled = await enroll(ctx, user, sequence.id, contact.id);
      expect(enrolled.status).toBe('unenrolled');
      expect(enrolled.unenrollment).toMatchObject({
        reason: 'bounced',
        by: { type: 'system', id: null },
        detail: 'Rejected: 550 5.1.1 No such user here',
      });
      const reread = await ctx.request('GET', `/api/v1/contacts/${contact.id}`, { token: user.token });
      expect(reread.body.bouncedAt).toBe(ctx.clock.now().toISOString());
      const [record] = await sentMessages(ctx, enrolled.id);
      expect(record).toMatchObject({
        delivery_status: 'bounced',
        delivery_response: '550 5.1.1 No such user here',
      });
      const detail = await ctx.request('GET', `/api/v1/sequences/${sequence.id}`, { token: user.token });
      expect(detail.body.performance).toMatchObject({ bounces: 1, unenrolledByReason: { bounced: 1 } });

      const again = await ctx.request('POST', '/api/v1/enrollments', {
        token: user.token,
        body: { sequenceId: sequence.id, contactId: contact.id },
      });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('address_bounced');
    });

    test('a policy rejection at DATA bounces the message but does not mark the address', async () => {
      const { ctx, peer } = h();
      const { user, sequence, contact } = await setup();
      peer.dataPolicy = (address) =>
        address === contact.email.toLowerCase() ? { code: 554, message: '5.7.1 Message refused' } : undefined;
      const enrolled = await enroll(ctx, user, sequence.id, contact.id);
      expect(enrolled.unenrollment).toMatchObject({
        reason: 'bounced',
        detail: 'Rejected: 554 5.7.1 Message refused',
      });
      const reread = await ctx.request('GET', `/api/v1/contacts/${contact.id}`, { token: user.token });
      expect(reread.body.bouncedAt).toBeNull();
    });
  },
  { smtp: true },
);

describe('the SMTP transport with no relay listening', () => {
  test('a refused connection is a deferral (the relay is unavailable), not a bounce', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, { timeoutMs: 2000, maxConnections: 1 });
    const result = await transport.send(
      {
        accountId: 'a',
        sentMessageId: 's',
        messageId: 'x@contoso.example',
        from: { name: 'Rep', address: 'rep@contoso.example' },
        to: 'ann@fabrikam.example',
        subject: 'Hi',
        text: 'Hi',
        headers: {},
      },
      new Date(),
      { outcomeUnknown: false },
    );
    await transport.close?.();
    expect(result).toMatchObject({ status: 'deferred', kind: 'unavailable' });
  });
});
