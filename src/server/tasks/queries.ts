import { TaskStatus, type EnrollmentStatus } from '../../shared/enums';
import type { SequenceSettings, Step, Task } from '../../shared/schemas';
import type { Queryable } from '../db/port';
import { Conditions } from '../db/conditions';
import type { Keyset } from '../http/cursor';

export interface TaskRow {
  id: string;
  account_id: string;
  enrollment_id: string;
  step_index: number;
  title: string;
  due_at: Date;
  created_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  completed_by_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  enrollment_status: EnrollmentStatus;
  sequence_id: string;
  sequence_name: string;
  contact_id: string;
  contact_email: string;
  contact_name: string;
}

const TASK_VIEW = `
  SELECT t.id, t.account_id, t.enrollment_id, t.step_index, t.title, t.due_at, t.created_at, t.completed_at,
         t.completed_by, cb.name AS completed_by_name, t.owner_id, o.name AS owner_name,
         e.status AS enrollment_status, t.sequence_id, s.name AS sequence_name,
         t.contact_id, c.email AS contact_email, trim(c.first_name || ' ' || c.last_name) AS contact_name
  FROM tasks t
  JOIN enrollments e ON e.id = t.enrollment_id
  JOIN sequences s ON s.id = t.sequence_id
  JOIN contacts c ON c.id = t.contact_id
  LEFT JOIN users o ON o.id = t.owner_id
  LEFT JOIN users cb ON cb.id = t.completed_by`;

export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    title: row.title,
    status: row.completed_at ? TaskStatus.completed : TaskStatus.open,
    step: row.step_index + 1,
    dueAt: row.due_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    completedBy: row.completed_by ? { id: row.completed_by, name: row.completed_by_name ?? '' } : null,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    enrollment: { id: row.enrollment_id, status: row.enrollment_status },
    sequence: { id: row.sequence_id, name: row.sequence_name },
    contact: { id: row.contact_id, email: row.contact_email, name: row.contact_name },
  };
}

export async function findTask(db: Queryable, accountId: string, id: string): Promise<TaskRow | undefined> {
  const { rows } = await db.query<TaskRow>(`${TASK_VIEW} WHERE t.account_id = $1::uuid AND t.id = $2::uuid`, [
    accountId,
    id,
  ]);
  return rows[0];
}

export interface TaskFilter {
  accountId: string;
  status: TaskStatus;
  /** Only this user's tasks; all of the account's when undefined. */
  ownerId?: string;
  after?: Keyset;
  limit: number;
}

/**
 * A page of tasks, keyset-paginated: open ones soonest due first on (due_at, id),
 * completed ones latest first on (completed_at, id).
 */
export async function listTasks(db: Queryable, filter: TaskFilter): Promise<TaskRow[]> {
  const open = filter.status === TaskStatus.open;
  const where = new Conditions();
  where.and(`t.account_id = ${where.param(filter.accountId)}::uuid`);
  if (filter.ownerId != null) where.and(`t.owner_id = ${where.param(filter.ownerId)}::uuid`);
  where.and(open ? 't.completed_at IS NULL' : 't.completed_at IS NOT NULL');
  if (filter.after) {
    const keyset = `(${where.param(filter.after.at)}::timestamptz, ${where.param(filter.after.id)}::uuid)`;
    where.and(open ? `(t.due_at, t.id) > ${keyset}` : `(t.completed_at, t.id) < ${keyset}`);
  }
  const limit = where.param(filter.limit);
  const { rows } = await db.query<TaskRow>(
    `${TASK_VIEW}
     WHERE ${where.where}
     ORDER BY ${open ? 't.due_at, t.id' : 't.completed_at DESC, t.id DESC'}
     LIMIT ${limit}::int`,
    where.values,
  );
  return rows;
}

/** Marks the task done; undefined when it was done already (the first completion stays). */
export async function markTaskCompleted(
  db: Queryable,
  id: string,
  userId: string,
  now: Date,
): Promise<{ id: string } | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE tasks SET completed_at = $3::timestamptz, completed_by = $2::uuid
     WHERE id = $1::uuid AND completed_at IS NULL
     RETURNING id`,
    [id, userId, now],
  );
  return rows[0];
}

export interface NewTask {
  accountId: string;
  enrollmentId: string;
  sequenceId: string;
  contactId: string;
  ownerId: string;
  stepIndex: number;
  title: string;
}

/** Creates task steps' tasks, set-based; unique on (enrollment, step). Returns the new ids by enrollment. */
export async function insertTasks(db: Queryable, inputs: NewTask[], now: Date): Promise<Map<string, string>> {
  if (inputs.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; enrollment_id: string }>(
    `INSERT INTO tasks (account_id, enrollment_id, sequence_id, contact_id, owner_id, step_index, title, due_at, created_at)
     SELECT t.account_id, t.enrollment_id, t.sequence_id, t.contact_id, t.owner_id, t.step_index, t.title,
            $2::timestamptz, $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS t(account_id uuid, enrollment_id uuid, sequence_id uuid, contact_id uuid,
          owner_id uuid, step_index int, title text)
     ON CONFLICT (enrollment_id, step_index) DO NOTHING
     RETURNING id, enrollment_id`,
    [
      JSON.stringify(
        inputs.map((t) => ({
          account_id: t.accountId,
          enrollment_id: t.enrollmentId,
          sequence_id: t.sequenceId,
          contact_id: t.contactId,
          owner_id: t.ownerId,
          step_index: t.stepIndex,
          title: t.title,
        })),
      ),
      now,
    ],
  );
  return new Map(rows.map((row) => [row.enrollment_id, row.id]));
}

/** What completing a task needs of its enrollment, read with the enrollment's row locked (the worker's lock order). */
export interface TaskEnrollment {
  status: EnrollmentStatus;
  current_step: number;
  next_step_at: Date | null;
  paused_at: Date | null;
  steps: Step[];
  settings: SequenceSettings;
  sender_time_zone: string;
}

export async function lockTaskEnrollment(
  db: Queryable,
  enrollmentId: string,
): Promise<TaskEnrollment | undefined> {
  const { rows } = await db.query<TaskEnrollment>(
    `SELECT e.status, e.current_step, e.next_step_at, e.paused_at, s.steps, s.settings,
            sender.time_zone AS sender_time_zone
     FROM enrollments e
     JOIN sequences s ON s.id = e.sequence_id
     JOIN users sender ON sender.id = coalesce(e.enrolled_by, s.owner_id)
     WHERE e.id = $1::uuid
     FOR UPDATE OF e`,
    [enrollmentId],
  );
  return rows[0];
}
