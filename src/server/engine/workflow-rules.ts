import { Tier } from '../../shared/enums';

/** A9: workflow actions are an Enterprise feature. Null when allowed, else the message for 403 `tier_required`. */
export function workflowTierRefusal(tier: Tier): string | null {
  return tier === Tier.enterprise
    ? null
    : 'Unenrolling from a workflow needs the Enterprise tier; an admin can change it with PATCH /account';
}

/**
 * Which enrollment a workflow action ends: the contact's current one (E2: at
 * most one), and with `sequenceId` only when it is in that sequence. Null when
 * there is nothing to end, which is not an error: a workflow runs on many
 * contacts and "make sure this contact is not enrolled" is already true.
 */
export function workflowTarget(
  current: { id: string; sequenceId: string } | undefined,
  sequenceId: string | undefined,
): string | null {
  if (!current) return null;
  if (sequenceId !== undefined && current.sequenceId !== sequenceId) return null;
  return current.id;
}
