import { listContacts, prefixRange } from '../../../src/server/contacts/queries';
import type { Db, Queryable, QueryOptions } from '../../../src/server/db/port';
import {
  listEnrollments,
  listScheduled,
  nextChunkSize,
  unenrollInChunks,
} from '../../../src/server/lifecycle';
import type { TestContext, TestUser } from '../../helpers/context';
import { describeEachDb } from '../../helpers/context';
import { recordSends } from '../../../src/server/steps/queries';
import { createContact, createSequence, enroll } from '../../helpers/fixtures';

/** What the scale work (issue 15) changed on the user-facing paths, on both databases. */

async function enrollMany(ctx: TestContext, user: TestUser, sequenceId: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const contact = await createContact(ctx, user);
    ids.push((await enroll(ctx, user, sequenceId, contact.id)).id);
  }
  return ids;
}

async function accountOf(ctx: TestContext, enrollmentId: string): Promise<string> {
  const { rows } = await ctx.db.query<{ account_id: string }>(
    'SELECT account_id FROM enrollments WHERE id = $1',
    [enrollmentId],
  );
  return rows[0].account_id;
}

/** The database, counting the transactions begun on it. */
function countingTransactions(db: Db): { db: Db; count: () => number } {
  let n = 0;
  return {
    db: {
      ...db,
      transaction: (fn) => {
        n += 1;
        return db.transaction(fn);
      },
    },
    count: () => n,
  };
}

/** The plan of `sql`, with sequential scans priced out: which index fits the query. */
async function planOf(db: Db, sql: string, values: unknown[]): Promise<string> {
  let plan = '';
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_seqscan = off');
    const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, values);
    plan = rows.map((row) => row['QUERY PLAN']).join('\n');
  });
  return plan;
}

/** The statements a query function sends (text, values, options), answered with no rows. */
function recording(): {
  db: Queryable;
  sent: Array<{ text: string; values: unknown[]; options?: QueryOptions }>;
} {
  const sent: Array<{ text: string; values: unknown[]; options?: QueryOptions }> = [];
  return {
    sent,
    db: {
      query: async (text, values = [], options) => {
        sent.push({ text, values, options });
        return { rows: [], rowCount: 0 };
      },
      exec: async () => undefined,
    },
  };
}

/**
 * The generic plan of `sql` — the one PostgreSQL may keep for a prepared statement after five
 * runs, for any values (PREPARE, then EXPLAIN EXECUTE under force_generic_plan).
 */
