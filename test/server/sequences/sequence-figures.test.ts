import type { Queryable } from '../../../src/server/db/port';
import { foldSequenceFigures, listSequenceOverview } from '../../../src/server/sequences/queries';
import type { TestContext, TestUser } from '../../helpers/context';
import { describeEachDb } from '../../helpers/context';
import { createContact, createSequence, enroll } from '../../helpers/fixtures';

/**
 * The sequences' figures kept as they change (migration 0090, issue 15): whatever the writes —
 * enrollments added, paused, unenrolled, moved between sequences, deleted; emails recorded and
 * forgotten; replies — the Manage table's figures equal a count of the rows, before the worker
 * folds the deltas and after.
 */

const FIGURES = [
  'enrolled',
  'active',
  'paused',
  'unenrolled',
  'emails_sent',
  'sent_to',
  'replies',
  'replied',
];

/** Each sequence's figures counted from the rows, as the Manage table read them before 0090. */
async function counted(
  db: Queryable,
  sequenceIds: string[],
): Promise<Record<string, Record<string, number>>> {
  const { rows } = await db.query<Record<string, number> & { id: string }>(
    `SELECT s.id,
            (SELECT count(*) FROM enrollments WHERE sequence_id = s.id)::int AS enrolled,
            (SELECT count(*) FROM enrollments WHERE sequence_id = s.id AND status = 'active')::int AS active,
            (SELECT count(*) FROM enrollments WHERE sequence_id = s.id AND status = 'paused')::int AS paused,
            (SELECT count(*) FROM enrollments WHERE sequence_id = s.id AND status = 'unenrolled')::int AS unenrolled,
            (SELECT count(*) FROM sent_messages WHERE sequence_id = s.id)::int AS emails_sent,
            (SELECT count(DISTINCT enrollment_id) FROM sent_messages WHERE sequence_id = s.id)::int AS sent_to,
            (SELECT count(*) FROM engagements WHERE sequence_id = s.id AND type = 'reply')::int AS replies,
            (SELECT count(DISTINCT enrollment_id) FROM engagements
             WHERE sequence_id = s.id AND type = 'reply')::int AS replied
     FROM sequences s WHERE s.id = ANY($1::uuid[])`,
    [sequenceIds],
  );
  return Object.fromEntries(
    rows.map((row) => [row.id, Object.fromEntries(FIGURES.map((name) => [name, row[name]]))]),
  );
}

async function kept(db: Queryable, accountId: string): Promise<Record<string, Record<string, number>>> {
  const rows = await listSequenceOverview(db, accountId, { limit: 100 });
  return Object.fromEntries(
    rows.map((row) => [
      row.id,
      Object.fromEntries(FIGURES.map((name) => [name, (row as unknown as Record<string, number>)[name]])),
    ]),
  );
}

async function setUp(ctx: TestContext, user: TestUser) {
  const first = await createSequence(ctx, user, { name: 'First' });
  const second = await createSequence(ctx, user, { name: 'Second' });
  const enrollments: Array<{ id: string; contactId: string }> = [];
  for (let i = 0; i < 6; i += 1) {
    const contact = await createContact(ctx, user);
    const sequence = i < 4 ? first : second;
    enrollments.push({ id: (await enroll(ctx, user, sequence.id, contact.id)).id, contactId: contact.id });
  }
  const { rows } = await ctx.db.query<{ account_id: string }>(
    'SELECT account_id FROM sequences WHERE id = $1',
    [first.id],
  );
  return { first, second, enrollments, accountId: rows[0].account_id };
}

describeEachDb('the sequences’ figures, kept as they change', (ctx) => {
  test('equal a count of the rows after every kind of write, folded or not', async () => {
    const user = await ctx().newUser();
    const { first, second, enrollments, accountId } = await setUp(ctx(), user);
    const db = ctx().db;
    const check = async (when: string) => {
      const expected = await counted(db, [first.id, second.id]);
      const actual = await kept(db, accountId);
      for (const id of [first.id, second.id])
        expect({ when, id, figures: actual[id] }).toEqual({ when, id, figures: expected[id] });
    };
    await check('enrolled');

    const [a, b, c, d] = enrollments;
    await ctx().request('POST', `/api/v1/enrollments/${a.id}/pause`, { token: user.token });
    await ctx().request('POST', `/api/v1/enrollments/${b.id}/unenroll`, { token: user.token, body: {} });
    await check('paused and unenrolled');
    expect((await kept(db, accountId))[first.id]).toMatchObject({
      enrolled: 4,
      active: 2,
      paused: 1,
      unenrolled: 1,
    });

    // Emails: two to one enrollment, one to another; then one forgotten (a retry records it afresh).
    const sent = async (enrollmentId: string, contactId: string, sequenceId: string, step: number) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO sent_messages (account_id, enrollment_id, sequence_id, contact_id, step_index, message_id,
                                      from_address, to_address, subject, sent_at)
           VALUES ($1, $2, $3, $4, $5, gen_random_uuid()::text, 'rep@example.com', 'c@example.com', 'Hi', now())
           RETURNING id`,
          [accountId, enrollmentId, sequenceId, contactId, step],
        )
      ).rows[0].id;
    await sent(c.id, c.contactId, first.id, 5);
    const last = await sent(c.id, c.contactId, first.id, 6);
    const only = await sent(d.id, d.contactId, first.id, 5);
    await check('three emails to two enrollments');
    await db.query('DELETE FROM sent_messages WHERE id = ANY($1::uuid[])', [[last, only]]);
    await check('two of them forgotten');

    // Replies: two from one enrollment, one of another kind.
    for (const [type, ref] of [
      ['reply', 'm1'],
      ['reply', 'm2'],
      ['meeting', 'x'],
    ])
      await db.query(
        `INSERT INTO engagements (account_id, enrollment_id, sequence_id, contact_id, type, source_ref, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())`,
        [accountId, c.id, first.id, c.contactId, type, ref],
      );
    await check('two replies');
    expect((await kept(db, accountId))[first.id]).toMatchObject({
      emails_sent: 5, // each enrollment's first email went at once (E1), plus the one kept
      sent_to: 4,
      replies: 2,
      replied: 1,
    });

    await expect(foldSequenceFigures(db)).resolves.toBeGreaterThan(0);
    await check('folded');
    const { rows: left } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sequence_figure_deltas',
    );
    expect(left[0].n).toBe(0);

    // A move between sequences (as an admin's repair would) and a bulk unenroll after the fold.
    await db.query('UPDATE enrollments SET sequence_id = $1 WHERE id = $2', [second.id, a.id]);
    await ctx().request('POST', '/api/v1/enrollments/unenroll', {
      token: user.token,
      body: { sequenceId: second.id, all: true },
    });
    await check('moved, then the second sequence unenrolled');
    await foldSequenceFigures(db);
    await check('folded again');
    expect(await foldSequenceFigures(db)).toBe(0);
  });

  test('a step that changes neither status nor sequence adds no delta', async () => {
    const user = await ctx().newUser();
    const { enrollments } = await setUp(ctx(), user);
    await foldSequenceFigures(ctx().db);
    await ctx().db.query(
      "UPDATE enrollments SET next_step_at = next_step_at + interval '1 hour' WHERE id = $1",
      [enrollments[0].id],
    );
    const { rows } = await ctx().db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sequence_figure_deltas',
    );
    expect(rows[0].n).toBe(0);
  });
});
