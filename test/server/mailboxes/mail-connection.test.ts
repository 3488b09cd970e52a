import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { startGraphStandIn } from '../../../src/graph-stand-in/server';
import { loadConfig } from '../../../src/server/config';
import { createGraphConnector } from '../../../src/server/graph';
import { describeEachDb } from '../../helpers/context';
import { describeGraph, GRAPH_CLIENT_ID } from '../../helpers/graph';

describeGraph('connecting an account to Microsoft 365', (h) => {
  test('admins only', async () => {
    const { ctx } = h();
    const rep = await ctx.newUser();
    expect((await ctx.request('GET', '/api/v1/account/mail-connection', { token: rep.token })).status).toBe(
      403,
    );
    expect(
      (await ctx.request('POST', '/api/v1/account/mail-connection/consent', { token: rep.token })).status,
    ).toBe(403);
  });

  test('not connected → the admin-consent link → the callback records consent: connected, every sales seat’s mailbox listed', async () => {
    const { ctx, standIn } = h();
    const admin = await ctx.newUser({ admin: true });
    const before = await ctx.request('GET', '/api/v1/account/mail-connection', { token: admin.token });
    expect(before.body).toMatchObject({
      configured: true,
      state: 'not_connected',
      consentedAt: null,
      sending: 'graph_when_connected',
    });

    const link = await ctx.request('POST', '/api/v1/account/mail-connection/consent', { token: admin.token });
    const url = new URL(link.body.consentUrl);
    expect(url.origin + url.pathname).toBe(`${standIn.authorityHost}/${admin.tenantId}/adminconsent`);
    expect(url.searchParams.get('client_id')).toBe(GRAPH_CLIENT_ID);
    expect(url.searchParams.get('redirect_uri')).toBe('https://sales.example/graph/consent');
    expect(link.body.redirectUri).toBe('https://sales.example/graph/consent');
    expect(
      (await ctx.request('GET', '/api/v1/account/mail-connection', { token: admin.token })).body.state,
    ).toBe('pending');

    const answer = await h().connect(admin);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Microsoft 365 is connected');
    const after = await ctx.request('GET', '/api/v1/account/mail-connection', { token: admin.token });
    expect(after.body.state).toBe('connected');
    expect(after.body.consentedAt).toBe(ctx.clock.now().toISOString());
    expect(after.body.mailboxes).toEqual([
      expect.objectContaining({ email: admin.email, seat: 'sales', state: 'waiting', lastError: null }),
    ]);
  });

  test('a callback with an unknown state changes nothing; one whose tenant is another organisation is refused', async () => {
    const { ctx } = h();
    const admin = await ctx.newUser({ admin: true });
    const forged = await ctx.request(
      'GET',
      `/graph/consent?admin_consent=True&tenant=${admin.tenantId}&state=made-up`,
    );
    expect(forged.status).toBe(400);
    expect(
      (await ctx.request('GET', '/api/v1/account/mail-connection', { token: admin.token })).body.state,
    ).toBe('not_connected');

    const link = await ctx.request('POST', '/api/v1/account/mail-connection/consent', { token: admin.token });
    const state = new URL(link.body.consentUrl).searchParams.get('state');
    const other = await ctx.request(
      'GET',
      `/graph/consent?admin_consent=True&tenant=someone-else&state=${state}`,
    );
    expect(other.status).toBe(400);
    const shown = await ctx.request('GET', '/api/v1/account/mail-connection', { token: admin.token });
    expect(shown.body.state).toBe('pending');
    expect(shown.body.lastError.message).toMatch(/another organisation/);
    // The state is spent: replaying it with the right tenant does not connect.
    const replay = await ctx.request(
      'GET',
      `/graph/consent?admin_consent=True&tenant=${admin.tenantId}&state=${state}`,
    );
    expect(replay.status).toBe(400);
  });

  test('consent declined: the error is shown, nothing is connected', async () => {
    const { ctx } = h();
    const admin = await ctx.newUser({ admin: true });
    const answer = await h().connect(admin, { deny: true });
    expect(answer.status).toBe(400);
    const shown = await ctx.request('GET', '/api/v1/account/mail-connection', { token: admin.token });
    expect(shown.body.state).toBe('pending');
    expect(shown.body.lastError.message).toMatch(/AADSTS65004/);
  });

  test('which mailboxes: every sales seat by default, or the users picked; disconnecting switches them off', async () => {
    const { ctx } = h();
    const admin = await h().connectedAdmin();
    const colleague = await ctx.newUser({
      tenantId: admin.tenantId,
      email: `pick-${Date.now()}@contoso.example`,
    });
    const them = await ctx.request('GET', '/api/v1/me', { token: colleague.token });
    await h().mailboxes.drain();
    let state = await ctx.request('GET', '/api/v1/account/mail-connection', { token: admin.token });
    expect(state.body.mailboxes.map((m: { state: string }) => m.state)).toEqual(['active', 'active']);

    const picked = await ctx.request('PUT', '/api/v1/account/mail-connection/mailboxes', {
      token: admin.token,
      body: { selection: 'selected', userIds: [them.body.id] },
    });
    expect(picked.body.mailboxSelection).toBe('selected');
    expect(picked.body.mailboxes.map((m: { email: string; state: string }) => [m.email, m.state])).toEqual([
      [admin.email, 'off'],
      [colleague.email, 'active'],
    ]);

    expect(
      (await ctx.request('DELETE', '/api/v1/account/mail-connection', { token: admin.token })).status,
    ).toBe(204);
    state = await ctx.request('GET', '/api/v1/account/mail-connection', { token: admin.token });
    expect(state.body.state).toBe('not_connected');
    expect(state.body.mailboxes.every((m: { state: string }) => m.state === 'off')).toBe(true);
  });
});

