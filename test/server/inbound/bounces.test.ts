import type { TestUser } from '../../helpers/context';
import { describeEachDb } from '../../helpers/context';
import { createContact, enrolledContact } from '../../helpers/fixtures';
import { dsnBounce, gmailBounce, postEmail, sentEmail } from '../../helpers/mail';

describeEachDb('bounces (A8)', (ctx) => {
  const enrollmentOf = async (user: TestUser, id: string) =>
    (await ctx().request('GET', `/api/v1/enrollments/${id}`, { token: user.token })).body;

  test('a hard bounce (RFC 3464, 5.1.1) unenrolls as bounced and refuses the address for new enrollments', async () => {
    const { user, sequence, contact, enrollment } = await enrolledContact(ctx());
    const sent = await sentEmail(ctx(), user, contact.email);
    const response = await postEmail(
      ctx(),
      user,
      dsnBounce({
        failed: contact.email,
        status: '5.1.1',
        diagnostic: '550 5.1.1 <x>: Recipient address rejected: User unknown',
        original: sent,
      }),
    );
    expect(response.body.classification.kind).toBe('bounce');
    expect(response.body.actions).toEqual(
      expect.arrayContaining([
        {
          type: 'bounce_recorded',
          address: contact.email.toLowerCase(),
          severity: 'hard',
          addressRefused: true,
        },
        { type: 'unenrolled', enrollmentId: enrollment.id, contactId: contact.id, reason: 'bounced' },
      ]),
    );
    const after = await enrollmentOf(user, enrollment.id);
    expect(after.unenrollment).toMatchObject({ reason: 'bounced', by: { type: 'system' } });
    expect(after.unenrollment.detail).toContain('5.1.1');
    expect(
      (await ctx().request('GET', `/api/v1/contacts/${contact.id}`, { token: user.token })).body.bouncedAt,
    ).not.toBeNull();
    const again = await ctx().request('POST', '/api/v1/enrollments', {
      token: user.token,
      body: { sequenceId: sequence.id, contactId: contact.id },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('address_bounced');
    const performance = (
      await ctx().request('GET', `/api/v1/sequences/${sequence.id}`, { token: user.token })
    ).body.performance;
    expect(performance.bounces).toBe(1);

    // The address stays refused even for a new contact that takes it over.
    await ctx().request('DELETE', `/api/v1/contacts/${contact.id}`, { token: user.token });
    const newcomer = await createContact(ctx(), user, { email: contact.email });
    const refused = await ctx().request('POST', '/api/v1/enrollments', {
      token: user.token,
      body: { sequenceId: sequence.id, contactId: newcomer.id },
    });
    expect(refused.body.error.code).toBe('address_bounced');
  });

  test('a Gmail prose bounce naming the address is a hard bounce too', async () => {
    const { user, contact, enrollment } = await enrolledContact(ctx());
    const sent = await sentEmail(ctx(), user, contact.email);
    await postEmail(ctx(), user, gmailBounce(contact.email, sent));
    expect((await enrollmentOf(user, enrollment.id)).unenrollment?.reason).toBe('bounced');
  });

  test('soft bounces (4.2.2) are counted: the third within seven days unenrolls', async () => {
    const { user, contact, enrollment } = await enrolledContact(ctx());
    const sent = await sentEmail(ctx(), user, contact.email);
    const soft = () =>
      dsnBounce({
        failed: contact.email,
        status: '4.2.2',
        diagnostic: '452 4.2.2 Mailbox full',
        original: sent,
      });
    for (let i = 1; i <= 2; i += 1) {
      const response = await postEmail(ctx(), user, soft());
      expect(response.body.actions).toEqual([
        {
          type: 'bounce_recorded',
          address: contact.email.toLowerCase(),
          severity: 'soft',
          addressRefused: false,
        },
      ]);
      expect((await enrollmentOf(user, enrollment.id)).status).toBe('active');
      ctx().clock.advance(24 * 60 * 60 * 1000);
    }
    const third = await postEmail(ctx(), user, soft());
    expect(third.body.actions).toContainEqual({
      type: 'unenrolled',
      enrollmentId: enrollment.id,
      contactId: contact.id,
      reason: 'bounced',
    });
    expect((await enrollmentOf(user, enrollment.id)).unenrollment.detail).toContain(
      '3 soft bounces in 7 days',
    );
  });

  test('soft bounces spread over more than the window do not add up', async () => {
    const { user, contact, enrollment } = await enrolledContact(ctx());
    const sent = await sentEmail(ctx(), user, contact.email);
    for (let i = 0; i < 3; i += 1) {
      await postEmail(
        ctx(),
        user,
        dsnBounce({
          failed: contact.email,
          status: '4.4.1',
          diagnostic: '421 4.4.1 Timeout',
          original: sent,
        }),
      );
      ctx().clock.advance(4 * 24 * 60 * 60 * 1000);
    }
    expect((await enrollmentOf(user, enrollment.id)).status).toBe('active');
  });

  test('a bounce about an address nobody holds changes no enrollment', async () => {
    const { user, contact, enrollment } = await enrolledContact(ctx());
    const sent = await sentEmail(ctx(), user, contact.email);
    await postEmail(
      ctx(),
      user,
      dsnBounce({
        failed: 'other@northwind.example',
        status: '5.1.1',
        diagnostic: 'User unknown',
        original: sent,
      }),
    );
    expect((await enrollmentOf(user, enrollment.id)).status).toBe('active');
  });
});
