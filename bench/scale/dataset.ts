/**
 * The scale dataset (issue 15): accounts, users, companies with domains, contacts with aliases
 * and properties, sequences, enrollments in every status with their event histories, sent
 * messages and tasks — deterministic from a seed (ids are md5 of seed and position, every
 * choice a hash of them), with times relative to an anchor.
 *
 * Written by the database itself: each statement is an `INSERT … SELECT` over
 * `generate_series`, so no row crosses the wire and the same code loads PGlite and
 * PostgreSQL (COPY would ship every byte through the client, and PGlite's COPY needs a
 * file). Loading goes like pg_restore: the secondary indexes are dropped first and built
 * once at the end, foreign-key triggers are off while loading (`session_replication_role =
 * replica`; every reference is built to exist), and each chunk is its own transaction.
 *
 * Shape, for N contacts (see docs/scaling.md):
 * - 5 accounts; companies of 10 contacts each, 80 % of them in account 0 (the one measured);
 * - 25 users and 40 sequences of 8 steps (step 4 a task) per account; in account 0, sequence 0
 *   ("bulk") and 1 ("delete") hold a quarter of the current enrollments each, sequence 2
 *   ("worker") is where the worker bench makes steps due;
 * - per contact: 40 % enrolled active, 10 % paused (a third of those until a date), and
 *   `history` past slots each ended (unenrolled, for one of six reasons) with 60 % chance;
 * - per enrollment: `enrolled`, one `email_sent` per email step done (and its sent message),
 *   `task_created` for the task step, `paused` / `unenrolled` as its status says.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../src/server/db/port';
import { devOid } from '../../src/server/auth/dev-tokens';

export interface DatasetOptions {
  contacts: number;
  seed: string;
  /** Past (ended) enrollment slots per contact, each filled with 60 % chance. */
  history: number;
  /** The time the data is relative to: enrollments due after it, history before it. */
  anchor: Date;
  /** Contacts per chunk (one statement, one transaction). */
  chunk?: number;
  /** Chunks loaded at once, each on its own connection (PostgreSQL only; PGlite has one). */
  jobs?: number;
  log?: (line: string) => void;
}

export const ACCOUNTS = 5;
export const USERS_PER_ACCOUNT = 25;
export const SEQUENCES_PER_ACCOUNT = 40;
export const STEPS = 8;
/** The 0-based index of the task step. */
export const TASK_STEP = 3;
/** Of account 0's sequences: bulk unenroll, DELETE, and the worker's. */
export const BENCH_SEQUENCE = { bulk: 0, delete: 1, worker: 2 } as const;

const FIRST = [
  'Ava',
  'Ben',
  'Chloe',
  'Dan',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kara',
  'Liam',
  'Maya',
  'Noah',
  'Olga',
  'Pavel',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
  'Umar',
  'Vera',
  'Wes',
  'Xena',
  'Yusuf',
  'Zoe',
  'Aiko',
  'Bruno',
  'Carla',
  'Dmitri',
  'Eva',
  'Felix',
  'Gita',
  'Hana',
  'Ivan',
  'Jade',
  'Kenji',
  'Lena',
  'Marco',
  'Nina',
  'Omar',
  'Priya',
  'Raul',
  'Sofia',
  'Theo',
  'Una',
  'Victor',
  'Wanda',
  'Yara',
  'Zeke',
];
const LAST = [
  'Abbott',
  'Baker',
  'Castro',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Hansen',
  'Ito',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Meyer',
  'Novak',
  'Olsen',
  'Petrov',
  'Quint',
  'Rossi',
  'Silva',
  'Tanaka',
  'Ueda',
  'Vargas',
  'Weber',
  'Xu',
  'Young',
  'Zimmer',
  'Arnold',
  'Brooks',
  'Chen',
  'Dubois',
  'Engel',
  'Ford',
  'Gomez',
  'Hill',
  'Iqbal',
  'Jones',
  'Klein',
  'Lopez',
  'Moreau',
  'Nagy',
  'Ortiz',
  'Park',
  'Reyes',
  'Sato',
  'Torres',
  'Ulrich',
  'Vogel',
  'Walsh',
  'Yilmaz',
  'Zhang',
];
const TITLES = ['CEO', 'CTO', 'VP Sales', 'Buyer', 'Engineer', 'Analyst', 'Director', 'Manager'];
/** Why past enrollments ended, with who ended them. */
const ENDINGS = [
  ['completed', 'system'],
  ['replied', 'contact'],
  ['manual', 'user'],
  ['meeting_booked', 'contact'],
  ['bounced', 'system'],
  ['unsubscribed', 'contact'],
] as const;

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;
/**
 * A deterministic number in [0, 2^28) from a number and a purpose (SQL): PostgreSQL's own
 * 64-bit hash, seeded by the dataset's seed — a tenth of md5's cost, which this load is bound by.
 */
