import { describeEachDb } from '../helpers/context';
import { enrolledContact } from '../helpers/fixtures';

describeEachDb('users and the account', (ctx) => {
  test('GET /me describes the caller; PATCH /me changes only their own time zone and signature', async () => {
    const user = await ctx().newUser({ name: 'Riley Rep' });
    const me = await ctx().request('GET', '/api/v1/me', { token: user.token });
    expect(me.body).toMatchObject({
      email: user.email,
      name: 'Riley Rep',
      seat: 'sales',
      tier: 'professional',
      timeZone: 'UTC',
      roles: [],
    });
    const changed = await ctx().request('PATCH', '/api/v1/me', {
      token: user.token,
      body: { timeZone: 'Europe/Berlin', signature: 'Riley' },
    });
    expect(changed.body.timeZone).toBe('Europe/Berlin');
    const bad = await ctx().request('PATCH', '/api/v1/me', {
      token: user.token,
      body: { timeZone: 'Mars/Olympus' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('IANA');
    const seat = await ctx().request('PATCH', '/api/v1/me', { token: user.token, body: { seat: 'none' } });
    expect(seat.status).toBe(400);
    expect((await ctx().request('GET', '/api/v1/me', { token: user.token })).body).toMatchObject({
      seat: 'sales',
      timeZone: 'Europe/Berlin',
    });
  });

  test('an admin removes a user: their token is refused at once, and their enrollments end as owner_removed', async () => {
    const admin = await ctx().newUser({ admin: true });
    const rep = await ctx().newUser({ tenantId: admin.tenantId });
    const { enrollment } = await enrolledContact(ctx(), rep);
    const repId = (await ctx().request('GET', '/api/v1/me', { token: rep.token })).body.id;

    expect((await ctx().request('DELETE', `/api/v1/users/${repId}`, { token: rep.token })).status).toBe(403);
    expect((await ctx().request('DELETE', `/api/v1/users/${repId}`, { token: admin.token })).status).toBe(
      204,
    );

    const refused = await ctx().request('GET', '/api/v1/me', { token: rep.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('user_removed');
    const ended = await ctx().request('GET', `/api/v1/enrollments/${enrollment.id}`, { token: admin.token });
    expect(ended.body.unenrollment).toMatchObject({ reason: 'owner_removed', by: { type: 'user' } });
    const users = await ctx().request('GET', '/api/v1/users', { token: admin.token });
    expect(users.body.items.find((u: { id: string }) => u.id === repId).deletedAt).not.toBeNull();
    const adminId = (await ctx().request('GET', '/api/v1/me', { token: admin.token })).body.id;
    const self = await ctx().request('DELETE', `/api/v1/users/${adminId}`, { token: admin.token });
    expect(self.status).toBe(409);
  });
});
