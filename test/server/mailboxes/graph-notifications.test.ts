import { enrolledContact } from '../../helpers/fixtures';
import { describeGraph, enrollmentOf, recordedSends } from '../../helpers/graph';
import { replyTo } from '../../helpers/mail';

const HOUR = 3600_000;

async function waitFor<T>(what: () => Promise<T>, done: (value: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await what();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await what();
  }
  return value;
}

describeGraph(
  'change notifications from Microsoft Graph',
  (h) => {
    async function mailboxOf(email: string) {
      const { rows } = await h().ctx.db.query<{ id: string; next_sync_at: Date }>(
        `SELECT m.id, m.next_sync_at FROM mailboxes m JOIN users u ON u.id = m.user_id WHERE u.email = $1::text`,
        [email],
      );
      return rows[0];
    }
    async function foldersOf(mailboxId: string) {
      const { rows } = await h().ctx.db.query<{
        folder: string;
        subscription_id: string;
        client_state: string;
        subscription_expires_at: Date;
      }>(
        `SELECT folder, subscription_id, client_state, subscription_expires_at FROM mailbox_folders
         WHERE mailbox_id = $1::uuid ORDER BY folder`,
        [mailboxId],
      );
      return rows;
    }

    test('the validation handshake: the token echoed as text/plain, decoded', async () => {
      const { ctx } = h();
      for (const path of ['/graph/notifications', '/graph/lifecycle']) {
        const response = await ctx.request(
          'POST',
          `${path}?validationToken=${encodeURIComponent('Validation: a&b <c>')}`,
          {
            headers: { 'content-type': 'text/plain; charset=utf-8' },
            payload: '',
          },
        );
        expect(response.status).toBe(200);
        expect(String(response.headers['content-type'])).toMatch(/^text\/plain/);
        expect(response.body).toBe('Validation: a&b <c>');
      }
    });

    test('a synced mailbox subscribes to Inbox, Junk and Sent Items; Graph’s handshake with the app succeeds', async () => {
      const { standIn, mailboxes } = h();
      const rep = await h().connectedAdmin();
      await mailboxes.drain();
      const mailbox = await mailboxOf(rep.email);
      const folders = await foldersOf(mailbox.id);
      expect(folders.map((row) => row.folder)).toEqual(['inbox', 'junkemail', 'sentitems']);
      const ours = standIn.subscriptions().filter((s) => s.mailbox.userPrincipalName === rep.email);
      expect(ours.map((s) => s.id).sort()).toEqual(folders.map((row) => row.subscription_id).sort());
      expect(ours[0].notificationUrl).toBe('https://sales.example/graph/notifications');
      expect(ours[0].lifecycleNotificationUrl).toBe('https://sales.example/graph/lifecycle');
    });

    test('a reply unenrolls within seconds of its notification, long before the next poll', async () => {
      const { ctx, standIn } = h();
      const rep = await h().connectedAdmin();
      const { contact, enrollment } = await enrolledContact(ctx, rep);
      const [first] = await recordedSends(ctx, enrollment.id);
      // A worker that would poll only once an hour: only the notification can wake it in time.
      const worker = h().newMailboxWorker({ tickMs: HOUR, pollMs: HOUR });
      await worker.runOnce();
      await worker.start();
      try {
        const started = Date.now();
        await standIn.deliver(
          rep.email,
          replyTo({ messageId: first.message_id, subject: 'Hello Ann' }, contact.email, rep.email),
        );
        const after = await waitFor(
          () => enrollmentOf(ctx, rep.token, enrollment.id),
          (value) => value.status === 'unenrolled',
        );
        expect(after.unenrollment.reason).toBe('replied');
        expect(Date.now() - started).toBeLessThan(5000);
      } finally {
        await worker.stop();
      }
    });

    test('a notification with the wrong clientState is ignored; the right one makes the mailbox due', async () => {
      const { ctx, mailboxes } = h();
      const rep = await h().connectedAdmin();
      await mailboxes.drain();
      const mailbox = await mailboxOf(rep.email);
      const [inbox] = await foldersOf(mailbox.id);
      const notify = (clientState: string) =>
        ctx.request('POST', '/graph/notifications', {
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({
            value: [
              {
                subscriptionId: inbox.subscription_id,
                clientState,
                changeType: 'created',
                resource: 'Users/x/Messages/y',
              },
            ],
          }),
        });
      const forged = await notify('not-the-secret');
      expect(forged.status).toBe(202);
      expect((await mailboxOf(rep.email)).next_sync_at.getTime()).toBeGreaterThan(ctx.clock.now().getTime());
      const genuine = await notify(inbox.client_state);
      expect(genuine.status).toBe(202);
      expect((await mailboxOf(rep.email)).next_sync_at.getTime()).toBeLessThanOrEqual(
        ctx.clock.now().getTime(),
      );
    });

    test('lifecycle: subscriptionRemoved → created again; reauthorizationRequired → renewed; renewal before expiry', async () => {
      const { ctx, standIn, mailboxes } = h();
      const rep = await h().connectedAdmin();
      await mailboxes.drain();
      const mailbox = await mailboxOf(rep.email);
      const [inbox, junk, sent] = await foldersOf(mailbox.id);

      expect(await standIn.lifecycle(inbox.subscription_id, 'subscriptionRemoved')).toBe(202);
      expect(await standIn.lifecycle(junk.subscription_id, 'reauthorizationRequired')).toBe(202);
      expect((await mailboxOf(rep.email)).next_sync_at.getTime()).toBeLessThanOrEqual(
        ctx.clock.now().getTime(),
      );
      const patches = () =>
        standIn.requests.filter((r) => r.operation === 'subscriptions' && r.method === 'PATCH').length;
      const before = patches();
      await mailboxes.drain();
      const [inbox2, junk2, sent2] = await foldersOf(mailbox.id);
      expect(inbox2.subscription_id).not.toBe(inbox.subscription_id);
      expect(standIn.subscriptions().some((s) => s.id === inbox2.subscription_id)).toBe(true);
      expect(junk2.subscription_id).toBe(junk.subscription_id);
      expect(junk2.subscription_expires_at.getTime()).toBeGreaterThan(ctx.clock.now().getTime() + 47 * HOUR);
      expect(patches()).toBe(before + 1);
      expect(sent2.subscription_expires_at.getTime()).toBe(sent.subscription_expires_at.getTime());

      // A day and a bit later every subscription is within a day of its expiry: renewed by the sync.
      ctx.clock.advance(25 * HOUR);
      await mailboxes.drain();
      const renewed = await foldersOf(mailbox.id);
      for (const row of renewed)
        expect(row.subscription_expires_at.getTime()).toBeGreaterThan(ctx.clock.now().getTime() + 47 * HOUR);
    });

    test('a lifecycle notification with the wrong clientState changes nothing', async () => {
      const { ctx, mailboxes } = h();
      const rep = await h().connectedAdmin();
      await mailboxes.drain();
      const mailbox = await mailboxOf(rep.email);
      const [inbox] = await foldersOf(mailbox.id);
      const response = await ctx.request('POST', '/graph/lifecycle', {
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          value: [
            {
              subscriptionId: inbox.subscription_id,
              clientState: 'forged',
              lifecycleEvent: 'subscriptionRemoved',
            },
          ],
        }),
      });
      expect(response.status).toBe(202);
      expect((await foldersOf(mailbox.id))[0].subscription_id).toBe(inbox.subscription_id);
    });
  },
  { listen: true },
);
