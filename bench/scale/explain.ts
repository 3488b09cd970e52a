/**
 * The plans of the user-facing queries on a scale database: `EXPLAIN (ANALYZE, BUFFERS)` of
 * the very statements the query modules send (each function is run on a database handle that
 * explains instead of answering), with arguments drawn from the dataset; --generic shows the
 * plans made for any parameters (see `explaining`). docs/scaling.md quotes its output.
 *   npx tsx bench/scale/explain.ts --database-url postgres://…/scale_1000000 [--seed scale] [--generic]
 */
import { parseArgs } from 'node:util';
import { listContacts, lookupByEmails, findContact } from '../../src/server/contacts/queries';
import { openPg } from '../../src/server/db/pg-adapter';
import type { Queryable, QueryOptions, QueryResult } from '../../src/server/db/port';
import { senderContacts, sentSubjects, threadByMessageIds } from '../../src/server/inbound/queries';
import {
  claimDueSteps,
  findContactEnrollments,
  findEvents,
  listEnrollments,
  listScheduled,
} from '../../src/server/lifecycle';
import { listSequenceOverview } from '../../src/server/sequences/queries';
import { datasetIds } from './dataset';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    seed: { type: 'string', default: 'scale' },
    generic: { type: 'boolean', default: false },
  },
});

/**
 * A handle on which every statement is explained, its plan printed. With --generic, the generic
 * plan: the server's adapter makes every statement a named prepared statement, and after five
 * executions PostgreSQL may plan it once for any parameters — when that plan's estimate looks no
 * worse — so a statement fast with its values can run a plan that reads the whole account
 * (PostgreSQL 15 has no `EXPLAIN (GENERIC_PLAN)`: PREPARE, force the generic plan, EXPLAIN
 * EXECUTE with the values).
 */
function explaining(db: Queryable): Queryable {
  return {
    async query<Row>(
      text: string,
      values: unknown[] = [],
      options: QueryOptions = {},
    ): Promise<QueryResult<Row>> {
      // A statement planned on each call never runs a generic plan: its plan for these values it is.
      if (!args.generic || options.planEachCall) {
        const { rows } = await db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${text}`,
          values,
        );
        console.log(rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n'));
        return { rows: [], rowCount: 0 };
      }
      const literals: string[] = [];
      for (const value of values) {
        const { rows } = await db.query<{ l: string }>('SELECT quote_nullable($1::text) AS l', [value]);
        literals.push(rows[0].l);
      }
      await db.query('SET plan_cache_mode = force_generic_plan');
      await db.query(`PREPARE explained AS ${text}`);
      try {
        const args = literals.length ? `(${literals.join(', ')})` : '';
        const { rows } = await db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) EXECUTE explained${args}`,
        );
        console.log(rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n'));
      } finally {
        await db.query('DEALLOCATE explained');
        await db.query('RESET plan_cache_mode');
      }
      return { rows: [], rowCount: 0 };
    },
    exec: (text: string) => db.exec(text),
  };
}

async function main(): Promise<void> {
  const db = openPg(args['database-url'] ?? process.env.DATABASE_URL ?? '', { max: 1 });
  const ids = datasetIds(args.seed);
  const account = ids.accountId;
  const { rows: contacts } = await db.query<{
    id: string;
    email: string;
    last_name: string;
    alias: string | null;
  }>(
    `SELECT id, email, last_name, aliases[1] AS alias FROM contacts WHERE account_id = $1 ORDER BY id LIMIT 50`,
    [account],
  );
  const { rows: enrolled } = await db.query<{ id: string; contact_id: string; email: string }>(
    `SELECT id, contact_id, email FROM enrollments WHERE account_id = $1 AND status = 'active' AND current_step > 0
     ORDER BY id LIMIT 1`,
    [account],
  );
  const { rows: anchor } = await db.query<{ at: Date }>(
    'SELECT updated_at AS at FROM accounts WHERE id = $1',
    [account],
  );
  const x = explaining(db);
  const show = async (title: string, run: () => Promise<unknown>) => {
    console.log(`\n### ${title}\n`);
    await run();
  };
  await show('Lookup of 5 addresses (POST /contacts/lookup)', () =>
    lookupByEmails(x, account, [
      ...contacts.slice(0, 3).map((c) => c.email.toLowerCase()),
      contacts.find((c) => c.alias)?.alias ?? 'none@x.example',
      'stranger@elsewhere.example',
    ]),
  );
  await show('The sequences with their figures (GET /sequences/overview, the Manage table)', () =>
    listSequenceOverview(x, account, { limit: 51 }),
  );
  await show('A page of a sequence’s enrollments, paused (GET /enrollments?sequenceId&status)', () =>
    listEnrollments(x, { accountId: account, sequenceId: ids.sequences.worker, status: 'paused', limit: 51 }),
  );
  await show('The Scheduled page (GET /scheduled)', () =>
    listScheduled(x, { accountId: account, limit: 101 }),
  );
  await show('The Scheduled page of a sequence (GET /scheduled?sequenceId)', () =>
    listScheduled(x, { accountId: account, sequenceId: ids.sequences.worker, limit: 101 }),
  );
  await show('Contacts search by name prefix (GET /contacts?q=<4 letters of a last name>)', () =>
    listContacts(x, account, { limit: 51, q: contacts[0].last_name.slice(0, 4) }),
  );
  await show('Contacts search by email (GET /contacts?q=<an address>)', () =>
    listContacts(x, account, { limit: 51, q: contacts[1].email }),
  );
  await show('Contact record: the contact (GET /contacts/:id)', () =>
    findContact(x, account, contacts[2].id),
  );
  await show('Contact record: its enrollments', () => findContactEnrollments(x, account, contacts[2].id));
  const { rows: trail } = await db.query<{ id: string }>('SELECT id FROM enrollments WHERE contact_id = $1', [
    contacts[2].id,
  ]);
  await show('Contact record: their timelines', () =>
    findEvents(
      x,
      trail.map((row) => row.id),
    ),
  );
  await show('Reply matching by thread headers (In-Reply-To → sent_messages.message_id)', () =>
    threadByMessageIds(x, account, [`scale-${enrolled[0].id}-0@scale.example`]),
  );
  await show('Reply matching by sender: the sender’s contacts', () =>
    senderContacts(x, account, enrolled[0].email.toLowerCase()),
  );
  await show('Reply matching by sender: the subjects sent to them', () =>
    sentSubjects(x, account, [enrolled[0].contact_id]),
  );
  await db
    .transaction(async (tx) => {
      await show('The worker’s claim of 200 due steps', () =>
        claimDueSteps(explaining(tx), anchor[0].at, 200),
      );
      throw new Error('rollback');
    })
    .catch(() => undefined);
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
