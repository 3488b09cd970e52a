import { MERGE_FIELDS, UnenrollReason } from '../../shared/enums';
import type {
  CreateSequenceBody,
  PatchSequenceBody,
  SequenceDetail,
  Step,
  UnenrollmentTrigger,
} from '../../shared/schemas';
import { isAdmin, type Principal } from '../auth/claims';
import type { Deps } from '../deps';
import { lifecycleUnenrollment, sequenceDeletionRefusal } from '../engine/lifecycle-rules';
import { unknownMergeFields } from '../engine/render-template';
import { triggerProblems } from '../engine/trigger-rules';
import { unenrollAllMatching } from '../enrollments/unenroll-queries';
import { AppError, notFound } from '../http/errors';
import {
  findSequence,
  insertSequence,
  sequencePerformance,
  softDeleteSequence,
  toSequence,
  updateSequence,
  type SequenceRow,
} from './queries';

async function detail(deps: Deps, row: SequenceRow): Promise<SequenceDetail> {
  return { ...toSequence(row), performance: await sequencePerformance(deps.db, row.id) };
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
 * Deletes the sequence (softly) and unenrolls its current enrollments
 * (`sequence_deleted`, A12), in one transaction. Only its owner or an admin may.
 */
export async function deleteSequence(deps: Deps, principal: Principal, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const sequence = await findSequence(tx, principal.accountId, id);
    if (!sequence) throw notFound('The sequence');
    const refusal = sequenceDeletionRefusal({
      actorUserId: principal.userId,
      actorIsAdmin: isAdmin(principal),
      ownerId: sequence.owner_id,
    });
    if (refusal) throw new AppError('forbidden', refusal);
    // A concurrent delete may have won since the read: then it did the unenrolling.
    if (!(await softDeleteSequence(tx, principal.accountId, id, now))) throw notFound('The sequence');
    await unenrollAllMatching(
      tx,
      principal.accountId,
      { kind: 'sequence', sequenceId: id },
      lifecycleUnenrollment(
        { kind: UnenrollReason.sequenceDeleted, sequenceName: sequence.name },
        principal.userId,
        now,
      ),
    );
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
