import type { TestContext, TestUser } from '../../helpers/context';
import { describeEachDb } from '../../helpers/context';
import { createContact, createSequence, enroll } from '../../helpers/fixtures';
import { personEmail, postEmail, replyTo, sentEmail } from '../../helpers/mail';

async function colleagues(
  ctx: TestContext,
  user: TestUser,
  unenrollSameCompany: boolean,
  domain = 'fabrikam.example',
) {
  const company = (
    await ctx.request('POST', '/api/v1/companies', {
      token: user.token,
      body: { name: 'Fabrikam', domains: [domain] },
    })
  ).body;
  const sequence = await createSequence(ctx, user, { settings: { unenrollSameCompany } });
  const ann = await createContact(ctx, user, { email: `ann@${domain}`, companyId: company.id });
  const bo = await createContact(ctx, user, { email: `bo@${domain}`, companyId: company.id });
  return {
    company,
    ann,
    bo,
    annEnrollment: await enroll(ctx, user, sequence.id, ann.id),
    boEnrollment: await enroll(ctx, user, sequence.id, bo.id),
  };
}

describeEachDb('someone from the same company writes (A5)', (ctx) => {
  const reasonOf = async (user: TestUser, id: string) =>
    (await ctx().request('GET', `/api/v1/enrollments/${id}`, { token: user.token })).body.unenrollment
      ?.reason ?? null;

  test('setting on: the replier gets their own reason, the colleague company_replied', async () => {
    const user = await ctx().newUser();
    const { ann, annEnrollment, boEnrollment } = await colleagues(ctx(), user, true);
    const sent = await sentEmail(ctx(), user, ann.email);
    await postEmail(ctx(), user, replyTo(sent, ann.email, user.email));
    expect(await reasonOf(user, annEnrollment.id)).toBe('replied');
    expect(await reasonOf(user, boEnrollment.id)).toBe('company_replied');
  });

  test('setting off: only the replier is unenrolled', async () => {
    const user = await ctx().newUser();
    const { ann, annEnrollment, boEnrollment } = await colleagues(ctx(), user, false);
    await postEmail(ctx(), user, replyTo(await sentEmail(ctx(), user, ann.email), ann.email, user.email));
    expect(await reasonOf(user, annEnrollment.id)).toBe('replied');
    expect(await reasonOf(user, boEnrollment.id)).toBeNull();
  });

  test('a person from the company domain who is no contact unenrolls the company’s enrolled contacts', async () => {
    const user = await ctx().newUser();
    const { annEnrollment, boEnrollment } = await colleagues(ctx(), user, true);
    await postEmail(
      ctx(),
      user,
      personEmail({
        from: 'ceo@fabrikam.example',
        to: user.email,
        subject: 'Stop emailing my team',
        body: 'Please stop.',
      }),
    );
    expect(await reasonOf(user, annEnrollment.id)).toBe('company_replied');
    expect(await reasonOf(user, boEnrollment.id)).toBe('company_replied');
  });

  test('free-mail addresses never make two people one company', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user, { settings: { unenrollSameCompany: true } });
    const ann = await createContact(ctx(), user, { email: 'ann.lee.private@gmail.com' });
    const bo = await createContact(ctx(), user, { email: 'bo.chen.home@gmail.com' });
    const annEnrollment = await enroll(ctx(), user, sequence.id, ann.id);
    const boEnrollment = await enroll(ctx(), user, sequence.id, bo.id);
    await postEmail(ctx(), user, replyTo(await sentEmail(ctx(), user, ann.email), ann.email, user.email));
    expect(await reasonOf(user, annEnrollment.id)).toBe('replied');
    expect(await reasonOf(user, boEnrollment.id)).toBeNull();
  });

  test('even a company that lists a free-mail domain does not make a gmail stranger a colleague', async () => {
    const user = await ctx().newUser();
    const { boEnrollment } = await colleagues(ctx(), user, true, 'gmail.com');
    await postEmail(
      ctx(),
      user,
      personEmail({ from: 'random.person@gmail.com', to: user.email, subject: 'Hi', body: 'Hello' }),
    );
    expect(await reasonOf(user, boEnrollment.id)).toBeNull();
  });
});