const h = (value: string, purpose: number | string) =>
  `((hashint8extended((${value})::bigint * 64 + ${purpose}, hashtext($1)::bigint) & 268435455)::int)`;
/** A deterministic uuid from a text key (SQL). */
const uid = (key: string) => `md5(${key})::uuid`;
/** The account of company `k` (SQL): 4 of 5 in account 0, the rest spread over 1–4. */
const accountOf = (k: string) => `(CASE WHEN ${k} % 5 < 4 THEN 0 ELSE 1 + (${k} / 5) % 4 END)`;
/** md5 of the key as a uuid, as `uid` computes it in SQL. */
const md5Uuid = (key: string) =>
  createHash('md5')
    .update(key)
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/** The ids of accounts, users and sequences: few, so computed here and indexed in SQL. */
function smallIds(seed: string) {
  const accounts = Array.from({ length: ACCOUNTS }, (_, a) => md5Uuid(`${seed}:account:${a}`));
  const perAccount = (kind: string, n: number) =>
    accounts.flatMap((_, a) => Array.from({ length: n }, (__, j) => md5Uuid(`${seed}:${kind}:${a}:${j}`)));
  return {
    accounts,
    users: perAccount('user', USERS_PER_ACCOUNT),
    sequences: perAccount('sequence', SEQUENCES_PER_ACCOUNT),
  };
}
const uuidArray = (ids: string[]) => `ARRAY[${ids.map((id) => `'${id}'`).join(',')}]::uuid[]`;
let IDS = smallIds('');
const accountId = (a: string) => `(${uuidArray(IDS.accounts)})[1 + ${a}]`;
const userId = (a: string, j: string) =>
  `(${uuidArray(IDS.users)})[1 + (${a}) * ${USERS_PER_ACCOUNT} + ${j}]`;
const sequenceId = (a: string, j: string) =>
  `(${uuidArray(IDS.sequences)})[1 + (${a}) * ${SEQUENCES_PER_ACCOUNT} + ${j}]`;

export function benchUserEmail(): string {
  return 'rep0@scale.example';
}

/** Ids of what the benches address, computed the way the generator does. */
export function datasetIds(seed: string) {
  const ids = smallIds(seed);
  return {
    accountId: ids.accounts[0],
    userId: ids.users[0],
    tenantId: `scale-${seed}-0`,
    email: benchUserEmail(),
    sequences: {
      bulk: ids.sequences[BENCH_SEQUENCE.bulk],
      delete: ids.sequences[BENCH_SEQUENCE.delete],
      worker: ids.sequences[BENCH_SEQUENCE.worker],
    },
  };
}

const LOADED_TABLES = ['companies', 'contacts', 'enrollments', 'enrollment_events', 'sent_messages', 'tasks'];

