import { ActorType, UnenrollReason } from '../../shared/enums';
import { decideTriggers, type PropertyChange, type TriggerChange } from '../engine/trigger-rules';
import { unenrollEach, type LifecycleTx } from '../lifecycle';
import { findTriggerCandidates } from './queries';

/** A change of the CRM that unenrollment triggers (A10) react to. */
export type RecordChange =
  | { kind: 'contact'; contactId: string; contact: PropertyChange; company: PropertyChange }
  | { kind: 'company'; companyId: string; company: PropertyChange }
  | { kind: 'deal'; deal: { id: string; name: string }; contactIds: string[] };

const UNCHANGED: PropertyChange = { before: null, after: null };

function changeAsSeen(change: RecordChange): TriggerChange {
  switch (change.kind) {
    case 'contact':
      return { contact: change.contact, company: change.company, dealCreated: null };
    case 'company':
      // The contacts themselves did not change: their contact_property triggers cannot fire.
      return { contact: UNCHANGED, company: change.company, dealCreated: null };
    case 'deal':
      return { contact: UNCHANGED, company: UNCHANGED, dealCreated: change.deal };
  }
}

const recordId = (change: RecordChange) =>
  change.kind === 'contact'
    ? change.contactId
    : change.kind === 'company'
      ? change.companyId
      : change.deal.id;

/**
 * Evaluates the triggers of every active or paused enrollment the change
 * concerns and unenrolls those that fire (`trigger`), inside the caller's
 * transaction `tx`, so the change and its unenrollments commit together or not
 * at all. Returns the ids unenrolled.
 */
export async function runTriggers(
  tx: LifecycleTx,
  context: { accountId: string; changedBy: string; now: Date },
  change: RecordChange,
): Promise<string[]> {
  const candidates = await findTriggerCandidates(
    tx,
    context.accountId,
    change.kind === 'contact'
      ? { contactIds: [change.contactId] }
      : change.kind === 'company'
        ? { companyId: change.companyId }
        : { contactIds: change.contactIds },
  );
  if (candidates.length === 0) return [];
  const seen = changeAsSeen(change);
  const decisions = decideTriggers(
    candidates.map((row) => ({
      enrollmentId: row.id,
      contactId: row.contact_id,
      status: row.status,
      triggers: row.triggers,
    })),
    () => seen,
  );
  return unenrollEach(
    tx,
    context.accountId,
    decisions.map((decision) => ({
      id: decision.enrollmentId,
      cause: {
        reason: UnenrollReason.trigger,
        at: context.now,
        by: { type: ActorType.system, id: null },
        detail: decision.detail,
        data: {
          trigger: decision.trigger,
          change: change.kind,
          recordId: recordId(change),
          changedBy: context.changedBy,
        },
      },
    })),
  );
}