describeEachDb('Microsoft 365 when the server has no Graph app registration', (ctx) => {
  test('the state says so, and asking for consent is a 409 naming the settings', async () => {
    const admin = await ctx().newUser({ admin: true });
    const state = await ctx().request('GET', '/api/v1/account/mail-connection', { token: admin.token });
    expect(state.body).toMatchObject({
      configured: false,
      state: 'not_connected',
      sending: 'mail_transport',
    });
    const consent = await ctx().request('POST', '/api/v1/account/mail-connection/consent', {
      token: admin.token,
    });
    expect(consent.status).toBe(409);
    expect(consent.body.error.message).toMatch(/GRAPH_CLIENT_ID/);
  });
});

describe('the app’s credential: a certificate instead of a secret', () => {
  test('MSAL signs a client assertion with it; the stand-in verifies it against the certificate', async () => {
    const pems = await generate([{ name: 'commonName', value: 'sales-tools-graph' }], {
      keyType: 'rsa',
      keySize: 2048,
      algorithm: 'sha256',
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'graph-cert-'));
    const file = path.join(dir, 'app.pem');
    writeFileSync(file, `${pems.private}\n${pems.cert}`);
    const standIn = await startGraphStandIn({
      clientId: 'cert-app',
      clientCertificate: pems.cert,
      autoCreateMailboxes: true,
    });
    try {
      const config = loadConfig({
        GRAPH_CLIENT_ID: 'cert-app',
        GRAPH_CERTIFICATE_FILE: file,
        GRAPH_AUTHORITY_HOST: standIn.authorityHost,
        GRAPH_BASE_URL: standIn.baseUrl,
      });
      const connector = createGraphConnector(config.graph, { ca: standIn.ca });
      await connector?.client.checkAccess('tenant-1');
      expect(standIn.tokensIssued()).toBe(1);
      connector?.close();
      // Another certificate is refused.
      const other = await generate([{ name: 'commonName', value: 'impostor' }], {
        keyType: 'rsa',
        keySize: 2048,
        algorithm: 'sha256',
      });
      expect(new X509Certificate(other.cert).fingerprint256).not.toBe(
        new X509Certificate(pems.cert).fingerprint256,
      );
      writeFileSync(file, `${other.private}\n${other.cert}`);
      const impostor = createGraphConnector(config.graph, { ca: standIn.ca });
      await expect(impostor?.client.checkAccess('tenant-1')).rejects.toMatchObject({
        facts: { status: 401, code: 'invalid_client', source: 'token' },
      });
      impostor?.close();
    } finally {
      await standIn.close();
    }
  });
});
