import type {
  Performance,
  Sequence,
  SequenceSettings,
  Step,
  UnenrollmentTrigger,
} from '../../shared/schemas';
import type { Queryable } from '../db/port';
import { Conditions } from '../db/conditions';
import { effectiveSettings } from '../engine/sequence-settings';

export interface SequenceRow {
  id: string;
  account_id: string;
  owner_id: string;
  name: string;
  steps: Step[];
  settings: SequenceSettings;
  unenrollment_triggers: UnenrollmentTrigger[];
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export function toSequence(row: SequenceRow): Sequence {
  return {
    id: row.id,
    name: row.name,
    steps: row.steps,
    settings: effectiveSettings(row.settings),
    unenrollmentTriggers: row.unenrollment_triggers,
    ownerId: row.owner_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    deletedAt: row.deleted_at?.toISOString() ?? null,
  };
}

export async function findSequence(
  db: Queryable,
  accountId: string,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<SequenceRow | undefined> {
  const { rows } = await db.query<SequenceRow>(
    `SELECT * FROM sequences WHERE account_id = $1::uuid AND id = $2::uuid AND ($3::boolean OR deleted_at IS NULL)`,
    [accountId, id, options.includeDeleted ?? false],
  );
  return rows[0];
}

export async function listSequences(db: Queryable, accountId: string): Promise<SequenceRow[]> {
  const { rows } = await db.query<SequenceRow>(
    `SELECT * FROM sequences WHERE account_id = $1::uuid AND deleted_at IS NULL ORDER BY created_at DESC, id DESC`,
    [accountId],
  );
  return rows;
}

export interface SequenceFields {
  name?: string;
  steps?: Step[];
  settings?: SequenceSettings;
  unenrollmentTriggers?: UnenrollmentTrigger[];
}

export async function insertSequence(
  db: Queryable,
  input: { accountId: string; ownerId: string; now: Date } & Required<
    Pick<SequenceFields, 'name' | 'steps'>
  > &
    SequenceFields,
): Promise<SequenceRow> {
  const { rows } = await db.query<SequenceRow>(
    `INSERT INTO sequences (account_id, owner_id, name, steps, settings, unenrollment_triggers, created_at, updated_at)
     VALUES ($1::uuid, $2::uuid, $3::text, $4::jsonb, $5::jsonb, $6::jsonb, $7::timestamptz, $7::timestamptz)
     RETURNING *`,
    [
      input.accountId,
      input.ownerId,
      input.name,
      JSON.stringify(input.steps),
      JSON.stringify(input.settings ?? {}),
      JSON.stringify(input.unenrollmentTriggers ?? []),
      input.now,
    ],
  );
  return rows[0];
}

/** Changes only the fields given; `settings` are merged key by key. */
export async function updateSequence(
  db: Queryable,
  accountId: string,
  id: string,
  fields: SequenceFields,
  now: Date,
): Promise<SequenceRow | undefined> {
  const { rows } = await db.query<SequenceRow>(
    `UPDATE sequences SET
       name = coalesce($3::text, name),
       steps = coalesce($4::jsonb, steps),
       settings = settings || coalesce($5::jsonb, '{}'::jsonb),
       unenrollment_triggers = coalesce($6::jsonb, unenrollment_triggers),
       updated_at = $7::timestamptz
     WHERE account_id = $1::uuid AND id = $2::uuid AND deleted_at IS NULL
     RETURNING *`,
    [
      accountId,
      id,
      fields.name ?? null,
      fields.steps ? JSON.stringify(fields.steps) : null,
      fields.settings ? JSON.stringify(fields.settings) : null,
      fields.unenrollmentTriggers ? JSON.stringify(fields.unenrollmentTriggers) : null,
      now,
    ],
  );
  return rows[0];
}

export async function softDeleteSequence(
  db: Queryable,
  accountId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE sequences SET deleted_at = $3::timestamptz, updated_at = $3::timestamptz
     WHERE account_id = $1::uuid AND id = $2::uuid AND deleted_at IS NULL`,
    [accountId, id, now],
  );
  return rowCount > 0;
}

/**
 * The sequence's performance figures, computed from what is never deleted or
 * rewritten (enrollments, sent messages, engagements), so unenrolling cannot
 * change them (E3).
 */
export async function sequencePerformance(db: Queryable, sequenceId: string): Promise<Performance> {
  const { rows } = await db.query<{
    enrolled: number;
    active: number;
    paused: number;
    unenrolled: number;
    by_reason: Record<string, number> | null;
    emails_sent: number;
    replies: number;
    meetings: number;
    bounces: number;
  }>(
    // The statuses in one pass over enrollments_sequence_status_page (index only), not four;
    // the reasons read the unenrolled rows alone.
    `WITH by_status AS (
       SELECT status, count(*)::int AS n FROM enrollments WHERE sequence_id = $1::uuid GROUP BY status
     )
     SELECT
       (SELECT coalesce(sum(n), 0) FROM by_status)::int AS enrolled,
       (SELECT coalesce(sum(n), 0) FROM by_status WHERE status = 'active')::int AS active,
       (SELECT coalesce(sum(n), 0) FROM by_status WHERE status = 'paused')::int AS paused,
       (SELECT coalesce(sum(n), 0) FROM by_status WHERE status = 'unenrolled')::int AS unenrolled,
       (SELECT jsonb_object_agg(unenroll_reason, n) FROM (
          SELECT unenroll_reason, count(*)::int AS n FROM enrollments
          WHERE sequence_id = $1::uuid AND status = 'unenrolled' GROUP BY unenroll_reason) r) AS by_reason,
       (SELECT count(*) FROM sent_messages WHERE sequence_id = $1::uuid)::int AS emails_sent,
       (SELECT count(*) FROM engagements WHERE sequence_id = $1::uuid AND type = 'reply')::int AS replies,
       (SELECT count(*) FROM engagements WHERE sequence_id = $1::uuid AND type = 'meeting')::int AS meetings,
       (SELECT count(*) FROM engagements WHERE sequence_id = $1::uuid AND type = 'bounce')::int AS bounces`,
    [sequenceId],
  );
  const row = rows[0];
  return {
    enrolled: row.enrolled,
    active: row.active,
    paused: row.paused,
    unenrolled: row.unenrolled,
    unenrolledByReason: row.by_reason ?? {},
    emailsSent: row.emails_sent,
    replies: row.replies,
    meetings: row.meetings,
    bounces: row.bounces,
  };
}

/** The owner as the sequence summary names them. */
export async function findSequenceOwner(
  db: Queryable,
  ownerId: string,
): Promise<{ id: string; name: string; email: string } | null> {
  const { rows } = await db.query<{ id: string; name: string; email: string }>(
    `SELECT id, name, email FROM users WHERE id = $1::uuid`,
    [ownerId],
  );
  return rows[0] ?? null;
}

export interface SequenceOverviewRow {
  id: string;
  name: string;
  owner_id: string;
  owner_name: string | null;
  steps: number;
  enrolled: number;
  active: number;
  paused: number;
  unenrolled: number;
  emails_sent: number;
  sent_to: number;
  replied: number;
  replies: number;
  created_at: Date;
}

/** `q` as a LIKE pattern matching it anywhere, literally: `%` and `_` in it are not wildcards. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** The figures kept per sequence as they change (migration 0090): a base and deltas to add. */
const SEQUENCE_FIGURES = [
  'enrolled',
  'active',
  'paused',
  'unenrolled',
  'emails_sent',
  'sent_to',
  'replies',
  'replied',
] as const;

/**
 * Folds the figures' deltas into their base: one statement, deleting the deltas it adds. A delta
 * committed after it began stays for the next fold; two folds at once never add one twice (the
 * second finds the rows gone). The worker calls it every minute; a read adds what is not folded.
 */
export async function foldSequenceFigures(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ folded: number }>(
    `WITH moved AS (
       DELETE FROM sequence_figure_deltas RETURNING *
     ), summed AS (
       SELECT sequence_id, ${SEQUENCE_FIGURES.map((name) => `sum(${name}) AS ${name}`).join(', ')}
       FROM moved GROUP BY sequence_id
     ), added AS (
       INSERT INTO sequence_figures AS f (sequence_id, ${SEQUENCE_FIGURES.join(', ')})
       SELECT * FROM summed ORDER BY sequence_id
       ON CONFLICT (sequence_id) DO UPDATE
       SET ${SEQUENCE_FIGURES.map((name) => `${name} = f.${name} + excluded.${name}`).join(', ')}
     )
     SELECT count(*)::int AS folded FROM moved`,
  );
  return rows[0].folded;
}

/**
 * The console's sequences table (C2, C6): one page of sequences, newest first (keyset on
 * created_at, id), each with its figures — ONE statement, whatever the page's size. The
 * figures are kept as they change (migration 0090: a base row and the deltas not yet folded),
 * so a page reads a few rows per sequence instead of counting every enrollment, email and reply
 * of the account (9–25 s at 1,000,000 contacts; docs/scaling.md).
 */
export async function listSequenceOverview(
  db: Queryable,
  accountId: string,
  page: { q?: string; after?: { createdAt: Date; id: string }; limit: number },
): Promise<SequenceOverviewRow[]> {
  const where = new Conditions();
  where.and(`s.account_id = ${where.param(accountId)}::uuid AND s.deleted_at IS NULL`);
  if (page.q)
    where.and(`lower(s.name) LIKE lower(${where.param(containsPattern(page.q))}::text) ESCAPE '\\'`);
  if (page.after)
    where.and(
      `(s.created_at, s.id) < (${where.param(page.after.createdAt)}::timestamptz, ${where.param(page.after.id)}::uuid)`,
    );
  const limit = where.param(page.limit);
  const { rows } = await db.query<SequenceOverviewRow>(
    // The page first, then the deltas of its sequences summed once: a busy minute leaves
    // thousands of delta rows (and a fold as many dead ones), which a scan per sequence read again.
    `WITH page AS (
       SELECT s.id, s.name, s.owner_id, s.steps, s.created_at FROM sequences s
       WHERE ${where.where}
       ORDER BY s.created_at DESC, s.id DESC
       LIMIT ${limit}::int
     ), pending AS (
       SELECT sequence_id, ${SEQUENCE_FIGURES.map((name) => `sum(${name}) AS ${name}`).join(', ')}
       FROM sequence_figure_deltas WHERE sequence_id IN (SELECT id FROM page)
       GROUP BY sequence_id
     )
     SELECT p.id, p.name, p.owner_id, u.name AS owner_name, jsonb_array_length(p.steps)::int AS steps,
            ${SEQUENCE_FIGURES.map((name) => `(coalesce(f.${name}, 0) + coalesce(d.${name}, 0))::int AS ${name}`).join(', ')},
            p.created_at
     FROM page p
     LEFT JOIN users u ON u.id = p.owner_id
     LEFT JOIN sequence_figures f ON f.sequence_id = p.id
     LEFT JOIN pending d ON d.sequence_id = p.id
     ORDER BY p.created_at DESC, p.id DESC`,
    where.values,
  );
  return rows;
}
