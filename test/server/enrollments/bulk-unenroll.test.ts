import { randomUUID } from 'node:crypto';
import type { TestContext, TestUser } from '../../helpers/context';
import { describeEachDb } from '../../helpers/context';
import { createContact, createSequence, enroll } from '../../helpers/fixtures';

async function enrollMany(
  ctx: TestContext,
  user: TestUser,
  sequenceId: string,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const contact = await createContact(ctx, user);
    ids.push((await enroll(ctx, user, sequenceId, contact.id)).id);
  }
  return ids;
}

const statuses = async (ctx: TestContext, ids: string[]) =>
  (
    await ctx.db.query<{ status: string }>(
      'SELECT status FROM enrollments WHERE id = ANY($1::uuid[]) ORDER BY id',
      [ids],
    )
  ).rows.map((row) => row.status);

describeEachDb('bulk unenrollment (M5)', (ctx) => {
  test('by ids: counts unenrolled, already unenrolled and unknown; repeats are harmless', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const ids = await enrollMany(ctx(), user, sequence.id, 4);
    await ctx().request('POST', `/api/v1/enrollments/${ids[0]}/unenroll`, { token: user.token });
    const unknown = randomUUID();

    const first = await ctx().request('POST', '/api/v1/enrollments/unenroll', {
      token: user.token,
      body: { ids: [...ids, ids[1], unknown] },
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ unenrolled: 3, alreadyUnenrolled: 1, notFound: 1 });
    expect(await statuses(ctx(), ids)).toEqual(['unenrolled', 'unenrolled', 'unenrolled', 'unenrolled']);

    const again = await ctx().request('POST', '/api/v1/enrollments/unenroll', {
      token: user.token,
      body: { ids },
    });
    expect(again.body).toEqual({ unenrolled: 0, alreadyUnenrolled: 4, notFound: 0 });
    const { rows } = await ctx().db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enrollment_events WHERE enrollment_id = ANY($1::uuid[]) AND type = 'unenrolled'`,
      [ids],
    );
    expect(rows[0].n).toBe(4);
  });

  test('by sequence, all matching: every current enrollment of that sequence and no other', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const other = await createSequence(ctx(), user);
    const ids = await enrollMany(ctx(), user, sequence.id, 3);
    const others = await enrollMany(ctx(), user, other.id, 2);
    await ctx().request('POST', `/api/v1/enrollments/${ids[2]}/pause`, { token: user.token });

    const pausedOnly = await ctx().request('POST', '/api/v1/enrollments/unenroll', {
      token: user.token,
      body: { sequenceId: sequence.id, all: true, status: 'paused' },
    });
    expect(pausedOnly.body).toEqual({ unenrolled: 1, alreadyUnenrolled: 0, notFound: 0 });
    const all = await ctx().request('POST', '/api/v1/enrollments/unenroll', {
      token: user.token,
      body: { sequenceId: sequence.id, all: true },
    });
    // The enrollment unenrolled by the first request is not one this request matched: "already
    // unenrolled" counts only enrollments a request named or matched (issue 10).
    expect(all.body).toEqual({ unenrolled: 2, alreadyUnenrolled: 0, notFound: 0 });
    expect(await statuses(ctx(), others)).toEqual(['active', 'active']);
  });

  test('refuses more than 10,000 ids, an empty list, and malformed ids, changing nothing', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const ids = await enrollMany(ctx(), user, sequence.id, 1);
    const tooMany = Array.from({ length: 10_001 }, () => randomUUID());
    for (const body of [
      { ids: [...ids, ...tooMany] },
      { ids: [] },
      { ids: [...ids, 'not-a-uuid'] },
      { sequenceId: sequence.id },
    ]) {
      const response = await ctx().request('POST', '/api/v1/enrollments/unenroll', {
        token: user.token,
        body,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
    }
    expect(await statuses(ctx(), ids)).toEqual(['active']);
  });

  test('10,000 ids in one call are accepted', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const ids = await enrollMany(ctx(), user, sequence.id, 2);
    const filler = Array.from({ length: 9_998 }, () => randomUUID());
    const response = await ctx().request('POST', '/api/v1/enrollments/unenroll', {
      token: user.token,
      body: { ids: [...ids, ...filler] },
    });
    expect(response.body).toEqual({ unenrolled: 2, alreadyUnenrolled: 0, notFound: 9_998 });
  });
});
