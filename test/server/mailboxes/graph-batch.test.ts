import https from 'node:https';
import { GraphError } from '../../../src/server/graph';
import { describeGraph, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET } from '../../helpers/graph';
import { personEmail } from '../../helpers/mail';

/** POST over HTTPS trusting the stand-in. */
function post(
  url: string,
  ca: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: 'POST', ca, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

describeGraph('fetching messages’ MIME in JSON batches', (h) => {
  const tenant = 'batch-tenant';

  async function inboundCount(accountToken: string): Promise<number> {
    const { ctx } = h();
    const me = await ctx.request('GET', '/api/v1/me', { token: accountToken });
    const { rows } = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM inbound_messages WHERE account_id = $1::uuid',
      [me.body.accountId],
    );
    return rows[0].n;
  }

  test('each request of a batch has its own answer: MIME byte for byte, 404, and a 429 with its Retry-After', async () => {
    const { standIn, graph } = h();
    const user = 'batch-contract@contoso.example';
    const raw = personEmail({
      from: 'zoë@northwind.example',
      to: user,
      subject: 'Prix — 20 sièges',
      body: 'Ça va ?',
    });
    const stored = await standIn.deliver(user, raw);
    const answers = await graph.client.messageMimes(tenant, user, [stored.id, 'no-such-message']);
    expect(Buffer.isBuffer(answers.get(stored.id))).toBe(true);
    expect((answers.get(stored.id) as Buffer).equals(Buffer.from(raw))).toBe(true);
    const missing = answers.get('no-such-message');
    expect(missing).toBeInstanceOf(GraphError);
    expect((missing as GraphError).facts).toMatchObject({ status: 404, code: 'ErrorItemNotFound' });

    standIn.throttle({ operation: 'value', user, times: 1, status: 429, retryAfterSeconds: 7 });
    const throttled = (await graph.client.messageMimes(tenant, user, [stored.id])).get(stored.id);
    expect(throttled).toBeInstanceOf(GraphError);
    expect((throttled as GraphError).facts).toMatchObject({ status: 429, retryAfterMs: 7000 });
  });

  test('the stand-in refuses a batch of more than 20, a repeated id, or no token, as Graph does', async () => {
    const { standIn } = h();
    const token = await post(
      `${standIn.url}/${tenant}/oauth2/v2.0/token`,
      standIn.ca,
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: GRAPH_CLIENT_ID,
        client_secret: GRAPH_CLIENT_SECRET,
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    const batch = (requests: unknown[], authorization = `Bearer ${token.body.access_token}`) =>
      post(`${standIn.baseUrl}/$batch`, standIn.ca, JSON.stringify({ requests }), {
        'content-type': 'application/json',
        authorization,
      });
    const step = (id: string) => ({
      id,
      method: 'GET',
      url: '/users/someone@contoso.example/messages/x/$value',
    });
    const tooMany = await batch(Array.from({ length: 21 }, (_, n) => step(String(n + 1))));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('BadRequest');
    expect((await batch([step('1'), step('1')])).status).toBe(400);
    expect((await batch([step('1')], '')).status).toBe(401);
    const one = await batch([step('1')]);
    expect(one.status).toBe(200);
    expect(one.body.responses).toEqual([
      expect.objectContaining({
        id: '1',
        status: 404,
        body: expect.objectContaining({ error: expect.anything() }),
      }),
    ]);
  });

  test('a request throttled inside a batch postpones the mailbox; the page is read again, nothing lost, nothing twice', async () => {
    const { ctx, standIn, mailboxes } = h();
    const rep = await h().connectedAdmin();
    await mailboxes.drain(); // the first, empty round
    const count = 25; // one page, two batches (20 + 5)
    for (let n = 0; n < count; n += 1)
      await standIn.deliver(
        rep.email,
        personEmail({
          from: `lead-${n}@northwind.example`,
          to: rep.email,
          subject: `Question ${n}`,
          body: 'Hi',
        }),
      );
    ctx.clock.advance(61_000);
    const batches = () => standIn.requests.filter((r) => r.operation === 'batch').length;
    const before = batches();
    // The fourth $value of the round is answered 429 inside its batch.
    standIn.throttle({
      operation: 'value',
      user: rep.email,
      after: 3,
      times: 1,
      status: 429,
      retryAfterSeconds: 30,
    });
    expect((await mailboxes.drain()).throttled).toBe(1);
    // The first batch's other 19 are in; the second, fetched ahead, is not taken.
    expect(await inboundCount(rep.token)).toBe(19);
    expect(batches() - before).toBe(2);

    ctx.clock.advance(31_000);
    const tick = await mailboxes.drain();
    expect(tick.throttled).toBe(0);
    expect(await inboundCount(rep.token)).toBe(count);
    expect(batches() - before).toBe(4);
    const me = await ctx.request('GET', '/api/v1/me', { token: rep.token });
    const { rows } = await ctx.db.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT message_id)::int AS distinct
       FROM inbound_messages WHERE account_id = $1::uuid`,
      [me.body.accountId],
    );
    expect(rows[0]).toEqual({ n: count, distinct: count });
  });
});
