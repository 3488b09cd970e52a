import {
  lifecycleUnenrollment,
  seatChangeUnenrolls,
  sequenceDeletionRefusal,
  userRemovalRefusal,
} from '../../../src/server/engine/lifecycle-rules';
import { workflowTarget, workflowTierRefusal } from '../../../src/server/engine/workflow-rules';
import type { Seat } from '../../../src/shared/enums';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('lifecycle rules (A12, E4)', () => {
  test.each([
    [{ kind: 'sequence_deleted', sequenceName: 'Q1 outreach' }, 'The sequence "Q1 outreach" was deleted'],
    [
      { kind: 'owner_removed', ownerEmail: 'rep@contoso.example' },
      "The sequence's owner rep@contoso.example was removed from the account",
    ],
    [
      { kind: 'owner_downgraded', ownerEmail: 'rep@contoso.example' },
      "The sequence's owner rep@contoso.example lost their sales seat",
    ],
    [
      { kind: 'contact_deleted', contactEmail: 'ann@fabrikam.example' },
      'The contact ann@fabrikam.example was deleted',
    ],
  ] as const)('%j: reason, who, when and why', (change, detail) => {
    expect(lifecycleUnenrollment(change, 'admin-1', NOW)).toEqual({
      reason: change.kind,
      at: NOW,
      by: { type: 'user', id: 'admin-1' },
      detail,
    });
  });

  test.each<[Seat, Seat | undefined, boolean]>([
    ['sales', 'none', true],
    ['none', 'none', false],
    ['none', 'sales', false],
    ['sales', 'sales', false],
    ['sales', undefined, false],
  ])('seat %s → %s unenrolls: %s', (previous, next, expected) => {
    expect(seatChangeUnenrolls(previous, next)).toBe(expected);
  });

  test.each([
    [{ actorUserId: 'u1', actorIsAdmin: false, ownerId: 'u1' }, null],
    [{ actorUserId: 'u2', actorIsAdmin: true, ownerId: 'u1' }, null],
    [
      { actorUserId: 'u2', actorIsAdmin: false, ownerId: 'u1' },
      'Only the sequence’s owner or an admin (Sequences.Admin) can delete it',
    ],
  ])('deleting a sequence %j', (input, refusal) => {
    expect(sequenceDeletionRefusal(input)).toBe(refusal);
  });

  test('an admin cannot remove themselves, anyone else yes', () => {
    expect(userRemovalRefusal({ actorUserId: 'u1', targetUserId: 'u1' })).toMatch(/yourself/);
    expect(userRemovalRefusal({ actorUserId: 'u1', targetUserId: 'u2' })).toBeNull();
  });
});

describe('workflow rules (A9)', () => {
  test('only the Enterprise tier', () => {
    expect(workflowTierRefusal('enterprise')).toBeNull();
    expect(workflowTierRefusal('professional')).toMatch(/Enterprise/);
  });

  test.each([
    ['no current enrollment', undefined, undefined, null],
    ['the current enrollment', { id: 'e1', sequenceId: 's1' }, undefined, 'e1'],
    ['the current enrollment, in that sequence', { id: 'e1', sequenceId: 's1' }, 's1', 'e1'],
    ['enrolled in another sequence', { id: 'e1', sequenceId: 's1' }, 's2', null],
    ['not enrolled, a sequence named', undefined, 's1', null],
  ])('%s', (_name, current, sequenceId, expected) => {
    expect(workflowTarget(current, sequenceId)).toBe(expected);
  });
});
