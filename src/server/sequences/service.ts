import { ActorType, UnenrollReason } from '../../shared/enums';
import type { CreateSequenceBody, PatchSequenceBody, SequenceDetail } from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import type { Deps } from '../deps';
import { unenrollAllMatching } from '../enrollments/unenroll-queries';
import { notFound } from '../http/errors';
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
  const row = await updateSequence(deps.db, principal.accountId, id, body, deps.clock.now());
  if (!row) throw notFound('The sequence');
  return detail(deps, row);
}

/** Deletes the sequence (softly) and unenrolls its current enrollments (`sequence_deleted`, A12). */
export async function deleteSequence(deps: Deps, principal: Principal, id: string): Promise<void> {
  const now = deps.clock.now();
  const deleted = await deps.db.transaction(async (tx) => {
    if (!(await softDeleteSequence(tx, principal.accountId, id, now))) return false;
    await unenrollAllMatching(
      tx,
      principal.accountId,
      { kind: 'sequence', sequenceId: id },
      {
        reason: UnenrollReason.sequenceDeleted,
        at: now,
        by: { type: ActorType.user, id: principal.userId },
        detail: null,
      },
    );
    return true;
  });
  if (!deleted) throw notFound('The sequence');
}
