import { simpleParser } from 'mailparser';
import { graphTransport } from '../../../src/server/mail/graph-transport';
import type { SendingTransport } from '../../../src/server/mail/transport';
import { graphSenderLookup } from '../../../src/server/mailboxes/sending';
import { StepWorker } from '../../../src/server/worker/step-worker';
import { createContact, createSequence, enrolledContact } from '../../helpers/fixtures';
import { describeGraph, enrollmentOf, recordedSends } from '../../helpers/graph';

const DAY = 24 * 3600_000;

describeGraph('sequence email through Microsoft Graph', (h) => {
  test('sent as MIME from the rep’s mailbox: Message-ID, thread and unsubscribe headers kept, filed in Sent Items', async () => {
    const { ctx, standIn } = h();
    const rep = await h().connectedAdmin();
    const { contact, enrollment } = await enrolledContact(ctx, rep);

    const [first] = await recordedSends(ctx, enrollment.id);
    expect(first.delivery_status).toBe('sent');
    let sent = standIn.messages(rep.email, 'sentitems');
    expect(sent).toHaveLength(1);
    const one = await simpleParser(sent[0].mime);
    expect(one.messageId).toBe(`<${first.message_id}>`);
    expect(one.to).toMatchObject({ value: [{ address: contact.email }] });
    expect(one.from).toMatchObject({ value: [{ address: rep.email, name: 'Riley Rep' }] });
    // Header lines unfolded (RFC 5322 §2.2.3): long ones are folded, as the SMTP transport folds them.
    const header = (name: string) =>
      one.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n[ \t]+/g, ' ');
    const unsubscribeUrl = /^List-Unsubscribe: <(https:\/\/sales\.example\/unsubscribe\/\S+)>$/.exec(
      header('list-unsubscribe') ?? '',
    )?.[1];
    expect(unsubscribeUrl).toBeDefined();
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(one.text).toContain(unsubscribeUrl);
    const page = await ctx.request('GET', new URL(unsubscribeUrl ?? '').pathname);
    expect(page.status).toBe(200);
    // Nothing went to the outbox: the rep's mailbox sent it.
    const outbox = await ctx.request('GET', '/api/v1/outbox', { token: rep.token });
    expect(outbox.body.items).toHaveLength(0);

    ctx.clock.advance(DAY + 60_000);
    await ctx.runDueSteps();
    sent = standIn.messages(rep.email, 'sentitems');
    expect(sent).toHaveLength(2);
    const [, second] = await recordedSends(ctx, enrollment.id);
    const two = await simpleParser(sent[1].mime);
    expect(two.messageId).toBe(`<${second.message_id}>`);
    expect(two.inReplyTo).toBe(`<${first.message_id}>`);
    expect(two.references).toBe(`<${first.message_id}>`);
    expect(two.subject).toBe(`Re: ${one.subject}`);
  });

  test('throttled mid-send (429 + Retry-After): the step waits what Graph asked, then goes out once', async () => {
    const { ctx, standIn } = h();
    const rep = await h().connectedAdmin();
    standIn.throttle({ operation: 'sendMail', user: rep.email, times: 1, retryAfterSeconds: 600 });
    const { enrollment } = await enrolledContact(ctx, rep);

    expect(standIn.messages(rep.email, 'sentitems')).toHaveLength(0);
    const waiting = await enrollmentOf(ctx, rep.token, enrollment.id);
    expect(waiting.status).toBe('active');
    expect(waiting.currentStep).toBe(0);
    const deferred = waiting.events.find((event: { type: string }) => event.type === 'email_deferred');
    expect(deferred.detail).toMatch(/429 ApplicationThrottled/);
    expect(new Date(waiting.nextStepAt).getTime()).toBeGreaterThanOrEqual(
      ctx.clock.now().getTime() + 600_000,
    );

    ctx.clock.advance(300_000);
    await ctx.runDueSteps();
    expect(standIn.messages(rep.email, 'sentitems')).toHaveLength(0);

    ctx.clock.advance(301_000);
    await ctx.runDueSteps();
    await ctx.runDueSteps();
    expect(standIn.messages(rep.email, 'sentitems')).toHaveLength(1);
    expect((await enrollmentOf(ctx, rep.token, enrollment.id)).currentStep).toBe(1);
  });

  test('a 503 with Retry-After is throttling too: postponed, never bounced', async () => {
    const { ctx, standIn } = h();
    const rep = await h().connectedAdmin();
    standIn.throttle({
      operation: 'sendMail',
      user: rep.email,
      times: 1,
      status: 503,
      retryAfterSeconds: 120,
    });
    const { enrollment } = await enrolledContact(ctx, rep);
    const waiting = await enrollmentOf(ctx, rep.token, enrollment.id);
    expect(waiting.status).toBe('active');
    expect(waiting.events.map((event: { type: string }) => event.type)).toContain('email_deferred');
    ctx.clock.advance(121_000);
    await ctx.runDueSteps();
    expect(standIn.messages(rep.email, 'sentitems')).toHaveLength(1);
  });

  test('accepted but unanswered (504): the retry finds it in Sent Items and does not send it twice', async () => {
    const { ctx, standIn } = h();
    const rep = await h().connectedAdmin();
    standIn.failAfterAccept(1);
    const { enrollment } = await enrolledContact(ctx, rep);
    expect(standIn.messages(rep.email, 'sentitems')).toHaveLength(1);
    expect((await enrollmentOf(ctx, rep.token, enrollment.id)).currentStep).toBe(0);

    ctx.clock.advance(61 * 60_000);
    await ctx.runDueSteps();
    expect(standIn.messages(rep.email, 'sentitems')).toHaveLength(1);
    const calls = standIn.requests
      .filter((r) => r.user === rep.email)
      .map((r) => `${r.operation} ${r.status}`);
    // One sendMail (answered 504), then the look-up in Sent Items, and no second sendMail.
    expect(calls).toEqual(['sendMail 504', 'messages 200']);
    const after = await enrollmentOf(ctx, rep.token, enrollment.id);
    expect(after.currentStep).toBe(1);
    expect((await recordedSends(ctx, enrollment.id))[0].delivery_status).toBe('sent');
  });

  test('a worker that died after handing the email over: the next claim is told the outcome is unknown and looks first', async () => {
    const { ctx, standIn, graph } = h();
    const rep = await h().connectedAdmin();
    const sequence = await createSequence(ctx, rep);
    const contact = await createContact(ctx, rep);
    const real = graphTransport({ graph: graph.client, senderOf: graphSenderLookup(ctx.db) });
    // Sends, then "dies" before the answer is recorded: the record stays 'sending' under a lease.
    const dying: SendingTransport = {
      ...real,
      async send(email, now, attempt) {
        await real.send(email, now, attempt);
        throw new Error('worker killed');
      },
    };
    const doomed = new StepWorker({
      db: ctx.db,
      clock: ctx.clock,
      transport: dying,
      config: ctx.config,
      settings: { pollMs: 25, batchSize: 10, concurrency: 1 },
    });
    const created = await ctx.request('POST', '/api/v1/enrollments', {
      token: rep.token,
      body: { sequenceId: sequence.id, contactId: contact.id },
    });
    await doomed.runOnce().catch(() => undefined);
    expect(standIn.messages(rep.email, 'sentitems')).toHaveLength(1);
    expect((await recordedSends(ctx, created.body.id))[0].delivery_status).toBe('sending');

    ctx.clock.advance(ctx.config.worker.leaseMs + 1000);
    await ctx.runDueSteps();
    expect(standIn.messages(rep.email, 'sentitems')).toHaveLength(1);
    expect((await recordedSends(ctx, created.body.id))[0].delivery_status).toBe('sent');
    expect((await enrollmentOf(ctx, rep.token, created.body.id)).currentStep).toBe(1);
  });

  test('a recipient Graph refuses for good is a hard bounce: unenrolled, the address refused from then on', async () => {
    const { ctx, standIn } = h();
    const rep = await h().connectedAdmin();
    const sequence = await createSequence(ctx, rep);
    const contact = await createContact(ctx, rep);
    standIn.rejectRecipient(contact.email);
    const created = await ctx.request('POST', '/api/v1/enrollments', {
      token: rep.token,
      body: { sequenceId: sequence.id, contactId: contact.id },
    });
    await ctx.runDueSteps();
    const ended = await enrollmentOf(ctx, rep.token, created.body.id);
    expect(ended.status).toBe('unenrolled');
    expect(ended.unenrollment.reason).toBe('bounced');
    expect(ended.unenrollment.detail).toMatch(/ErrorInvalidRecipients/);
    const again = await ctx.request('POST', '/api/v1/enrollments', {
      token: rep.token,
      body: { sequenceId: sequence.id, contactId: contact.id },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('address_bounced');
  });

  test('a mailbox that cannot send (not licensed) refuses the message for good, as an SMTP 5xx to DATA', async () => {
    const { ctx, standIn } = h();
    const rep = await h().connectedAdmin();
    standIn.failMailbox(rep.email, {
      status: 404,
      code: 'MailboxNotEnabledForRESTAPI',
      message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    });
    const { enrollment, contact } = await enrolledContact(ctx, rep);
    standIn.failMailbox(rep.email, null);
    const ended = await enrollmentOf(ctx, rep.token, enrollment.id);
    expect(ended.unenrollment.reason).toBe('bounced');
    expect(ended.unenrollment.detail).toMatch(/MailboxNotEnabledForRESTAPI/);
    // The message was refused, not the address: the contact can be enrolled again.
    const lookup = await ctx.request('POST', '/api/v1/contacts/lookup', {
      token: rep.token,
      body: { emails: [contact.email] },
    });
    expect(lookup.body.results[0].contact.bouncedAt ?? null).toBeNull();
  });

  test('a rep whose mailbox is not connected sends through MAIL_TRANSPORT (the outbox here)', async () => {
    const { ctx, standIn } = h();
    const admin = await h().connectedAdmin();
    // Only the admin's own mailbox is connected; a colleague of the same account is not.
    const colleague = await ctx.newUser({
      tenantId: admin.tenantId,
      email: `colleague-${Date.now()}@contoso.example`,
    });
    await ctx.request('GET', '/api/v1/me', { token: colleague.token });
    const me = await ctx.request('GET', '/api/v1/me', { token: admin.token });
    const chosen = await ctx.request('PUT', '/api/v1/account/mail-connection/mailboxes', {
      token: admin.token,
      body: { selection: 'selected', userIds: [me.body.id] },
    });
    expect(chosen.status).toBe(200);
    await enrolledContact(ctx, colleague);
    expect(standIn.messages(colleague.email, 'sentitems')).toHaveLength(0);
    const outbox = await ctx.request('GET', '/api/v1/outbox', { token: colleague.token });
    expect(outbox.body.items).toHaveLength(1);
  });
});
