import type { Queryable } from '../../../src/server/db/port';
import { batchedLookup } from '../../../src/server/contacts/lookup-batch';
import { describeEachDb, type TestContext, type TestUser } from '../../helpers/context';
import { createContact } from '../../helpers/fixtures';

/** The database, counting the statements it is asked to run. */
function counting(db: Queryable): Queryable & { statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    query: (text, values, options) => {
      statements.push(text);
      return db.query(text, values, options);
    },
    exec: (text) => db.exec(text),
  };
}

async function accountOf(ctx: TestContext, contactId: string): Promise<string> {
  const { rows } = await ctx.db.query<{ account_id: string }>(
    'SELECT account_id FROM contacts WHERE id = $1',
    [contactId],
  );
  return rows[0].account_id;
}

describeEachDb('the lookup: concurrent requests answered together', (ctx) => {
  // Two accounts, each with its own contact at the same address.
  let ann: TestUser;
  let bo: TestUser;
  let annsPat: { id: string };
  let bosPat: { id: string };
  let annsOther: { id: string };
  beforeAll(async () => {
    ann = await ctx().newUser();
    bo = await ctx().newUser();
    annsPat = await createContact(ctx(), ann, { email: 'pat@shared.example', aliases: ['p@shared.example'] });
    bosPat = await createContact(ctx(), bo, { email: 'Pat@Shared.example' });
    annsOther = await createContact(ctx(), ann, { email: 'quinn@fabrikam.example' });
  });

  test('asks of one turn make one statement per account, and each ask gets its own answers in order', async () => {
    const db = counting(ctx().db);
    const lookup = batchedLookup(db);
    const [annAccount, boAccount] = await Promise.all([
      accountOf(ctx(), annsPat.id),
      accountOf(ctx(), bosPat.id),
    ]);

    const asks = [
      lookup(annAccount, ['pat@shared.example', 'nobody@shared.example']),
      lookup(boAccount, ['pat@shared.example']),
      lookup(annAccount, ['quinn@fabrikam.example', 'pat@shared.example', 'p@shared.example']),
      lookup(boAccount, ['quinn@fabrikam.example', 'p@shared.example']),
    ];
    const answers = await Promise.all(asks);

    expect(db.statements).toHaveLength(2);
    expect(answers.map((rows) => rows.map((row) => row?.id ?? null))).toEqual([
      [annsPat.id, null],
      [bosPat.id],
      [annsOther.id, annsPat.id, annsPat.id],
      // Bo's account holds neither Ann's contact nor Ann's alias for Pat.
      [null, null],
    ]);

    // Asks of a later turn make statements of their own.
    await lookup(annAccount, ['pat@shared.example']);
    expect(db.statements).toHaveLength(3);
  });

  test('over HTTP, concurrent lookups by two accounts each see only their own account', async () => {
    const ask = (user: TestUser) =>
      ctx().request('POST', '/api/v1/contacts/lookup', {
        token: user.token,
        body: { emails: ['PAT@shared.example', 'quinn@fabrikam.example'] },
      });
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => ask(i % 2 === 0 ? ann : bo)));
    for (const [i, response] of responses.entries()) {
      expect(response.status).toBe(200);
      const ids = response.body.results.map((r: { contact: { id: string } | null }) => r.contact?.id ?? null);
      expect(ids).toEqual(i % 2 === 0 ? [annsPat.id, annsOther.id] : [bosPat.id, null]);
    }
  });

  test('a failed statement fails the asks of its batch, and the next batch is answered', async () => {
    let fail = true;
    const flaky: Queryable = {
      query: (text, values, options) =>
        fail ? Promise.reject(new Error('connection lost')) : ctx().db.query(text, values, options),
      exec: (text) => ctx().db.exec(text),
    };
    const lookup = batchedLookup(flaky);
    const account = await accountOf(ctx(), annsPat.id);
    const failed = await Promise.allSettled([
      lookup(account, ['pat@shared.example']),
      lookup(account, ['quinn@fabrikam.example']),
    ]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect((await lookup(account, ['pat@shared.example']))[0]?.id).toBe(annsPat.id);
  });
});
