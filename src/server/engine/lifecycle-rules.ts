import { ActorType, Seat, UnenrollReason, type ActorType as Actor } from '../../shared/enums';

/**
 * A12: when the account changes under a sequence (the sequence, its owner or a
 * contact goes away), which enrollments end, who may make the change, and what
 * the audit trail says about it (E4: who, what, why, when).
 */

/** An unenrollment as the audit trail records it (matches `UnenrollmentFacts` of the unenroll queries). */
export interface LifecycleUnenrollment {
  reason: UnenrollReason;
  at: Date;
  by: { type: Actor; id: string | null };
  detail: string;
}

export type LifecycleChange =
  | { kind: typeof UnenrollReason.sequenceDeleted; sequenceName: string }
  | { kind: typeof UnenrollReason.ownerRemoved; ownerEmail: string }
  | { kind: typeof UnenrollReason.ownerDowngraded; ownerEmail: string }
  | { kind: typeof UnenrollReason.contactDeleted; contactEmail: string };

function describe(change: LifecycleChange): string {
  switch (change.kind) {
    case UnenrollReason.sequenceDeleted:
      return `The sequence "${change.sequenceName}" was deleted`;
    case UnenrollReason.ownerRemoved:
      return `The sequence's owner ${change.ownerEmail} was removed from the account`;
    case UnenrollReason.ownerDowngraded:
      return `The sequence's owner ${change.ownerEmail} lost their sales seat`;
    case UnenrollReason.contactDeleted:
      return `The contact ${change.contactEmail} was deleted`;
  }
}

/** The unenrollment a lifecycle change causes, made by the user who made the change. */
export function lifecycleUnenrollment(
  change: LifecycleChange,
  actorUserId: string,
  now: Date,
): LifecycleUnenrollment {
  return {
    reason: change.kind,
    at: now,
    by: { type: ActorType.user, id: actorUserId },
    detail: describe(change),
  };
}

/** Only taking the sales seat away ends the owner's enrollments; giving it back restores nothing (E3). */
export function seatChangeUnenrolls(previous: Seat, next: Seat | undefined): boolean {
  return previous === Seat.sales && next === Seat.none;
}

/**
 * Who may delete a sequence: its owner, or an admin. Deleting unenrolls every
 * contact in it, other reps' enrollments included, and cannot be undone; a
 * colleague's sequence is not a rep's to end. Null when allowed, else why not.
 */
export function sequenceDeletionRefusal(input: {
  actorUserId: string;
  actorIsAdmin: boolean;
  ownerId: string;
}): string | null {
  if (input.actorIsAdmin || input.actorUserId === input.ownerId) return null;
  return 'Only the sequence’s owner or an admin (Sequences.Admin) can delete it';
}

/** An admin cannot remove themselves: the account could be left with no admin able to undo it. */
export function userRemovalRefusal(input: { actorUserId: string; targetUserId: string }): string | null {
  return input.actorUserId === input.targetUserId ? 'You cannot remove yourself; ask another admin' : null;
}
