import { describeEachDb } from '../../helpers/context';
import { enrolledContact } from '../../helpers/fixtures';
import { OUT_OF_OFFICE_LANGUAGES, outOfOffice, postEmail, replyTo, sentEmail } from '../../helpers/mail';

describeEachDb('out-of-office replies (A13)', (ctx) => {
  test.each(OUT_OF_OFFICE_LANGUAGES)(
    '%s with a return date: paused until that date, never unenrolled',
    async (language) => {
      const { user, contact, enrollment } = await enrolledContact(ctx());
      await ctx().request('PATCH', '/api/v1/me', { token: user.token, body: { timeZone: 'Europe/Berlin' } });
      const sent = await sentEmail(ctx(), user, contact.email);
      const response = await postEmail(
        ctx(),
        user,
        outOfOffice(language, sent, contact.email, user.email, true),
      );

      expect(response.body.classification).toMatchObject({ kind: 'auto_reply', returnDate: '2026-12-07' });
      expect(response.body.actions).toEqual([
        { type: 'paused', enrollmentId: enrollment.id, contactId: contact.id, until: '2026-12-07' },
      ]);
      const after = (
        await ctx().request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: user.token })
      ).body;
      // Midnight of 7 December in the enrolling user's time zone (Berlin, UTC+1 in winter).
      expect(after).toMatchObject({
        status: 'paused',
        pausedUntil: '2026-12-06T23:00:00.000Z',
        unenrollment: null,
      });
      expect(after.events.at(-1)).toMatchObject({ type: 'paused', by: { type: 'system', id: null } });
      expect(after.events.at(-1).detail).toContain('Out of office until 2026-12-07');
    },
  );

  test.each(OUT_OF_OFFICE_LANGUAGES)(
    '%s without a date: nothing changes but a note in the history',
    async (language) => {
      const { user, contact, enrollment } = await enrolledContact(ctx());
      const sent = await sentEmail(ctx(), user, contact.email);
      const response = await postEmail(
        ctx(),
        user,
        outOfOffice(language, sent, contact.email, user.email, false),
      );
      expect(response.body.classification).toMatchObject({ kind: 'auto_reply', returnDate: null });
      expect(response.body.actions).toEqual([{ type: 'auto_reply_noted', enrollmentId: enrollment.id }]);
      const after = (
        await ctx().request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: user.token })
      ).body;
      expect(after).toMatchObject({ status: 'active', unenrollment: null });
    },
  );

  test('outOfOffice "ignore": a dated auto-reply leaves the enrollment running', async () => {
    const { user, contact, enrollment } = await enrolledContact(ctx(), undefined, {
      settings: { outOfOffice: 'ignore' },
    });
    const sent = await sentEmail(ctx(), user, contact.email);
    await postEmail(ctx(), user, outOfOffice('en', sent, contact.email, user.email, true));
    expect(
      (await ctx().request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: user.token })).body.status,
    ).toBe('active');
  });

  test('a human reply that only mentions having been out of office is a reply', async () => {
    const { user, contact, enrollment } = await enrolledContact(ctx());
    const sent = await sentEmail(ctx(), user, contact.email);
    const raw = replyTo(
      sent,
      contact.email,
      user.email,
      'Sorry for the delay, I was out of the office until Monday. Happy to talk next week!',
    );
    const response = await postEmail(ctx(), user, raw);
    expect(response.body.classification.kind).toBe('human');
    expect(
      (await ctx().request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: user.token })).body
        .unenrollment.reason,
    ).toBe('replied');
  });
});
