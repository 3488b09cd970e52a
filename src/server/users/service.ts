import { ActorType, Seat, UnenrollReason } from '../../shared/enums';
import type { Me, PatchUserBody, User } from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import type { Deps } from '../deps';
import { unenrollAllMatching } from '../enrollments/unenroll-queries';
import { AppError, notFound } from '../http/errors';
import { findUser, softDeleteUser, toUser, updateUser } from './queries';

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
  await deps.db.transaction(async (tx) => {
    const changed = await updateUser(tx, principal.accountId, id, body, now);
    if (!changed) throw notFound('The user');
    if (body.seat === Seat.none && changed.previousSeat !== Seat.none) {
      await unenrollAllMatching(
        tx,
        principal.accountId,
        { kind: 'sequenceOwner', ownerId: id },
        {
          reason: UnenrollReason.ownerDowngraded,
          at: now,
          by: { type: ActorType.user, id: principal.userId },
          detail: null,
        },
      );
    }
  });
  const row = await findUser(deps.db, principal.accountId, id);
  if (!row) throw notFound('The user');
  return toUser(row);
}

/** Removes a user (softly) and unenrolls the current enrollments of their sequences (`owner_removed`, A12). */
export async function deleteUser(deps: Deps, principal: Principal, id: string): Promise<void> {
  if (id === principal.userId)
    throw new AppError('conflict', 'You cannot remove yourself; ask another admin');
  const now = deps.clock.now();
  const deleted = await deps.db.transaction(async (tx) => {
    if (!(await softDeleteUser(tx, principal.accountId, id, now))) return false;
    await unenrollAllMatching(
      tx,
      principal.accountId,
      { kind: 'sequenceOwner', ownerId: id },
      {
        reason: UnenrollReason.ownerRemoved,
        at: now,
        by: { type: ActorType.user, id: principal.userId },
        detail: null,
      },
    );
    return true;
  });
  if (!deleted) throw notFound('The user');
  deps.principals.forgetUser(id);
}
