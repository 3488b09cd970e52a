import { randomUUID } from 'node:crypto';
import { describeEachDb, type TestContext, type TestUser } from '../../helpers/context';
import { createContact, createSequence, enroll, enrolledContact } from '../../helpers/fixtures';
import { accountState, colleague, getEnrollment, getSequence, userId } from './support';

/**
 * A sequence of `owner` with three enrollments: active, paused, and one
 * unenrolled by hand earlier (its first reason must survive), plus a meeting
 * engagement so that every performance figure is non-zero.
 */
async function populatedSequence(ctx: TestContext, owner: TestUser, enroller: TestUser = owner) {
  const sequence = await createSequence(ctx, owner);
  const [active, paused, ended] = await Promise.all(
    [0, 1, 2].map(async () => enroll(ctx, enroller, sequence.id, (await createContact(ctx, owner)).id)),
  );
  await ctx.request('POST', `/api/v1/enrollments/${paused.id}/pause`, { token: enroller.token });
  await ctx.request('POST', `/api/v1/enrollments/${ended.id}/unenroll`, {
    token: enroller.token,
    body: { detail: 'Asked us to stop' },
  });
  await ctx.request('POST', '/api/v1/inbound/meetings', {
    token: owner.token,
    body: {
      externalId: randomUUID(),
      source: 'calendar',
      organizerUserId: await userId(ctx, enroller),
      contactIds: [ended.contactId, active.contactId],
      attendeeEmails: [],
      startsAt: '2026-03-20T15:00:00Z',
    },
  });
  // The meeting unenrolled `active`: enroll a fresh one so that there is an active enrollment again.
  const fresh = await enroll(ctx, enroller, sequence.id, (await createContact(ctx, owner)).id);
  return { sequence, active: fresh, paused, ended };
}

/** The history a lifecycle change must leave exactly as it was (E3), and the timelines it may only append to (E4). */
async function history(ctx: TestContext, user: TestUser, sequenceId: string, enrollmentIds: string[]) {
  const { performance } = await getSequence(ctx, user, sequenceId);
  const { enrolled, emailsSent, replies, meetings, bounces } = performance;
  return {
    figures: { enrolled, emailsSent, replies, meetings, bounces },
    timelines: await Promise.all(
      enrollmentIds.map(async (id) => (await getEnrollment(ctx, user, id)).events),
    ),
  };
}

function expectHistoryKept(
  before: Awaited<ReturnType<typeof history>>,
  after: Awaited<ReturnType<typeof history>>,
  appended: number[],
) {
  expect(after.figures).toEqual(before.figures);
  after.timelines.forEach((events, index) => {
    expect(events.slice(0, before.timelines[index].length)).toEqual(before.timelines[index]);
    expect(events.length - before.timelines[index].length).toBe(appended[index]);
  });
}

