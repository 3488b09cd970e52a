import { describeEachDb, type TestContext } from '../../helpers/context';
import { createSequence, enrolledContact } from '../../helpers/fixtures';

async function linkOf(ctx: TestContext, token: string, email: string) {
  const outbox = await ctx.request('GET', `/api/v1/outbox?to=${encodeURIComponent(email)}`, { token });
  const header: string = outbox.body.items[0].headers['List-Unsubscribe'];
  const match = /^<https:\/\/sales\.example\/unsubscribe\/(1[\w-]{44})>$/.exec(header);
  if (!match) throw new Error(`no unsubscribe link in ${header}`);
  expect(outbox.body.items[0].text).toContain(`Unsubscribe: https://sales.example/unsubscribe/${match[1]}`);
  return match[1];
}

async function state(ctx: TestContext, userToken: string, contactId: string, enrollmentId: string) {
  const contact = await ctx.request('GET', `/api/v1/contacts/${contactId}`, { token: userToken });
  const enrollment = await ctx.request('GET', `/api/v1/enrollments/${enrollmentId}`, { token: userToken });
  const { rows } = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM engagements WHERE contact_id = $1::uuid AND type = 'unsubscribe'`,
    [contactId],
  );
  return { contact: contact.body, enrollment: enrollment.body, engagements: rows[0].n };
}

const ONE_CLICK = {
  'content-type': 'application/x-www-form-urlencoded',
};

describeEachDb(
  'unsubscribe links (A7)',
  (ctx) => {
    test('GET shows an accessible confirmation page and changes nothing', async () => {
      const { user, contact, enrollment } = await enrolledContact(ctx());
      const token = await linkOf(ctx(), user.token, contact.email);

      const page = await ctx().request('GET', `/unsubscribe/${token}`);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      const html: string = page.body;
      expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(html).toContain('<h1>Unsubscribe from these emails?</h1>');
      expect(html).toContain(`<form method="post" action="./${token}">`);
      expect(html).toContain('<button type="submit">Unsubscribe</button>');
      expect(html).not.toContain('<script');
      // The address is recognisable but not spelled out for whoever holds the link.
      expect(html).toContain(`${contact.email[0]}•••@fabrikam.example`);
      expect(html).not.toContain(contact.email);

      const after = await state(ctx(), user.token, contact.id, enrollment.id);
      expect(after.contact.optedOutAt).toBeNull();
      expect(after.enrollment.status).toBe('active');
      expect(after.engagements).toBe(0);
    });

    test('RFC 8058 one-click POST unsubscribes: unenrolled by the contact, opted out, counted; idempotent', async () => {
      const { user, sequence, contact, enrollment } = await enrolledContact(ctx());
      const token = await linkOf(ctx(), user.token, contact.email);

      const first = await ctx().request('POST', `/unsubscribe/${token}`, {
        headers: ONE_CLICK,
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ unsubscribed: true });
      const after = await state(ctx(), user.token, contact.id, enrollment.id);
      expect(after.enrollment.status).toBe('unenrolled');
      expect(after.enrollment.unenrollment).toMatchObject({
        reason: 'unsubscribed',
        by: { type: 'contact', id: contact.id },
        detail: 'Unsubscribe link in “Hello Ann”',
      });
      expect(after.contact.optedOutAt).toBe(ctx().clock.now().toISOString());
      expect(after.engagements).toBe(1);

      ctx().clock.advance(60_000);
      const second = await ctx().request('POST', `/unsubscribe/${token}`, {
        headers: ONE_CLICK,
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(second.status).toBe(200);
      const again = await state(ctx(), user.token, contact.id, enrollment.id);
      expect(again.contact.optedOutAt).toBe(after.contact.optedOutAt);
      expect(again.enrollment.unenrollment).toEqual(after.enrollment.unenrollment);
      expect(again.engagements).toBe(1);
      expect(again.enrollment.events.filter((e: { type: string }) => e.type === 'unenrolled')).toHaveLength(
        1,
      );

      // A7: from then on the contact cannot be enrolled.
      const other = await createSequence(ctx(), user);
      const enrollAgain = await ctx().request('POST', '/api/v1/enrollments', {
        token: user.token,
        body: { sequenceId: other.id, contactId: contact.id },
      });
      expect(enrollAgain.status).toBe(409);
      expect(enrollAgain.body.error.code).toBe('contact_opted_out');
      expect(sequence.id).not.toBe(other.id);

      const page = await ctx().request('GET', `/unsubscribe/${token}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<h1>You are unsubscribed</h1>');
      expect(page.body).not.toContain('<form');
    });

    test('the page’s button (a browser form POST) answers with a page', async () => {
      const { user, contact, enrollment } = await enrolledContact(ctx());
      const token = await linkOf(ctx(), user.token, contact.email);
      const response = await ctx().request('POST', `/unsubscribe/${token}`, {
        headers: { ...ONE_CLICK, accept: 'text/html,application/xhtml+xml;q=0.9' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(response.status).toBe(200);
      expect(response.body).toContain('<h1>You are unsubscribed</h1>');
      expect((await state(ctx(), user.token, contact.id, enrollment.id)).enrollment.status).toBe(
        'unenrolled',
      );
    });

    test('one-click sent as multipart/form-data works too', async () => {
      const { user, contact, enrollment } = await enrolledContact(ctx());
      const token = await linkOf(ctx(), user.token, contact.email);
      const boundary = 'x-boundary-42';
      const response = await ctx().request('POST', `/unsubscribe/${token}`, {
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      });
      expect(response.status).toBe(200);
      expect((await state(ctx(), user.token, contact.id, enrollment.id)).enrollment.status).toBe(
        'unenrolled',
      );
    });

    test('another body type is 415 naming the ones it takes, and changes nothing', async () => {
      const { user, contact, enrollment } = await enrolledContact(ctx());
      const token = await linkOf(ctx(), user.token, contact.email);
      const response = await ctx().request('POST', `/unsubscribe/${token}`, {
        headers: { 'content-type': 'application/xml' },
        payload: '<unsubscribe/>',
      });
      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('unsupported_media_type');
      expect(response.body.error.message).toContain(
        'send application/x-www-form-urlencoded or multipart/form-data',
      );
      expect((await state(ctx(), user.token, contact.id, enrollment.id)).enrollment.status).toBe('active');
    });

    test('forged, tampered and truncated tokens are refused and change nothing', async () => {
      const { user, contact, enrollment } = await enrolledContact(ctx());
      const token = await linkOf(ctx(), user.token, contact.email);
      const flip = (text: string, i: number) =>
        text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
      const cases: Array<[string, number, string]> = [
        [flip(token, 40), 404, 'not_found'], // the MAC altered
        [flip(token, 5), 404, 'not_found'], // the nonce altered: the MAC no longer matches
        [`1${'A'.repeat(44)}`, 404, 'not_found'], // well formed, never issued
        [token.slice(0, 30), 400, 'invalid_request'], // truncated
        [`${token}A`, 400, 'invalid_request'],
        ['not-a-token', 400, 'invalid_request'],
        [encodeURIComponent(enrollment.id), 400, 'invalid_request'], // a database id is not a token
      ];
      for (const [bad, status, code] of cases) {
        const post = await ctx().request('POST', `/unsubscribe/${bad}`, {
          headers: ONE_CLICK,
          payload: 'List-Unsubscribe=One-Click',
        });
        expect([bad, post.status, post.body.error?.code]).toEqual([bad, status, code]);
        const page = await ctx().request('GET', `/unsubscribe/${bad}`);
        expect([bad, page.status]).toEqual([bad, status]);
        expect(page.body).toContain('<h1>This link does not work</h1>');
        const html = await ctx().request('POST', `/unsubscribe/${bad}`, {
          headers: { ...ONE_CLICK, accept: 'text/html' },
          payload: 'List-Unsubscribe=One-Click',
        });
        expect([bad, html.status]).toEqual([bad, status]);
        expect(html.body).toContain('<html lang="en">');
      }
      const after = await state(ctx(), user.token, contact.id, enrollment.id);
      expect(after.contact.optedOutAt).toBeNull();
      expect(after.enrollment.status).toBe('active');
      expect(after.engagements).toBe(0);
    });

    test('the link belongs to no account: it works without signing in, and only for its own contact', async () => {
      const a = await enrolledContact(ctx());
      const b = await enrolledContact(ctx());
      const token = await linkOf(ctx(), a.user.token, a.contact.email);
      await ctx().request('POST', `/unsubscribe/${token}`, {
        headers: ONE_CLICK,
        payload: 'List-Unsubscribe=One-Click',
      });
      expect((await state(ctx(), a.user.token, a.contact.id, a.enrollment.id)).enrollment.status).toBe(
        'unenrolled',
      );
      expect((await state(ctx(), b.user.token, b.contact.id, b.enrollment.id)).enrollment.status).toBe(
        'active',
      );
    });
  },
  { config: { PUBLIC_URL: 'https://sales.example' } },
);
