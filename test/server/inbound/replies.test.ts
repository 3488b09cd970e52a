import { describeEachDb } from '../../helpers/context';
import { createContact, enroll, enrolledContact } from '../../helpers/fixtures';
import { personEmail, postEmail, replyTo, sentEmail } from '../../helpers/mail';

describeEachDb('inbound replies and emails (A1–A4)', (ctx) => {
  const enrollmentOf = async (token: string, id: string) =>
    (await ctx().request('GET', `/api/v1/enrollments/${id}`, { token })).body;

  test('replied: a reply in the thread of a sequence email, from the enrolled address', async () => {
    const { user, sequence, contact, enrollment } = await enrolledContact(ctx());
    const sent = await sentEmail(ctx(), user, contact.email);
    const response = await postEmail(ctx(), user, replyTo(sent, contact.email, user.email));

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      classification: { kind: 'human' },
      duplicate: false,
      actions: expect.arrayContaining([
        { type: 'unenrolled', enrollmentId: enrollment.id, contactId: contact.id, reason: 'replied' },
      ]),
    });
    const after = await enrollmentOf(user.token, enrollment.id);
    expect(after.unenrollment).toMatchObject({ reason: 'replied', by: { type: 'system', id: null } });
    expect(after.unenrollment.detail).toContain(response.body.messageId);
    expect(after.unenrollment.detail).toContain(`Re: ${sent.subject}`);
    const performance = (
      await ctx().request('GET', `/api/v1/sequences/${sequence.id}`, { token: user.token })
    ).body.performance;
    expect(performance).toMatchObject({ replies: 1, emailsSent: 1, unenrolledByReason: { replied: 1 } });
  });

  test('replied: headers missing, matched by sender and subject', async () => {
    const { user, contact, enrollment } = await enrolledContact(ctx());
    const sent = await sentEmail(ctx(), user, contact.email);
    const raw = personEmail({
      from: contact.email.toUpperCase(),
      to: user.email,
      subject: `AW: RE: ${sent.subject}`,
      body: 'Gerne!',
    });
    await postEmail(ctx(), user, raw);
    expect((await enrollmentOf(user.token, enrollment.id)).unenrollment?.reason).toBe('replied');
  });

  test('replied_other_address: a reply in the thread from an address that is not the enrolled one', async () => {
    const { user, contact, enrollment } = await enrolledContact(ctx());
    const sent = await sentEmail(ctx(), user, contact.email);
    await postEmail(ctx(), user, replyTo(sent, 'ann.lee.private@gmail.com', user.email));
    expect((await enrollmentOf(user.token, enrollment.id)).unenrollment?.reason).toBe(
      'replied_other_address',
    );
  });

  test('emailed: a new email (not a reply) from the enrolled address', async () => {
    const { user, contact, enrollment } = await enrolledContact(ctx());
    await postEmail(
      ctx(),
      user,
      personEmail({
        from: contact.email,
        to: user.email,
        subject: 'Pricing question',
        body: 'What does the Pro plan cost?',
      }),
    );
    expect((await enrollmentOf(user.token, enrollment.id)).unenrollment?.reason).toBe('emailed');
  });

  test.each([
    [
      'a recorded alias',
      'ann@fabrikam-holding.example',
      { email: 'ann.lee@fabrikam.example', aliases: ['ann@fabrikam-holding.example'] },
    ],
    ['plus-addressing', 'ann.lee+sales@fabrikam.example', { email: 'ann.lee@fabrikam.example' }],
    ["Gmail's dots", 'a.n.n.l.e.e@gmail.com', { email: 'annlee@gmail.com' }],
    ['googlemail.com for gmail.com', 'annlee@googlemail.com', { email: 'ann.lee@gmail.com' }],
  ])('emailed_from_alias: %s', async (_name, sender, contactBody) => {
    const user = await ctx().newUser();
    const { sequence } = await enrolledContact(ctx(), user);
    const contact = await createContact(ctx(), user, contactBody);
    const enrollment = await enroll(ctx(), user, sequence.id, contact.id);
    await postEmail(
      ctx(),
      user,
      personEmail({ from: sender, to: user.email, subject: 'Another thing', body: 'Quick question.' }),
    );
    expect((await enrollmentOf(user.token, enrollment.id)).unenrollment?.reason).toBe('emailed_from_alias');
  });

  test('a stranger writing in no thread changes nothing', async () => {
    const { user, enrollment } = await enrolledContact(ctx());
    const response = await postEmail(
      ctx(),
      user,
      personEmail({ from: 'someone@northwind.example', to: user.email, subject: 'Hello', body: 'Hi' }),
    );
    expect(response.body.actions).toEqual([]);
    expect((await enrollmentOf(user.token, enrollment.id)).status).toBe('active');
  });

  test('a reply to an ended enrollment counts as a reply but unenrolls nothing again', async () => {
    const { user, sequence, contact, enrollment } = await enrolledContact(ctx());
    const sent = await sentEmail(ctx(), user, contact.email);
    await ctx().request('POST', `/api/v1/enrollments/${enrollment.id}/unenroll`, { token: user.token });
    const response = await postEmail(ctx(), user, replyTo(sent, contact.email, user.email));
    expect(response.body.actions).toEqual([{ type: 'reply_recorded', enrollmentId: enrollment.id }]);
    const after = await enrollmentOf(user.token, enrollment.id);
    expect(after.unenrollment.reason).toBe('manual');
    const performance = (
      await ctx().request('GET', `/api/v1/sequences/${sequence.id}`, { token: user.token })
    ).body.performance;
    expect(performance.replies).toBe(1);
  });

  test("another account's thread is invisible: the same reply posted there changes nothing here", async () => {
    const { user, contact, enrollment } = await enrolledContact(ctx());
    const sent = await sentEmail(ctx(), user, contact.email);
    const stranger = await ctx().newUser();
    const response = await postEmail(ctx(), stranger, replyTo(sent, contact.email, user.email));
    expect(response.body.actions).toEqual([]);
    expect((await enrollmentOf(user.token, enrollment.id)).status).toBe('active');
  });
});