async function genericPlanOf(db: Db, sql: string, values: unknown[]): Promise<string> {
  let plan = '';
  await db.transaction(async (tx) => {
    const literals: string[] = [];
    for (const value of values) {
      const { rows } = await tx.query<{ l: string }>('SELECT quote_nullable($1::text) AS l', [
        value instanceof Date ? value.toISOString() : value,
      ]);
      literals.push(rows[0].l);
    }
    await tx.query('SET LOCAL plan_cache_mode = force_generic_plan');
    await tx.query('SET LOCAL enable_seqscan = off');
    await tx.exec(`PREPARE generic_plan_of AS ${sql}`);
    const { rows } = await tx.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN EXECUTE generic_plan_of(${literals.join(', ')})`,
    );
    await tx.exec('DEALLOCATE generic_plan_of');
    plan = rows.map((row) => row['QUERY PLAN']).join('\n');
  });
  return plan;
}

describe('a search prefix as a range of the search indexes', () => {
  test('from the prefix to the prefix with its last character made the next one', () => {
    expect(prefixRange('Ann')).toEqual({ from: 'ann', to: 'ano' });
    expect(prefixRange('maya.novak@')).toEqual({ from: 'maya.novak@', to: 'maya.novakA' });
    // Wildcards of LIKE are plain characters here.
    expect(prefixRange('100%')).toEqual({ from: '100%', to: '100&' });
    expect(prefixRange('é')).toEqual({ from: 'é', to: 'ê' });
    expect(prefixRange('a😀')).toEqual({ from: 'a😀', to: 'a😁' });
  });

  test('past the surrogates and the last character', () => {
    expect(prefixRange('a\ud7ff').to).toBe('a\ue000');
    expect(prefixRange('a\u{10ffff}').to).toBe('b');
    expect(prefixRange('\u{10ffff}').to).toBeNull();
  });
});

describe('the size of a bulk unenroll’s chunks follows how long the last one held its locks', () => {
  test('doubles while twice the rows still fit 0.4 s, halves past 0.6 s, stays between', () => {
    expect(nextChunkSize(1000, 150)).toBe(2000);
    expect(nextChunkSize(2000, 200)).toBe(4000);
    expect(nextChunkSize(4000, 350)).toBe(4000);
    expect(nextChunkSize(4000, 700)).toBe(2000);
  });

  test('never beyond 8,000 rows nor under 250, whatever the timing', () => {
    expect(nextChunkSize(8000, 1)).toBe(8000);
    expect(nextChunkSize(250, 5000)).toBe(250);
    expect(nextChunkSize(1000, 0)).toBe(2000);
  });
});

describeEachDb('scale: chunked bulk unenroll, keyset pages, prefix search, fitting indexes', (ctx) => {
  test('a sequence is unenrolled in chunks, each its own transaction, every row once with its event', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const other = await createSequence(ctx(), user);
    const ids = await enrollMany(ctx(), user, sequence.id, 8);
    const others = await enrollMany(ctx(), user, other.id, 2);
    const accountId = await accountOf(ctx(), ids[0]);
    const counting = countingTransactions(ctx().db);

    const outcome = await unenrollInChunks(
      { ...ctx().deps, db: counting.db },
      accountId,
      { kind: 'sequence', sequenceId: sequence.id },
      { reason: 'manual', at: ctx().clock.now(), by: { type: 'user', id: null }, detail: null },
      { chunk: 3 },
    );

    expect(outcome.matched).toBe(8);
    expect(new Set(outcome.unenrolledIds)).toEqual(new Set(ids));
    // 3 + 3 + 2: the short third chunk ends it.
    expect(counting.count()).toBe(3);
    const { rows } = await ctx().db.query<{ status: string; events: number }>(
      `SELECT e.status, (SELECT count(*)::int FROM enrollment_events v
                         WHERE v.enrollment_id = e.id AND v.type = 'unenrolled') AS events
       FROM enrollments e WHERE e.id = ANY($1::uuid[])`,
      [[...ids, ...others]],
    );
    expect(rows.filter((row) => row.status === 'unenrolled' && row.events === 1)).toHaveLength(8);
    expect(rows.filter((row) => row.status === 'active' && row.events === 0)).toHaveLength(2);
  });

  test('a chunk whose first step fails changes nothing', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const ids = await enrollMany(ctx(), user, sequence.id, 2);
    const accountId = await accountOf(ctx(), ids[0]);
    await expect(
      unenrollInChunks(
        ctx().deps,
        accountId,
        { kind: 'sequence', sequenceId: sequence.id },
        { reason: 'manual', at: ctx().clock.now(), by: { type: 'user', id: null }, detail: null },
        {
          first: async () => {
            throw new Error('refused');
          },
        },
      ),
    ).rejects.toThrow('refused');
    const { rows } = await ctx().db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enrollments WHERE id = ANY($1::uuid[]) AND status = 'active'`,
      [ids],
    );
    expect(rows[0].n).toBe(2);
  });

  test('DELETE /sequences/:id and bulk unenroll by sequence end every current enrollment', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const ids = await enrollMany(ctx(), user, sequence.id, 3);
    const bulk = await createSequence(ctx(), user);
    const bulkIds = await enrollMany(ctx(), user, bulk.id, 3);

    expect(
      (await ctx().request('DELETE', `/api/v1/sequences/${sequence.id}`, { token: user.token })).status,
    ).toBe(204);
    const again = await ctx().request('DELETE', `/api/v1/sequences/${sequence.id}`, { token: user.token });
    expect(again.status).toBe(404);
    const unenrolled = await ctx().request('POST', '/api/v1/enrollments/unenroll', {
      token: user.token,
      body: { sequenceId: bulk.id, all: true },
    });
    expect(unenrolled.body).toEqual({ unenrolled: 3, alreadyUnenrolled: 0, notFound: 0 });

    const { rows } = await ctx().db.query<{ id: string; unenroll_reason: string }>(
      `SELECT id, unenroll_reason FROM enrollments WHERE id = ANY($1::uuid[]) AND status = 'unenrolled'`,
      [[...ids, ...bulkIds]],
    );
    const reasons = new Map(rows.map((row) => [row.id, row.unenroll_reason]));
    expect(ids.map((id) => reasons.get(id))).toEqual([
      'sequence_deleted',
      'sequence_deleted',
      'sequence_deleted',
    ]);
    expect(bulkIds.map((id) => reasons.get(id))).toEqual(['manual', 'manual', 'manual']);
  });

  test('the Scheduled page is keyset-paginated: pages in order, none twice, none missed', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const ids = await enrollMany(ctx(), user, sequence.id, 5);
    // Two share a time: the id breaks the tie.
    const at = ['2031-01-03', '2031-01-01', '2031-01-02', '2031-01-02', '2031-01-05'];
    for (const [i, id] of ids.entries()) {
      await ctx().db.query('UPDATE enrollments SET next_step_at = $2 WHERE id = $1', [id, new Date(at[i])]);
    }
    const seen: Array<{ id: string; nextStepAt: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `sequenceId=${sequence.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await ctx().request('GET', `/api/v1/scheduled?${query}`, { token: user.token });
      expect(response.status).toBe(200);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((item) => item.id).sort()).toEqual([...ids].sort());
    const keys = seen.map((item) => `${item.nextStepAt} ${item.id}`);
    expect(keys).toEqual([...keys].sort());
    const forged = await ctx().request('GET', '/api/v1/scheduled?cursor=nonsense', { token: user.token });
    expect(forged.status).toBe(400);
  });

  test('contacts search matches a prefix of the email, the name or the last name, literally', async () => {
    const user = await ctx().newUser();
    const tag = `z${Math.random().toString(36).slice(2, 8)}`;
    await createContact(ctx(), user, {
      email: `${tag}.maya@contoso.example`,
      firstName: 'Maya',
      lastName: `Novak${tag}`,
    });
    await createContact(ctx(), user, {
      email: `x.${tag}@contoso.example`,
      firstName: `${tag}Ines`,
      lastName: 'Ito',
    });
    const search = async (q: string) => {
      const response = await ctx().request('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`, {
        token: user.token,
      });
      expect(response.status).toBe(200);
      return (response.body.items as Array<{ email: string }>).map((item) => item.email).sort();
    };
    expect(await search(`${tag}.MAYA@`)).toEqual([`${tag}.maya@contoso.example`]);
    expect(await search(`maya novak${tag}`)).toEqual([`${tag}.maya@contoso.example`]);
    expect(await search(`novak${tag}`)).toEqual([`${tag}.maya@contoso.example`]);
    expect(await search(`${tag}ines i`)).toEqual([`x.${tag}@contoso.example`]);
    // Inside a word is not a prefix.
    expect(await search(`ovak${tag}`)).toEqual([]);
    expect(await search(`${tag}_`)).toEqual([]);
  });

  test('each user-facing query has an index that fits it', async () => {
    const db = ctx().db;
    const user = await ctx().newUser();
    // The account is made on the user's first request.
    const first = await createContact(ctx(), user);
    const { rows: accounts } = await db.query<{ account_id: string }>(
      'SELECT account_id FROM contacts WHERE id = $1',
      [first.id],
    );
    const account = accounts[0].account_id;
    const sequence = '00000000-0000-0000-0000-000000000002';
    // Enough distinct contacts that the planner tells a fitting index from one that merely has account_id.
    await db.query(
      `INSERT INTO contacts (account_id, email, first_name, last_name)
       SELECT $1::uuid, 'c' || i || '@scale.example', 'First' || i, 'Last' || i FROM generate_series(1, 3000) i`,
      [account],
    );
    await db.query('ANALYZE');
    const cases: Array<[string, string, unknown[], RegExp]> = [
      [
        'a sequence page by status',
        `SELECT id FROM enrollments e WHERE e.account_id = $1 AND e.sequence_id = $2 AND e.status = 'paused'
         ORDER BY e.enrolled_at DESC, e.id DESC LIMIT 50`,
        [account, sequence],
        /enrollments_sequence_(status_)?page/,
      ],
      [
        'scheduled',
        `SELECT id FROM enrollments e WHERE e.account_id = $1 AND e.status = 'active' AND e.next_step_at IS NOT NULL
         ORDER BY e.next_step_at, e.id LIMIT 100`,
        [account],
        /enrollments_scheduled/,
      ],
      [
        'scheduled of a sequence',
        `SELECT id FROM enrollments e WHERE e.account_id = $1 AND e.sequence_id = $2 AND e.status = 'active'
           AND e.next_step_at IS NOT NULL ORDER BY e.next_step_at, e.id LIMIT 100`,
        [account, sequence],
        /enrollments_sequence_scheduled/,
      ],
      [
        'search by email prefix',
        `SELECT id FROM contacts c WHERE c.account_id = $1 AND c.deleted_at IS NULL AND c.email_lower LIKE 'ann@%'`,
        [account],
        /contacts_search_email/,
      ],
      [
        'search by name prefix',
        `SELECT id FROM contacts c WHERE c.account_id = $1 AND c.deleted_at IS NULL
           AND lower(c.first_name || ' ' || c.last_name) LIKE 'ann l%'`,
        [account],
        /contacts_search_name/,
      ],
      [
        'search by last name prefix',
        `SELECT id FROM contacts c WHERE c.account_id = $1 AND c.deleted_at IS NULL AND lower(c.last_name) LIKE 'lee%'`,
        [account],
        /contacts_search_last_name/,
      ],
      [
        'the sender by canonical address',
        `SELECT id FROM contacts c WHERE c.account_id = $1 AND c.deleted_at IS NULL
           AND canonical_email(c.email) = canonical_email('c17+tag@scale.example')`,
        [account],
        /contacts_canonical/,
      ],
      [
        'sent subjects of a contact (reply by sender)',
        `SELECT enrollment_id, subject FROM sent_messages WHERE account_id = $1 AND contact_id = ANY($2::uuid[])
         ORDER BY sent_at DESC LIMIT 500`,
        [account, [sequence]],
        /sent_messages_contact/,
      ],
    ];
    for (const [name, sql, values, index] of cases) {
      const plan = await planOf(db, sql, values);
      if (!index.test(plan)) throw new Error(`${name}: no ${index.source} in\n${plan}`);
    }
  });

  test('the console’s lists send one statement per filter, whose plan for any values still fits it', async () => {
    const db = ctx().db;
    const user = await ctx().newUser();
    const first = await createContact(ctx(), user);
    const account = (
      await db.query<{ account_id: string }>('SELECT account_id FROM contacts WHERE id = $1', [first.id])
    ).rows[0].account_id;
    const sequence = (await createSequence(ctx(), user)).id;
    await db.query(
      `INSERT INTO contacts (account_id, email, first_name, last_name)
       SELECT $1::uuid, 's' || i || '@generic.example', 'First' || i, 'Last' || i FROM generate_series(1, 2000) i`,
      [account],
    );
    await db.query('ANALYZE');

    const sent = recording();
    await listEnrollments(sent.db, { accountId: account, sequenceId: sequence, status: 'paused', limit: 51 });
    await listEnrollments(sent.db, { accountId: account, limit: 51 });
    await listScheduled(sent.db, { accountId: account, sequenceId: sequence, limit: 101 });
    const [bySequenceAndStatus, unfiltered, scheduledOfSequence] = sent.sent;
    // No catch-all "($n IS NULL OR …)": a filter the request lacks is not in its statement.
    expect(bySequenceAndStatus.text).not.toMatch(/IS NULL OR/);
    expect(unfiltered.text).not.toMatch(/sequence_id =|IS NULL OR/);
    const cases: Array<[string, { text: string; values: unknown[] }, RegExp]> = [
      ['a sequence page by status', bySequenceAndStatus, /enrollments_sequence_status_page/],
      ['scheduled of a sequence', scheduledOfSequence, /enrollments_sequence_scheduled/],
    ];
    for (const [name, statement, index] of cases) {
      const plan = await genericPlanOf(db, statement.text, statement.values);
      if (!index.test(plan)) throw new Error(`${name}: no ${index.source} in the generic plan\n${plan}`);
    }

    // A search is planned for its values: a prefix may match one contact or a tenth of the account.
    await listContacts(sent.db, account, { q: 'ann', limit: 51 });
    await listContacts(sent.db, account, { limit: 51 });
    expect(sent.sent.slice(-2).map((statement) => statement.options?.planEachCall)).toEqual([true, false]);
  });
});