/** The secondary indexes of the loaded tables (not those behind a constraint), to drop and rebuild. */
async function secondaryIndexes(db: Db): Promise<Array<{ name: string; def: string }>> {
  const { rows } = await db.query<{ name: string; def: string }>(
    `SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [LOADED_TABLES],
  );
  return rows;
}

/** Runs `sql` in its own transaction with the loading settings. */
async function load(db: Db, sql: string, values: unknown[]): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query("SET LOCAL session_replication_role = 'replica'");
    // JIT compiles for the planner's guess at the rows, which costs seconds a statement here.
    if (db.kind === 'pg') {
      await tx.query('SET LOCAL synchronous_commit = off');
      await tx.query('SET LOCAL jit = off');
    }
    const { rowCount } = await tx.query(sql, values);
    return rowCount;
  });
}

/** Loads the dataset into a migrated, empty database. Returns the rows written per table. */
export async function generateDataset(db: Db, options: DatasetOptions): Promise<Record<string, number>> {
  const log = options.log ?? (() => undefined);
  IDS = smallIds(options.seed);
  const counts: Record<string, number> = {};
  const add = (table: string, rows: number) => (counts[table] = (counts[table] ?? 0) + rows);

  const { rows: existing } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts');
  if (existing[0].n > 0) throw new Error('the database has contacts already: seed:scale loads an empty one');

  const indexes = await secondaryIndexes(db);
  for (const index of indexes) await db.query(`DROP INDEX ${index.name}`);
  log(`dropped ${indexes.length} secondary indexes for the load`);
  try {
    await loadRows(db, options, add, log);
  } finally {
    for (const index of indexes) {
      const at = Date.now();
      await db.query(index.def);
      log(`index ${index.name} (${((Date.now() - at) / 1000).toFixed(1)} s)`);
    }
  }
  // The load ran with triggers off, so the sequences' figures (migration 0090) are counted once now.
  await db.query('SELECT recount_sequence_figures()');
  await db.query('ANALYZE');
  return counts;
}

async function loadRows(
  db: Db,
  options: DatasetOptions,
  add: (table: string, rows: number) => void,
  log: (line: string) => void,
): Promise<void> {
  const { contacts: n, seed, anchor } = options;
  const chunk = options.chunk ?? 50_000;
  const companies = Math.ceil(n / 10);
  let enrollments = 0;

  // Accounts, users, sequences: small.
  add(
    'accounts',
    await load(
      db,
      `INSERT INTO accounts (id, tenant_id, name, tier, created_at, updated_at)
       SELECT ${accountId('a')}, 'scale-' || $1 || '-' || a, 'Scale account ' || a, 'enterprise', $2::timestamptz - interval '3 years', $2::timestamptz
       FROM generate_series(0, ${ACCOUNTS - 1}) a`,
      [seed, anchor],
    ),
  );
  add(
    'users',
    await load(
      db,
      `INSERT INTO users (id, account_id, oid, email, name, created_at, updated_at)
       SELECT ${userId('a', 'j')}, ${accountId('a')},
              CASE WHEN a = 0 AND j = 0 THEN $3::text ELSE 'scale-oid-' || $1 || '-' || a || '-' || j END,
              'rep' || j || CASE WHEN a = 0 THEN '' ELSE '.' || a END || '@scale.example', 'Rep ' || a || '.' || j,
              $2::timestamptz - interval '3 years', $2::timestamptz
       FROM generate_series(0, ${ACCOUNTS - 1}) a, generate_series(0, ${USERS_PER_ACCOUNT - 1}) j`,
      [seed, anchor, devOid(benchUserEmail())],
    ),
  );
  const steps = JSON.stringify(
    Array.from({ length: STEPS }, (_, s) =>
      s === TASK_STEP
        ? { type: 'task', delayMinutes: 2880, title: 'Call {{firstName}}', body: 'Follow up by phone' }
        : {
            type: 'email',
            delayMinutes: s === 0 ? 0 : 2880,
            subject: `Step ${s + 1}`,
            body: 'Hi {{firstName}}',
          },
    ),
  );
  add(
    'sequences',
    await load(
      db,
      `INSERT INTO sequences (id, account_id, owner_id, name, steps, created_at, updated_at)
       SELECT ${sequenceId('a', 'j')}, ${accountId('a')}, ${userId('a', `(j % ${USERS_PER_ACCOUNT})`)},
              CASE WHEN a = 0 AND j = ${BENCH_SEQUENCE.bulk} THEN 'Scale bulk'
                   WHEN a = 0 AND j = ${BENCH_SEQUENCE.delete} THEN 'Scale delete'
                   WHEN a = 0 AND j = ${BENCH_SEQUENCE.worker} THEN 'Scale worker'
                   ELSE 'Sequence ' || a || '.' || j END,
              $2::jsonb, $1::timestamptz - interval '2 years', $1::timestamptz
       FROM generate_series(0, ${ACCOUNTS - 1}) a, generate_series(0, ${SEQUENCES_PER_ACCOUNT - 1}) j`,
      [anchor, steps],
    ),
  );
  add(
    'companies',
    await load(
      db,
      `INSERT INTO companies (id, account_id, name, domains, properties, created_at, updated_at)
       SELECT ${uid(`$1 || ':company:' || k`)}, ${accountId(accountOf('k'))}, 'Company ' || k,
              ARRAY['co' || k || '.example'], jsonb_build_object('industry', (${sqlArray(TITLES)})[1 + k % 8]),
              $2::timestamptz - interval '2 years', $2::timestamptz
       FROM generate_series(0, $3::int - 1) k`,
      [seed, anchor, companies],
    ),
  );
  log(`accounts, users, sequences, ${companies} companies`);

  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const jobs = options.jobs ?? 1;
  const contactChunks = Array.from({ length: Math.ceil(n / chunk) }, (_, c) => c * chunk);
  let done = 0;
  await inParallel(contactChunks, jobs, async (lo) => {
    const hi = Math.min(n, lo + chunk);
    add('contacts', await load(db, contactsSql(), [seed, anchor, lo, hi, n]));
    // Read `enrollments` only after the await: the other lane adds to it meanwhile.
    const current = await load(db, currentEnrollmentsSql(), [seed, anchor, lo, hi]);
    enrollments += current;
    for (let slot = 0; slot < options.history; slot += 1) {
      const past = await load(db, pastEnrollmentsSql(), [seed, anchor, lo, hi, slot]);
      enrollments += past;
    }
    done += hi - lo;
    log(`contacts ${done} / ${n} (${elapsed()})`);
  });

  // Histories by ranges of enrollment id (md5 uuids are spread evenly): a primary-key range scan each.
  add('enrollments', enrollments);
  const parts = Math.max(1, Math.min(256, Math.ceil(enrollments / chunk)));
  const bound = (p: number) =>
    p >= parts
      ? null
      : `${Math.floor((p * 0x100000000) / parts)
          .toString(16)
          .padStart(8, '0')}-0000-0000-0000-000000000000`;
  let partsDone = 0;
  await inParallel(
    Array.from({ length: parts }, (_, p) => p),
    jobs,
    async (p) => {
      const range = [bound(p) ?? '00000000-0000-0000-0000-000000000000', bound(p + 1)];
      add('enrollment_events', await load(db, eventsSql(), [seed, ...range]));
      add('sent_messages', await load(db, sentMessagesSql(), [seed, ...range]));
      add('tasks', await load(db, tasksSql(), [seed, ...range]));
      partsDone += 1;
      if (partsDone % Math.max(1, Math.floor(parts / 8)) === 0 || partsDone === parts)
        log(`histories ${partsDone} / ${parts} (${elapsed()})`);
    },
  );
}

/** Runs `fn` on every item, `jobs` at a time (each on a connection of its own). */
async function inParallel<T>(items: T[], jobs: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, lane));
}

/** $1 seed, $2 anchor, contacts [$3, $4) of $5. */
function contactsSql(): string {
  return `INSERT INTO contacts (id, account_id, email, first_name, last_name, company_id, aliases, properties,
                                owner_id, opted_out_at, bounced_at, created_at, updated_at)
    SELECT ${uid(`$1 || ':contact:' || i`)}, ${accountId(accountOf('k'))},
           lower(fn) || '.' || lower(ln) || i || '@co' || k || '.example', fn, ln,
           ${uid(`$1 || ':company:' || k`)},
           CASE WHEN i % 10 = 3 THEN ARRAY[lower(fn) || i || '@alias' || k || '.example'] ELSE '{}'::text[] END,
           jsonb_build_object('title', (${sqlArray(TITLES)})[1 + r % 8], 'score', r % 100, 'source', CASE WHEN r % 3 = 0 THEN 'import' ELSE 'web' END),
           ${userId(accountOf('k'), `((r / 7) % ${USERS_PER_ACCOUNT})`)},
           CASE WHEN r % 100 = 97 THEN $2::timestamptz - interval '30 days' END,
           CASE WHEN r % 200 = 199 THEN $2::timestamptz - interval '20 days' END,
           created, created
    FROM (SELECT i, i / 10 AS k, ${h('i', 1)} AS r,
                 $2::timestamptz - interval '3 years' + (interval '1 second' * (i::bigint * 63072000 / $5::int)) AS created
          FROM generate_series($3::int, $4::int - 1) i) g,
    LATERAL (SELECT (${sqlArray(FIRST)})[1 + r % 50] AS fn, (${sqlArray(LAST)})[1 + (r / 50) % 50] AS ln) names`;
}

/** The facts of contact i shared by its enrollments (SQL fragment over `i`). */
const CONTACT_OF = `i / 10 AS k, ${uid(`$1 || ':contact:' || i`)} AS contact_id`;
const contactEmail = (r: string) =>
  `lower((${sqlArray(FIRST)})[1 + ${r} % 50]) || '.' || lower((${sqlArray(LAST)})[1 + (${r} / 50) % 50]) || i || '@co' || k || '.example'`;

/**
 * The current enrollment of contacts [$3, $4): 40 % active, 10 % paused. In account 0 a
 * quarter each go to the bulk and delete sequences.
 */
function currentEnrollmentsSql(): string {
  return `INSERT INTO enrollments (id, account_id, sequence_id, contact_id, email, status, current_step, next_step_at,
                                   paused_at, paused_until, thread_message_id, thread_subject, enrolled_at, enrolled_by, updated_at)
    SELECT id, ${accountId('a')},
           ${sequenceId(
             'a',
             `(CASE WHEN a = 0 AND q % 4 = 0 THEN ${BENCH_SEQUENCE.bulk} WHEN a = 0 AND q % 4 = 1 THEN ${BENCH_SEQUENCE.delete}
                             WHEN a = 0 THEN 2 + q % ${SEQUENCES_PER_ACCOUNT - 2} ELSE q % ${SEQUENCES_PER_ACCOUNT} END)`,
           )},
           contact_id, ${contactEmail('cr')},
           CASE WHEN s < 40 THEN 'active' ELSE 'paused' END, step,
           $2::timestamptz + interval '1 minute' * (60 + q % 43200),
           CASE WHEN s >= 40 THEN $2::timestamptz - interval '1 minute' * (q % 10000) END,
           CASE WHEN s >= 40 AND q % 3 = 0 THEN $2::timestamptz + interval '1 hour' * (1 + q % 500) END,
           CASE WHEN step > 0 THEN 'scale-' || id || '-0@scale.example' END,
           CASE WHEN step > 0 THEN 'Step 1' END,
           enrolled, ${userId('a', `(q % ${USERS_PER_ACCOUNT})`)}, $2::timestamptz
    FROM (SELECT i, ${CONTACT_OF}, ${accountOf('(i / 10)')} AS a,
                 ${uid(`$1 || ':enrollment:' || i || ':current'`)} AS id,
                 ${h('i', 1)} AS cr,
                 ${h('i', 2)} % 100 AS s, ${h('i', 3)} AS q,
                 ${h('i', 4)} % ${STEPS - 1} AS step,
                 $2::timestamptz - interval '1 minute' * (${h('i', 5)} % 86400) AS enrolled
          FROM generate_series($3::int, $4::int - 1) i) g
    WHERE s < 50`;
}

/** Past slot $5 of contacts [$3, $4): with 60 % chance an enrollment that ended. */
function pastEnrollmentsSql(): string {
  const reasons = sqlArray(ENDINGS.map(([reason]) => reason));
  const by = sqlArray(ENDINGS.map(([, type]) => type));
  return `INSERT INTO enrollments (id, account_id, sequence_id, contact_id, email, status, current_step, next_step_at,
                                   thread_message_id, thread_subject, enrolled_at, enrolled_by,
                                   unenrolled_at, unenroll_reason, unenrolled_by_type, unenrolled_by_id, unenroll_detail, updated_at)
    SELECT id, ${accountId('a')},
           ${sequenceId('a', `(CASE WHEN a = 0 THEN 2 + q % ${SEQUENCES_PER_ACCOUNT - 2} ELSE q % ${SEQUENCES_PER_ACCOUNT} END)`)},
           contact_id, ${contactEmail('cr')}, 'unenrolled', step, NULL,
           'scale-' || id || '-0@scale.example', 'Step 1',
           enrolled, ${userId('a', `(q % ${USERS_PER_ACCOUNT})`)},
           enrolled + interval '2 days' * step, (${reasons})[1 + ending], (${by})[1 + ending],
           CASE WHEN (${by})[1 + ending] = 'user' THEN ${userId('a', `(q % ${USERS_PER_ACCOUNT})`)}::text END, NULL,
           enrolled + interval '2 days' * step
    FROM (SELECT i, ${CONTACT_OF}, ${accountOf('(i / 10)')} AS a,
                 ${uid(`$1 || ':enrollment:' || i || ':past:' || $5::int`)} AS id,
                 ${h('i', 1)} AS cr,
                 ${h('i', '10 + $5::int')} AS q,
                 1 + ${h('i', '20 + $5::int')} % ${STEPS} AS step,
                 ${h('i', '30 + $5::int')} % ${ENDINGS.length} AS ending,
                 $2::timestamptz - interval '30 days' - interval '1 day' * (60 * $5::int)
                   - interval '1 minute' * (${h('i', '40 + $5::int')} % 80000) AS enrolled
          FROM generate_series($3::int, $4::int - 1) i) g
    WHERE q % 100 < 60`;
}

/** Step indexes 0 … STEPS-1, as a table the planner knows the size of. */
const STEP_NUMBERS = `(VALUES ${Array.from({ length: STEPS }, (_, s) => `(${s})`).join(', ')}) AS steps(s)`;

/** Enrollments with ids in [$2, $3) ($3 null: to the end). */
const RANGE = `e.id >= $2::uuid AND ($3::uuid IS NULL OR e.id < $3::uuid)`;

/** Each enrollment's trail: enrolled, a step event per step done, then paused or unenrolled. */
export function eventsSql(): string {
  return `INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id, detail, data)
    SELECT account_id, id, type, at, by_type, by_id, NULL, data FROM (
      SELECT e.account_id, e.id, 'enrolled' AS type, e.enrolled_at AS at, 'user' AS by_type,
             e.enrolled_by::text AS by_id, jsonb_build_object('sequenceId', e.sequence_id) AS data
      FROM enrollments e WHERE ${RANGE}
      UNION ALL
      SELECT e.account_id, e.id, CASE WHEN s = ${TASK_STEP} THEN 'task_created' ELSE 'email_sent' END,
             e.enrolled_at + interval '2 days' * s, 'system', NULL, jsonb_build_object('step', s + 1)
      FROM enrollments e JOIN ${STEP_NUMBERS} ON s < e.current_step WHERE ${RANGE}
      UNION ALL
      SELECT e.account_id, e.id, 'paused', e.paused_at, 'user', e.enrolled_by::text, '{}'::jsonb
      FROM enrollments e WHERE ${RANGE} AND e.status = 'paused'
      UNION ALL
      SELECT e.account_id, e.id, 'unenrolled', e.unenrolled_at, e.unenrolled_by_type, e.unenrolled_by_id,
             jsonb_build_object('reason', e.unenroll_reason)
      FROM enrollments e WHERE ${RANGE} AND e.status = 'unenrolled'
    ) trail
    WHERE $1::text IS NOT NULL -- every chunk statement takes the seed as $1`;
}

/** One sent message per email step done. */
export function sentMessagesSql(): string {
  return `INSERT INTO sent_messages (id, account_id, enrollment_id, sequence_id, contact_id, step_index, message_id,
                                    from_address, to_address, subject, sent_at, unsubscribe_nonce, delivery_status)
    SELECT (left(e.id::text, 35) || s)::uuid, e.account_id, e.id, e.sequence_id, e.contact_id, s,
           'scale-' || e.id || '-' || s || '@scale.example',
           u.email, e.email, CASE WHEN s = 0 THEN 'Step 1' ELSE 'RE: Step 1' END,
           e.enrolled_at + interval '2 days' * s, md5($1 || ':nonce:' || e.id || ':' || s), 'sent'
    FROM enrollments e JOIN users u ON u.id = e.enrolled_by
    JOIN ${STEP_NUMBERS} ON s < e.current_step
    WHERE ${RANGE} AND s <> ${TASK_STEP}`;
}

/** The task step's task, for enrollments past it: completed unless the enrollment is still on it. */
function tasksSql(): string {
  return `INSERT INTO tasks (id, account_id, enrollment_id, sequence_id, contact_id, owner_id, step_index, title,
                            due_at, completed_at, completed_by, created_at)
    SELECT (left(e.id::text, 35) || 'a')::uuid, e.account_id, e.id, e.sequence_id, e.contact_id, e.enrolled_by, ${TASK_STEP},
           'Call', e.enrolled_at + interval '2 days' * ${TASK_STEP},
           CASE WHEN e.current_step > ${TASK_STEP + 1} OR e.status = 'unenrolled' THEN e.enrolled_at + interval '2 days' * ${TASK_STEP + 1} END,
           CASE WHEN e.current_step > ${TASK_STEP + 1} OR e.status = 'unenrolled' THEN e.enrolled_by END,
           e.enrolled_at + interval '2 days' * ${TASK_STEP}
    FROM enrollments e WHERE ${RANGE} AND e.current_step > ${TASK_STEP} AND $1::text IS NOT NULL`;
}