describeEachDb('lifecycle (A12, E3, E4)', (ctx) => {
  describe('DELETE /sequences/:id', () => {
    test('the owner deletes: active and paused enrollments end (sequence_deleted, who and why); history intact', async () => {
      const owner = await ctx().newUser();
      const { sequence, active, paused, ended } = await populatedSequence(ctx(), owner);
      const unrelated = await enrolledContact(ctx(), owner);
      const ids = [active.id, paused.id, ended.id];
      const before = await history(ctx(), owner, sequence.id, ids);

      const response = await ctx().request('DELETE', `/api/v1/sequences/${sequence.id}`, {
        token: owner.token,
      });

      expect(response.status).toBe(204);
      for (const id of [active.id, paused.id]) {
        expect((await getEnrollment(ctx(), owner, id)).unenrollment).toEqual({
          reason: 'sequence_deleted',
          at: ctx().clock.now().toISOString(),
          by: { type: 'user', id: await userId(ctx(), owner) },
          detail: `The sequence "${sequence.name}" was deleted`,
        });
      }
      expect((await getEnrollment(ctx(), owner, ended.id)).unenrollment).toMatchObject({
        reason: 'manual',
        detail: 'Asked us to stop',
      });
      expectHistoryKept(before, await history(ctx(), owner, sequence.id, ids), [1, 1, 0]);
      const deleted = await getSequence(ctx(), owner, sequence.id);
      expect(deleted.deletedAt).toBe(ctx().clock.now().toISOString());
      expect(deleted.performance).toMatchObject({
        active: 0,
        paused: 0,
        unenrolledByReason: { manual: 1, meeting_booked: 1, sequence_deleted: 2 },
      });
      expect((await getEnrollment(ctx(), owner, unrelated.enrollment.id)).status).toBe('active');
      // Gone from the list, still there by id; a second delete finds nothing to delete.
      const list = await ctx().request('GET', '/api/v1/sequences', { token: owner.token });
      expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(sequence.id);
      const again = await ctx().request('DELETE', `/api/v1/sequences/${sequence.id}`, { token: owner.token });
      expect(again.status).toBe(404);
    });

    test('a colleague who is not an admin may not (403, nothing changes); an admin may', async () => {
      const owner = await ctx().newUser();
      const { sequence, active } = await populatedSequence(ctx(), owner);
      const rep = await colleague(ctx(), owner);
      const admin = await colleague(ctx(), owner, { admin: true });
      const state = await accountState(ctx(), owner);

      const refused = await ctx().request('DELETE', `/api/v1/sequences/${sequence.id}`, { token: rep.token });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      expect(await accountState(ctx(), owner)).toEqual(state);
      expect((await getSequence(ctx(), owner, sequence.id)).deletedAt).toBeNull();

      const allowed = await ctx().request('DELETE', `/api/v1/sequences/${sequence.id}`, {
        token: admin.token,
      });
      expect(allowed.status).toBe(204);
      expect((await getEnrollment(ctx(), owner, active.id)).unenrollment.by).toEqual({
        type: 'user',
        id: await userId(ctx(), admin),
      });
    });

    test('another account: 404 and nothing changes', async () => {
      const owner = await ctx().newUser();
      const { sequence } = await populatedSequence(ctx(), owner);
      const strangerAdmin = await ctx().newUser({ admin: true });
      const state = await accountState(ctx(), owner);
      const response = await ctx().request('DELETE', `/api/v1/sequences/${sequence.id}`, {
        token: strangerAdmin.token,
      });
      expect(response.status).toBe(404);
      expect(await accountState(ctx(), owner)).toEqual(state);
    });
  });

  describe('the owner removed or downgraded', () => {
    test('DELETE /users/:id ends the enrollments of the sequences they created, whoever enrolled them', async () => {
      const admin = await ctx().newUser({ admin: true });
      const owner = await colleague(ctx(), admin);
      const other = await colleague(ctx(), admin);
      const ownersSequence = await populatedSequence(ctx(), owner, other);
      const enrolledByOwnerElsewhere = await populatedSequence(ctx(), other, owner);
      const ids = [ownersSequence.active.id, ownersSequence.paused.id, ownersSequence.ended.id];
      const before = await history(ctx(), admin, ownersSequence.sequence.id, ids);
      const ownerId = await userId(ctx(), owner);

      const response = await ctx().request('DELETE', `/api/v1/users/${ownerId}`, { token: admin.token });

      expect(response.status).toBe(204);
      for (const id of [ownersSequence.active.id, ownersSequence.paused.id]) {
        expect((await getEnrollment(ctx(), admin, id)).unenrollment).toMatchObject({
          reason: 'owner_removed',
          by: { type: 'user', id: await userId(ctx(), admin) },
          detail: `The sequence's owner ${owner.email} was removed from the account`,
        });
      }
      expectHistoryKept(before, await history(ctx(), admin, ownersSequence.sequence.id, ids), [1, 1, 0]);
      // Enrollments the removed user made in someone else's sequence are not theirs to end.
      expect((await getEnrollment(ctx(), admin, enrolledByOwnerElsewhere.active.id)).status).toBe('active');
      // The removed user can no longer sign in.
      expect((await ctx().request('GET', '/api/v1/me', { token: owner.token })).body.error.code).toBe(
        'user_removed',
      );
    });

    test('PATCH /users/:id {seat:"none"} ends them as owner_downgraded; giving the seat back restores nothing', async () => {
      const admin = await ctx().newUser({ admin: true });
      const owner = await colleague(ctx(), admin);
      const { sequence, active, paused } = await populatedSequence(ctx(), owner);
      const ownerId = await userId(ctx(), owner);

      const downgraded = await ctx().request('PATCH', `/api/v1/users/${ownerId}`, {
        token: admin.token,
        body: { seat: 'none' },
      });
      expect(downgraded.status).toBe(200);
      expect(downgraded.body.seat).toBe('none');
      for (const id of [active.id, paused.id]) {
        expect((await getEnrollment(ctx(), admin, id)).unenrollment).toMatchObject({
          reason: 'owner_downgraded',
          by: { type: 'user', id: await userId(ctx(), admin) },
          detail: `The sequence's owner ${owner.email} lost their sales seat`,
        });
      }
      const state = await accountState(ctx(), admin);
      await ctx().request('PATCH', `/api/v1/users/${ownerId}`, {
        token: admin.token,
        body: { seat: 'sales' },
      });
      await ctx().request('PATCH', `/api/v1/users/${ownerId}`, {
        token: admin.token,
        body: { seat: 'none' },
      });
      expect((await accountState(ctx(), admin)).events).toEqual(state.events);
      expect(
        (await getSequence(ctx(), admin, sequence.id)).performance.unenrolledByReason.owner_downgraded,
      ).toBe(2);
    });

    test('admin only (403 for a rep), not yourself (409), not another account’s user (404); nothing changes', async () => {
      const admin = await ctx().newUser({ admin: true });
      const owner = await colleague(ctx(), admin);
      await populatedSequence(ctx(), owner);
      const ownerId = await userId(ctx(), owner);
      const strangerAdmin = await ctx().newUser({ admin: true });
      const state = await accountState(ctx(), admin);

      const attempts = [
        [owner.token, 'DELETE', `/api/v1/users/${ownerId}`, undefined, 403],
        [owner.token, 'PATCH', `/api/v1/users/${ownerId}`, { seat: 'none' }, 403],
        [admin.token, 'DELETE', `/api/v1/users/${await userId(ctx(), admin)}`, undefined, 409],
        [strangerAdmin.token, 'DELETE', `/api/v1/users/${ownerId}`, undefined, 404],
        [strangerAdmin.token, 'PATCH', `/api/v1/users/${ownerId}`, { seat: 'none' }, 404],
        [admin.token, 'DELETE', `/api/v1/users/${randomUUID()}`, undefined, 404],
      ] as const;
      for (const [token, method, url, body, expected] of attempts) {
        const response = await ctx().request(method, url, { token, body });
        expect([method, url, response.status]).toEqual([method, url, expected]);
      }
      expect(await accountState(ctx(), admin)).toEqual(state);
    });
  });

  describe('DELETE /contacts/:id', () => {
    test('ends the contact’s enrollment (contact_deleted); the enrollment and its timeline stay readable', async () => {
      const { user, sequence, contact, enrollment } = await enrolledContact(ctx());
      const neighbour = await enrolledContact(ctx(), user);
      const before = await history(ctx(), user, sequence.id, [enrollment.id]);

      const response = await ctx().request('DELETE', `/api/v1/contacts/${contact.id}`, { token: user.token });

      expect(response.status).toBe(204);
      const after = await getEnrollment(ctx(), user, enrollment.id);
      expect(after.unenrollment).toMatchObject({
        reason: 'contact_deleted',
        by: { type: 'user', id: await userId(ctx(), user) },
        detail: `The contact ${contact.email} was deleted`,
      });
      expectHistoryKept(before, await history(ctx(), user, sequence.id, [enrollment.id]), [1]);
      const listed = await ctx().request('GET', `/api/v1/enrollments?contactId=${contact.id}`, {
        token: user.token,
      });
      expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([enrollment.id]);
      expect(
        (await ctx().request('GET', `/api/v1/contacts/${contact.id}`, { token: user.token })).status,
      ).toBe(404);
      expect((await getEnrollment(ctx(), user, neighbour.enrollment.id)).status).toBe('active');
    });

    test('another account: 404 and nothing changes', async () => {
      const { user, contact } = await enrolledContact(ctx());
      const stranger = await ctx().newUser();
      const state = await accountState(ctx(), user);
      const response = await ctx().request('DELETE', `/api/v1/contacts/${contact.id}`, {
        token: stranger.token,
      });
      expect(response.status).toBe(404);
      expect(await accountState(ctx(), user)).toEqual(state);
    });
  });

  test('isolation: every lifecycle change of one account leaves another account exactly as it was', async () => {
    const theirs = await ctx().newUser({ admin: true });
    const theirOwner = await colleague(ctx(), theirs);
    await populatedSequence(ctx(), theirOwner);
    await populatedSequence(ctx(), theirs);
    const theirState = await accountState(ctx(), theirs);

    const admin = await ctx().newUser({ admin: true });
    const owner = await colleague(ctx(), admin);
    const downgraded = await colleague(ctx(), admin);
    const a = await populatedSequence(ctx(), admin);
    await populatedSequence(ctx(), owner);
    await populatedSequence(ctx(), downgraded);
    const { contact } = await enrolledContact(ctx(), admin);

    expect(
      (await ctx().request('DELETE', `/api/v1/sequences/${a.sequence.id}`, { token: admin.token })).status,
    ).toBe(204);
    expect(
      (await ctx().request('DELETE', `/api/v1/users/${await userId(ctx(), owner)}`, { token: admin.token }))
        .status,
    ).toBe(204);
    expect(
      (
        await ctx().request('PATCH', `/api/v1/users/${await userId(ctx(), downgraded)}`, {
          token: admin.token,
          body: { seat: 'none' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await ctx().request('DELETE', `/api/v1/contacts/${contact.id}`, { token: admin.token })).status,
    ).toBe(204);

    const mine = await accountState(ctx(), admin);
    expect(mine.enrollments.filter((e) => e.status !== 'unenrolled')).toEqual([]);
    expect(await accountState(ctx(), theirs)).toEqual(theirState);
  });
});