describeEachDb('scale: the sent messages’ keys', (ctx) => {
  test('sent messages get ids in time order (a version 7 UUID: the millisecond, then random bits)', async () => {
    const user = await ctx().newUser();
    const sequence = await createSequence(ctx(), user);
    const ids = await enrollMany(ctx(), user, sequence.id, 3);
    const accountId = await accountOf(ctx(), ids[0]);
    const { rows: facts } = await ctx().db.query<{ id: string; contact_id: string; email: string }>(
      'SELECT id, contact_id, email FROM enrollments WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const recorded: string[] = [];
    const before = Date.now();
    // One statement per send, a few milliseconds apart: each later id sorts after the one before.
    for (const [i, row] of facts.entries()) {
      const sends = await recordSends(
        ctx().db,
        [
          {
            accountId,
            enrollmentId: row.id,
            sequenceId: sequence.id,
            contactId: row.contact_id,
            stepIndex: 5,
            messageId: `order-${i}@test.example`,
            from: user.email,
            to: row.email,
            subject: 'Hello',
            unsubscribeNonce: `nonce-${i}-${row.id}`,
          },
        ],
        ctx().clock.now(),
        'sent',
      );
      recorded.push(sends.get(row.id)!.id);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    expect([...recorded].sort()).toEqual(recorded);
    for (const id of recorded) {
      const hex = id.replace(/-/g, '');
      expect(hex[12]).toBe('7');
      expect('89ab').toContain(hex[16]);
      const ms = parseInt(hex.slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(before - 1000);
      expect(ms).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });
});
