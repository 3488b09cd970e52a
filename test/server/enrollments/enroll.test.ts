import { createContact, createSequence, enroll, enrolledContact } from '../../helpers/fixtures';
import { describeEachDb } from '../../helpers/context';

describeEachDb('enrolling (E1, E2)', (ctx) => {
  test('runs the first step at once: the email is rendered and lands in the outbox', async () => {
    const user = await ctx().newUser();
    const company = await ctx().request('POST', '/api/v1/companies', {
      token: user.token,
      body: { name: 'Fabrikam', domains: ['fabrikam.example'] },
    });
    const sequence = await createSequence(ctx(), user);
    const contact = await createContact(ctx(), user, { firstName: 'Ann', companyId: company.body.id });

    const enrollment = await enroll(ctx(), user, sequence.id, contact.id);

    expect(enrollment).toMatchObject({ status: 'active', currentStep: 1, totalSteps: 2, unenrollment: null });
    const dueIn = new Date(enrollment.nextStepAt).getTime() - ctx().clock.now().getTime();
    expect(dueIn).toBe(24 * 60 * 60 * 1000);
    const outbox = await ctx().request('GET', `/api/v1/outbox?to=${contact.email}`, { token: user.token });
    expect(outbox.body.items).toHaveLength(1);
    expect(outbox.body.items[0]).toMatchObject({
      to: contact.email,
      subject: 'Hello Ann',
      // The body, then the unsubscribe link every sequence email ends with (A7).
      text: expect.stringMatching(
        /^Hi Ann at Fabrikam\n\nUnsubscribe: http:\/\/localhost:3000\/unsubscribe\/\S+$/,
      ),
      enrollmentId: enrollment.id,
    });
  });

  test('an enrolled contact cannot be enrolled again: 409 with the current enrollment', async () => {
    const { user, contact, enrollment } = await enrolledContact(ctx());
    const other = await createSequence(ctx(), user);
    const response = await ctx().request('POST', '/api/v1/enrollments', {
      token: user.token,
      body: { sequenceId: other.id, contactId: contact.id },
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('contact_enrolled');
    expect(response.body.enrollment.id).toBe(enrollment.id);
  });

  test('two enrolls racing for one contact: exactly one wins', async () => {
    const user = await ctx().newUser();
    const [a, b] = [await createSequence(ctx(), user), await createSequence(ctx(), user)];
    const contact = await createContact(ctx(), user);
    const results = await Promise.all(
      [a, b, a, b].map((sequence) =>
        ctx().request('POST', '/api/v1/enrollments', {
          token: user.token,
          body: { sequenceId: sequence.id, contactId: contact.id },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });
});
