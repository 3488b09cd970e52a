import { UnenrollReason } from '../../shared/enums';
import type { Me, PatchUserBody, User } from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import type { Deps } from '../deps';
import { seatChangeUnenrolls, userRemovalRefusal } from '../engine/lifecycle-rules';
import { AppError, notFound } from '../http/errors';
import { changeEnrollments, unenrollForChange } from '../lifecycle';
import { findUser, softDeleteUser, toUser, updateUser } from '../accounts/queries';

export async function me(deps: Deps, principal: Principal): Promise<Me> {
  const row = await findUser(deps.db, principal.accountId, principal.userId);
  if (!row) throw notFound('Your user');
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    accountId: row.account_id,
    tier: row.tier,
    seat: row.seat,
    roles: principal.roles,
    scopes: principal.scopes,
    timeZone: row.time_zone,
    signature: row.signature,
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Changes a user. Taking the sales seat away unenrolls the current enrollments
 * of every sequence the user created (`owner_downgraded`, A12), in the same
 * transaction as the change.
 */
export async function patchUser(
  deps: Deps,
  principal: Principal,
  id: string,
  body: PatchUserBody,
): Promise<User> {
  if (body.timeZone && !isTimeZone(body.timeZone)) {
    throw new AppError(
      'invalid_request',
      `"${body.timeZone}" is not an IANA time zone such as Europe/Berlin`,
    );
  }
  const now = deps.clock.now();
  await changeEnrollments(deps, async (tx) => {
    const changed = await updateUser(tx, principal.accountId, id, body, now);
    if (!changed) throw notFound('The user');
    const user = await findUser(tx, principal.accountId, id);
    if (user && seatChangeUnenrolls(changed.previousSeat, body.seat)) {
      await unenrollForChange(
        tx,
        principal.accountId,
        { kind: 'sequenceOwner', ownerId: id },
        { kind: UnenrollReason.ownerDowngraded, ownerEmail: user.email },
        principal.userId,
        now,
      );
    }
  });
  const row = await findUser(deps.db, principal.accountId, id);
  if (!row) throw notFound('The user');
  return toUser(row);
}

/** Removes a user (softly) and unenrolls the current enrollments of their sequences (`owner_removed`, A12). */
export async function deleteUser(deps: Deps, principal: Principal, id: string): Promise<void> {
  const refusal = userRemovalRefusal({ actorUserId: principal.userId, targetUserId: id.toLowerCase() });
  if (refusal) throw new AppError('conflict', refusal);
  const now = deps.clock.now();
  const deleted = await changeEnrollments(deps, async (tx) => {
    const user = await findUser(tx, principal.accountId, id);
    if (!user || !(await softDeleteUser(tx, principal.accountId, id, now))) return false;
    await unenrollForChange(
      tx,
      principal.accountId,
      { kind: 'sequenceOwner', ownerId: id },
      { kind: UnenrollReason.ownerRemoved, ownerEmail: user.email },
      principal.userId,
      now,
    );
    return true;
  });
  if (!deleted) throw notFound('The user');
  deps.principals.forgetUser(id);
}
