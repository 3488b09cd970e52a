import { MERGE_FIELDS, UnenrollReason } from '../../shared/enums';
import type {
  CreateSequenceBody,
  PatchSequenceBody,
  SequenceDetail,
  SequenceOverview,
  SequenceOverviewQuery,
  Step,
  UnenrollmentTrigger,
} from '../../shared/schemas';
import { isAdmin, type Principal } from '../auth/claims';
import type { Deps } from '../deps';
import { lifecycleUnenrollment, sequenceDeletionRefusal } from '../engine/lifecycle-rules';
import { unknownMergeFields } from '../engine/render-template';
import { triggerProblems } from '../engine/trigger-rules';
import { decodeCursor, paginate } from '../http/cursor';
import { AppError, notFound } from '../http/errors';
import { unenrollInChunks } from '../lifecycle';
import {
  findSequence,
  findSequenceOwner,
  insertSequence,
  listSequenceOverview,
  sequencePerformance,
  softDeleteSequence,
  toSequence,
  updateSequence,
  type SequenceRow,
} from './queries';

async function detail(deps: Deps, row: SequenceRow): Promise<SequenceDetail> {
  const [performance, owner] = await Promise.all([
    sequencePerformance(deps.db, row.id),
    findSequenceOwner(deps.db, row.owner_id),
  ]);
  return { ...toSequence(row), performance, owner };
}

/** C2: a page of the sequences table, each sequence with its figures (one statement). */
export async function sequenceOverview(
  deps: Deps,
  principal: Principal,
  query: SequenceOverviewQuery,
): Promise<{ items: SequenceOverview[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor);
  const rows = await listSequenceOverview(deps.db, principal.accountId, {
    q: query.q?.trim() || undefined,
    after: after && { createdAt: after.at, id: after.id },
    limit: limit + 1,
  });
  const page = paginate(rows, limit, (row) => ({ at: row.created_at, id: row.id }));
  return {
    items: page.items.map((row) => ({
      id: row.id,
      name: row.name,
      owner: row.owner_name === null ? null : { id: row.owner_id, name: row.owner_name },
      steps: row.steps,
      enrolled: row.enrolled,
      active: row.active,
      paused: row.paused,
      unenrolled: row.unenrolled,
      emailsSent: row.emails_sent,
      replies: row.replies,
      replyRate: row.sent_to === 0 ? null : row.replied / row.sent_to,
      createdAt: row.created_at.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}

export async function createSequence(
  deps: Deps,
  principal: Principal,
  body: CreateSequenceBody,
): Promise<SequenceDetail> {
  assertTriggers(body.unenrollmentTriggers);
  assertTemplates(body.steps);
  const row = await insertSequence(deps.db, {
    accountId: principal.accountId,
    ownerId: principal.userId,
    now: deps.clock.now(),
    ...body,
  });
  return detail(deps, row);
}

export async function getSequence(deps: Deps, principal: Principal, id: string): Promise<SequenceDetail> {
  // A deleted sequence stays readable by id, with its performance (E3).
  const row = await findSequence(deps.db, principal.accountId, id, { includeDeleted: true });
  if (!row) throw notFound('The sequence');
  return detail(deps, row);
}

export async function patchSequence(
  deps: Deps,
  principal: Principal,
  id: string,
  body: PatchSequenceBody,
): Promise<SequenceDetail> {
  assertTriggers(body.unenrollmentTriggers);
  assertTemplates(body.steps);
  const row = await updateSequence(deps.db, principal.accountId, id, body, deps.clock.now());
  if (!row) throw notFound('The sequence');
  return detail(deps, row);
}

/**
 * Deletes the sequence (softly) and unenrolls its current enrollments (`sequence_deleted`,
 * A12). Only its owner or an admin may. The soft delete commits with the first chunk of
 * unenrollments; the rest follow in chunks of their own (`unenrollInChunks`: short
 * transactions, so 100,000 enrollments never hold their locks at once). When this returns,
 * every enrollment of the sequence has ended and no email follows (E6).
 */
export async function deleteSequence(deps: Deps, principal: Principal, id: string): Promise<void> {
  const now = deps.clock.now();
  const sequence = await findSequence(deps.db, principal.accountId, id);
  if (!sequence) throw notFound('The sequence');
  const refusal = sequenceDeletionRefusal({
    actorUserId: principal.userId,
    actorIsAdmin: isAdmin(principal),
    ownerId: sequence.owner_id,
  });
  if (refusal) throw new AppError('forbidden', refusal);
  const cause = lifecycleUnenrollment(
    { kind: UnenrollReason.sequenceDeleted, sequenceName: sequence.name },
    principal.userId,
    now,
  );
  await unenrollInChunks(deps, principal.accountId, { kind: 'sequence', sequenceId: id }, cause, {
    first: async (tx) => {
      // A concurrent delete may have won since the read: then it does the unenrolling.
      if (!(await softDeleteSequence(tx, principal.accountId, id, now))) throw notFound('The sequence');
    },
  });
}

/** Merge fields must exist: a typo in `{{firstName}}` is refused, not sent as a blank. */
function assertTemplates(steps: Step[] | undefined): void {
  const problems = (steps ?? []).flatMap((step, index) => {
    // What gets merged: an email's subject and body, a task's title (its body is a note).
    const texts = step.type === 'email' ? { subject: step.subject, body: step.body } : { title: step.title };
    return Object.entries(texts).flatMap(([field, text]) =>
      unknownMergeFields(text).map((name) => `steps[${index}].${field}: unknown merge field ${name}`),
    );
  });
  if (problems.length > 0)
    throw new AppError(
      'invalid_request',
      `${problems.join('; ')} (merge fields: ${MERGE_FIELDS.join(', ')})`,
    );
}

/** A10: the schema cannot say that a trigger's value must fit its operator; this does, precisely. */
function assertTriggers(triggers: UnenrollmentTrigger[] | undefined): void {
  const problems = (triggers ?? []).flatMap((trigger, index) =>
    triggerProblems(trigger).map((problem) => `unenrollmentTriggers[${index}]: ${problem}`),
  );
  if (problems.length > 0) throw new AppError('invalid_request', problems.join('; '));
}
