import { openPg } from '../../../src/server/db/pg-adapter';
import type { Db } from '../../../src/server/db/port';
import { createGraphConnector } from '../../../src/server/graph';
import { MailboxSyncWorker, mailboxWorkerSettings } from '../../../src/server/mailboxes/sync-worker';
import { describeGraph } from '../../helpers/graph';
import { personEmail } from '../../helpers/mail';

describeGraph('mailbox work claimed in the database', (h) => {
  let second: Db | undefined;
  afterAll(async () => {
    if (second && second !== h().ctx.db) await second.close();
  });

  test('two workers never read the same mailbox at the same time, and between them read every one once', async () => {
    const { ctx, standIn, mailboxes } = h();
    const admin = await h().connectedAdmin();
    const reps = [admin.email];
    for (let n = 0; n < 5; n += 1) {
      const rep = await ctx.newUser({
        tenantId: admin.tenantId,
        email: `rep${n}-${Date.now()}@contoso.example`,
      });
      await ctx.request('GET', '/api/v1/me', { token: rep.token });
      reps.push(rep.email);
    }
    await mailboxes.drain(); // creates the new seats' mailboxes and reads them (empty)
    for (const rep of reps) {
      for (let n = 0; n < 3; n += 1) {
        await standIn.deliver(
          rep,
          personEmail({ from: `lead${n}@northwind.example`, to: rep, subject: `Lead ${n}`, body: 'Hi' }),
        );
      }
    }
    ctx.clock.advance(61_000);
    // On PostgreSQL the second worker has its own connections, as a second process would.
    second = ctx.kind === 'pg' && ctx.database.url ? openPg(ctx.database.url) : ctx.db;
    const one = h().newMailboxWorker({ concurrency: 3 });
    const two = h().newMailboxWorker({ concurrency: 3 }, { deps: { ...ctx.deps, db: second } });
    standIn.setLatency(15);
    try {
      const [a, b] = await Promise.all([one.runOnce(), two.runOnce()]);
      expect(a.synced + b.synced).toBeGreaterThanOrEqual(reps.length);
      expect(a.ingested + b.ingested).toBe(reps.length * 3);
    } finally {
      standIn.setLatency(0);
    }
    for (const rep of reps) expect(standIn.maxInFlight(rep, 'delta')).toBe(1);
    const me = await ctx.request('GET', '/api/v1/me', { token: admin.token });
    const { rows } = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM inbound_messages WHERE account_id = $1::uuid',
      [me.body.accountId],
    );
    expect(rows[0].n).toBe(reps.length * 3);
  });

  test('a mailbox Graph refuses is marked failing, with its error, and the others go on', async () => {
    const { ctx, standIn, mailboxes } = h();
    const admin = await h().connectedAdmin();
    const colleague = await ctx.newUser({
      tenantId: admin.tenantId,
      email: `blocked-${Date.now()}@contoso.example`,
    });
    await ctx.request('GET', '/api/v1/me', { token: colleague.token });
    await mailboxes.drain();
    // Outside the app's application access policy: Graph answers 403 for that mailbox alone.
    standIn.failMailbox(colleague.email, {
      status: 403,
      code: 'ErrorAccessDenied',
      message: 'Access to OData is disabled: the application access policy denies this mailbox.',
    });
    for (const rep of [admin.email, colleague.email])
      await standIn.deliver(
        rep,
        personEmail({ from: 'lead@northwind.example', to: rep, subject: 'Hi', body: 'x' }),
      );
    ctx.clock.advance(61_000);
    const tick = await mailboxes.drain();
    expect(tick.failed).toBe(1);
    const state = await ctx.request('GET', '/api/v1/account/mail-connection', { token: admin.token });
    expect(state.body.state).toBe('connected');
    const byEmail = new Map(state.body.mailboxes.map((m: { email: string }) => [m.email, m]));
    expect(byEmail.get(admin.email)).toMatchObject({ state: 'active', lastError: null });
    expect(byEmail.get(colleague.email)).toMatchObject({ state: 'failing' });
    expect((byEmail.get(colleague.email) as { lastError: { message: string } }).lastError.message).toMatch(
      /403 ErrorAccessDenied/,
    );
    // Backoff: not read again at the next poll… but once Graph lets it in, it recovers.
    standIn.failMailbox(colleague.email, null);
    ctx.clock.advance(2 * 61_000);
    await mailboxes.drain();
    const recovered = await ctx.request('GET', '/api/v1/account/mail-connection', { token: admin.token });
    expect(
      recovered.body.mailboxes.find((m: { email: string }) => m.email === colleague.email),
    ).toMatchObject({
      state: 'active',
      lastError: null,
    });
  });

  test('a tenant whose token is refused: its mailboxes and connection are failing, other accounts go on', async () => {
    const { ctx, standIn, mailboxes } = h();
    const refused = await h().connectedAdmin();
    const fine = await h().connectedAdmin();
    await mailboxes.drain();
    standIn.failTenant(refused.tenantId, true);
    ctx.clock.advance(61_000);
    await standIn.deliver(
      fine.email,
      personEmail({ from: 'lead@northwind.example', to: fine.email, subject: 'Hi', body: 'x' }),
    );
    // A connector of its own: the harness's holds the tenant's token (MSAL caches it for an hour).
    const connector = createGraphConnector(ctx.config.graph, { ca: standIn.ca });
    if (!connector) throw new Error('the Graph connector is not configured');
    const worker = new MailboxSyncWorker(ctx.deps, connector.client, {
      ...mailboxWorkerSettings(ctx.config),
      tickMs: 25,
    });
    try {
      await worker.drain();
    } finally {
      connector.close();
      standIn.failTenant(refused.tenantId, false);
    }
    const bad = await ctx.request('GET', '/api/v1/account/mail-connection', { token: refused.token });
    expect(bad.body.state).toBe('failing');
    expect(bad.body.lastError.message).toMatch(/invalid_client/);
    expect(bad.body.mailboxes[0].state).toBe('failing');
    const good = await ctx.request('GET', '/api/v1/account/mail-connection', { token: fine.token });
    expect(good.body.state).toBe('connected');
    expect(good.body.mailboxes[0]).toMatchObject({ state: 'active', lastError: null });
    const me = await ctx.request('GET', '/api/v1/me', { token: fine.token });
    const { rows } = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM inbound_messages WHERE account_id = $1::uuid',
      [me.body.accountId],
    );
    expect(rows[0].n).toBe(1);
  });
});
