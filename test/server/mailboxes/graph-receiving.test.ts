import { randomUUID } from 'node:crypto';
import { createContact, createSequence, enroll, enrolledContact } from '../../helpers/fixtures';
import { describeGraph, enrollmentOf, recordedSends } from '../../helpers/graph';
import { dsnBounce, outOfOffice, personEmail, replyTo } from '../../helpers/mail';

const MINUTE = 60_000;

describeGraph('reading connected mailboxes through Microsoft Graph', (h) => {
  /** A connected rep with an enrolled contact whose first email went out through Graph. */
  async function sentToContact(sequenceBody: Record<string, unknown> = {}) {
    const { ctx } = h();
    const rep = await h().connectedAdmin();
    const { contact, enrollment } = await enrolledContact(ctx, rep, sequenceBody);
    const [first] = await recordedSends(ctx, enrollment.id);
    const sent = { messageId: first.message_id, subject: `Hello ${contact.firstName}` };
    return { rep, contact, enrollment, sent };
  }

  async function inboundCount(accountToken: string): Promise<number> {
    const { ctx } = h();
    const me = await ctx.request('GET', '/api/v1/me', { token: accountToken });
    const { rows } = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM inbound_messages WHERE account_id = $1::uuid',
      [me.body.accountId],
    );
    return rows[0].n;
  }

  test('a reply delivered into the rep’s Inbox is read by delta and unenrolls the contact as replied', async () => {
    const { ctx, standIn, mailboxes } = h();
    const { rep, contact, enrollment, sent } = await sentToContact();
    await standIn.deliver(rep.email, replyTo(sent, contact.email, rep.email));
    await mailboxes.drain();
    const after = await enrollmentOf(ctx, rep.token, enrollment.id);
    expect(after.status).toBe('unenrolled');
    expect(after.unenrollment).toMatchObject({ reason: 'replied', by: { type: 'system' } });
  });

  test('a reply filed in Junk counts too', async () => {
    const { ctx, standIn, mailboxes } = h();
    const { rep, contact, enrollment, sent } = await sentToContact();
    await standIn.deliver(rep.email, replyTo(sent, contact.email, rep.email), 'junkemail');
    await mailboxes.drain();
    expect((await enrollmentOf(ctx, rep.token, enrollment.id)).unenrollment.reason).toBe('replied');
  });

  test('an NDR delivered into the Inbox unenrolls as bounced', async () => {
    const { ctx, standIn, mailboxes } = h();
    const { rep, contact, enrollment, sent } = await sentToContact();
    await standIn.deliver(
      rep.email,
      dsnBounce({
        failed: contact.email,
        status: '5.1.1',
        diagnostic: '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found',
        original: { ...sent, from: rep.email },
      }),
    );
    await mailboxes.drain();
    const after = await enrollmentOf(ctx, rep.token, enrollment.id);
    expect(after.unenrollment.reason).toBe('bounced');
  });

  test('an out-of-office reply does not unenroll', async () => {
    const { ctx, standIn, mailboxes } = h();
    const { rep, contact, enrollment, sent } = await sentToContact();
    await standIn.deliver(rep.email, outOfOffice('en', sent, contact.email, rep.email, false));
    await mailboxes.drain();
    const after = await enrollmentOf(ctx, rep.token, enrollment.id);
    expect(after.status).toBe('active');
    expect(after.events.map((event: { type: string }) => event.type)).toContain('auto_reply_received');
  });

  test('throttled mid-delta, then a restart between pages: the next worker goes on from the stored page, nothing lost, nothing twice', async () => {
    const { ctx, standIn, mailboxes } = h();
    const rep = await h().connectedAdmin();
    await mailboxes.drain(); // the first, empty round: the rest comes by deltaLink
    const count = 60; // two pages of 50
    for (let n = 0; n < count; n += 1) {
      await standIn.deliver(
        rep.email,
        personEmail({
          from: `lead-${n}@northwind.example`,
          to: rep.email,
          subject: `Question ${n}`,
          body: 'Hello',
        }),
      );
    }
    ctx.clock.advance(61_000); // the next poll
    // The second delta page of the Inbox is throttled (429, Retry-After 120 s).
    standIn.throttle({ operation: 'delta', user: rep.email, after: 1, times: 1, retryAfterSeconds: 120 });
    const first = await mailboxes.drain();
    expect(first.throttled).toBe(1);
    expect(await inboundCount(rep.token)).toBe(50);
    const { rows } = await ctx.db.query<{ cursor_kind: string; cursor: string }>(
      `SELECT f.cursor_kind, f.cursor FROM mailbox_folders f JOIN mailboxes m ON m.id = f.mailbox_id
       JOIN users u ON u.id = m.user_id WHERE u.email = $1::text AND f.folder = 'inbox'`,
      [rep.email],
    );
    expect(rows[0].cursor_kind).toBe('next');
    expect(rows[0].cursor).toContain('$skiptoken=');

    // Not before Graph said: the mailbox is not read again within the Retry-After.
    const mailbox = standIn.store.find(rep.email);
    const deltaCalls = () =>
      standIn.requests.filter(
        (r) => r.operation === 'delta' && r.user && standIn.store.find(r.user) === mailbox,
      ).length;
    const calls = deltaCalls();
    ctx.clock.advance(60_000);
    await mailboxes.drain();
    expect(deltaCalls()).toBe(calls);

    // "Restart": a new worker, which knows only what the database holds.
    ctx.clock.advance(61_000);
    const restarted = h().newMailboxWorker();
    const seen = standIn.requests.length;
    await restarted.drain();
    // Links from Graph name the mailbox by its id.
    const mailboxId = mailbox?.id ?? '';
    const inboxDelta = standIn.requests
      .slice(seen)
      .find((r) => r.operation === 'delta' && r.url.includes(`/users/${mailboxId}/mailFolders/inbox/`));
    expect(inboxDelta?.url).toContain('$skiptoken=');
    expect(inboxDelta?.url).not.toContain('filter');
    expect(await inboundCount(rep.token)).toBe(count);
    const valueCalls = standIn.requests.filter(
      (r) => r.operation === 'value' && r.user === rep.email && r.status === 200,
    );
    expect(valueCalls).toHaveLength(count);
  });

  test('throttled on $value mid-page: the page is read again, each reply acts once', async () => {
    const { ctx, standIn, mailboxes } = h();
    const rep = await h().connectedAdmin();
    const sequence = await createSequence(ctx, rep);
    const enrolled = [];
    for (let n = 0; n < 3; n += 1) {
      const contact = await createContact(ctx, rep);
      const enrollment = await enroll(ctx, rep, sequence.id, contact.id);
      const [first] = await recordedSends(ctx, enrollment.id);
      enrolled.push({
        contact,
        enrollment,
        sent: { messageId: first.message_id, subject: `Hello ${contact.firstName}` },
      });
    }
    for (const { contact, sent } of enrolled)
      await standIn.deliver(rep.email, replyTo(sent, contact.email, rep.email));
    standIn.throttle({
      operation: 'value',
      user: rep.email,
      after: 1,
      times: 1,
      status: 503,
      retryAfterSeconds: 30,
    });
    expect((await mailboxes.drain()).throttled).toBe(1);
    ctx.clock.advance(31_000);
    await mailboxes.drain();
    for (const { enrollment } of enrolled) {
      const after = await enrollmentOf(ctx, rep.token, enrollment.id);
      expect(after.unenrollment.reason).toBe('replied');
      const types = after.events.map((event: { type: string }) => event.type);
      expect(types.filter((type: string) => type === 'unenrolled')).toHaveLength(1);
    }
    // Each reply stored and acted on once, though its page was read twice.
    const me = await ctx.request('GET', '/api/v1/me', { token: rep.token });
    const { rows } = await ctx.db.query<{ n: number; processed: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'processed')::int AS processed
       FROM inbound_messages WHERE account_id = $1::uuid`,
      [me.body.accountId],
    );
    expect(rows[0]).toEqual({ n: 3, processed: 3 });
    const { rows: replies } = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM engagements WHERE type = 'reply' AND enrollment_id = ANY($1::uuid[])`,
      [enrolled.map(({ enrollment }) => enrollment.id)],
    );
    expect(replies[0].n).toBe(3);
  });

  test('a lost sync state (410) starts the folder’s round again without losing mail', async () => {
    const { ctx, standIn, mailboxes } = h();
    const { rep, contact, enrollment, sent } = await sentToContact();
    await mailboxes.drain();
    standIn.invalidateDeltaTokens(rep.email);
    await standIn.deliver(rep.email, replyTo(sent, contact.email, rep.email));
    ctx.clock.advance(61_000);
    const tick = await mailboxes.drain();
    expect(tick.failed).toBe(0);
    expect((await enrollmentOf(ctx, rep.token, enrollment.id)).unenrollment.reason).toBe('replied');
  });

  test('mail the rep writes by hand (Sent Items) is in the contact’s history; the sequence’s own emails are not', async () => {
    const { ctx, standIn, mailboxes } = h();
    const { rep, contact, enrollment } = await sentToContact();
    await standIn.deliver(
      rep.email,
      personEmail({
        from: rep.email,
        to: contact.email,
        subject: 'Quick question',
        body: 'Written by hand',
        messageId: `${randomUUID()}@contoso.example`,
      }),
      'sentitems',
    );
    await mailboxes.drain();
    await mailboxes.drain();
    const after = await enrollmentOf(ctx, rep.token, enrollment.id);
    expect(after.status).toBe('active');
    const manual = after.events.filter((event: { type: string }) => event.type === 'manual_email_sent');
    // Once, though Sent Items also holds the sequence's own first email (sent through Graph).
    expect(manual).toHaveLength(1);
    expect(manual[0].detail).toMatch(/Quick question/);
    expect(manual[0].by.type).toBe('user');
    expect(standIn.messages(rep.email, 'sentitems')).toHaveLength(2);
  });

  test('with unenrollOnManualEmail on, mail written by hand unenrolls the contact, by the rep', async () => {
    const { ctx, standIn, mailboxes } = h();
    const { rep, contact, enrollment } = await sentToContact({ settings: { unenrollOnManualEmail: true } });
    await mailboxes.drain();
    expect((await enrollmentOf(ctx, rep.token, enrollment.id)).status).toBe('active');
    await standIn.deliver(
      rep.email,
      personEmail({ from: rep.email, to: contact.email, subject: 'Re: your question', body: 'Sure' }),
      'sentitems',
    );
    ctx.clock.advance(61_000);
    await mailboxes.drain();
    const after = await enrollmentOf(ctx, rep.token, enrollment.id);
    expect(after.status).toBe('unenrolled');
    expect(after.unenrollment.reason).toBe('manual_email');
    const me = await ctx.request('GET', '/api/v1/me', { token: rep.token });
    expect(after.unenrollment.by).toEqual({ type: 'user', id: me.body.id });
  });

  test('mail received before the connection’s first day is not read', async () => {
    const { ctx, standIn, mailboxes } = h();
    const rep = await h().connectedAdmin();
    ctx.clock.advance(-2 * 24 * 60 * MINUTE);
    await standIn.deliver(
      rep.email,
      personEmail({ from: 'old@northwind.example', to: rep.email, subject: 'Old', body: 'x' }),
    );
    ctx.clock.advance(2 * 24 * 60 * MINUTE);
    await mailboxes.drain();
    expect(await inboundCount(rep.token)).toBe(0);
  });
});
