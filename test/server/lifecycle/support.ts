import type { TestContext, TestUser } from '../../helpers/context';

/** Shared by the meeting, workflow, trigger and lifecycle tests. */

export async function userId(ctx: TestContext, user: TestUser): Promise<string> {
  const response = await ctx.request('GET', '/api/v1/me', { token: user.token });
  if (response.status !== 200) throw new Error(`GET /me: ${response.status}`);
  return response.body.id;
}

/** Another user of the same account (tenant). */
export function colleague(
  ctx: TestContext,
  user: TestUser,
  options: { admin?: boolean } = {},
): Promise<TestUser> {
  return ctx.newUser({ tenantId: user.tenantId, admin: options.admin });
}

export async function setTier(ctx: TestContext, admin: TestUser, tier: 'professional' | 'enterprise') {
  const response = await ctx.request('PATCH', '/api/v1/account', { token: admin.token, body: { tier } });
  if (response.status !== 200)
    throw new Error(`PATCH /account: ${response.status} ${JSON.stringify(response.body)}`);
}

export async function getEnrollment(ctx: TestContext, user: TestUser, id: string) {
  const response = await ctx.request('GET', `/api/v1/enrollments/${id}`, { token: user.token });
  if (response.status !== 200) throw new Error(`GET /enrollments/${id}: ${response.status}`);
  return response.body;
}

export async function getSequence(ctx: TestContext, user: TestUser, id: string) {
  const response = await ctx.request('GET', `/api/v1/sequences/${id}`, { token: user.token });
  if (response.status !== 200) throw new Error(`GET /sequences/${id}: ${response.status}`);
  return response.body;
}

/** The Message-ID (no angle brackets) of the enrollment's first sequence email, from its timeline. */
export async function firstMessageId(
  ctx: TestContext,
  user: TestUser,
  enrollmentId: string,
): Promise<string> {
  const enrollment = await getEnrollment(ctx, user, enrollmentId);
  const sent = enrollment.events.find((event: { type: string }) => event.type === 'email_sent');
  if (!sent) throw new Error('no email_sent event');
  return sent.data.messageId;
}

/**
 * Every stored row an unenrollment could touch, for one account: enrollments,
 * their events, engagements and meetings. Compared before and after to show
 * that a refused request, or one made in another account, changed nothing.
 */
export async function accountState(ctx: TestContext, user: TestUser) {
  const account = `(SELECT id FROM accounts WHERE tenant_id = $1::text)`;
  const q = async (sql: string) => (await ctx.db.query(sql, [user.tenantId])).rows;
  return {
    enrollments: await q(`SELECT * FROM enrollments WHERE account_id = ${account} ORDER BY id`),
    events: await q(`SELECT * FROM enrollment_events WHERE account_id = ${account} ORDER BY id`),
    engagements: await q(`SELECT * FROM engagements WHERE account_id = ${account} ORDER BY id`),
    meetings: await q(`SELECT * FROM meetings WHERE account_id = ${account} ORDER BY id`),
  };
}
