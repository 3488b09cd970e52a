import { ActorType, EnrollmentStatus, UnenrollReason } from '../../shared/enums';
import type {
  BulkUnenrollBody,
  BulkUnenrollResult,
  Enrollment,
  EnrollmentWithEvents,
} from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import { findContact, findContactByEmail, isAddressRefused, type ContactRow } from '../contacts/queries';
import type { Queryable } from '../db/port';
import type { Deps } from '../deps';
import { AppError, notFound } from '../http/errors';
import {
  changeEnrollments,
  enroll as enrollContacts,
  findCurrentEnrollments,
  findEnrollment,
  findLatestEnrollment,
  pause as pauseEnrollments,
  resume as resumeEnrollments,
  toEnrollment,
  unenroll,
  unenrollInChunks,
  withEvents,
  type EnrollmentRow,
  type UnenrollCause,
} from '../lifecycle';
import { findSequence } from '../sequences/queries';

const byUser = (principal: Principal) => ({ type: ActorType.user, id: principal.userId });

async function enrollmentOr404(db: Queryable, accountId: string, id: string): Promise<EnrollmentRow> {
  const row = await findEnrollment(db, accountId, id);
  if (!row) throw notFound('The enrollment');
  return row;
}

/** E2's refusals, in the order a rep would want to hear them. */
async function assertEnrollable(db: Queryable, contact: ContactRow): Promise<void> {
  if (contact.opted_out_at) {
    throw new AppError(
      'contact_opted_out',
      `${contact.email} unsubscribed from sequence emails and cannot be enrolled`,
    );
  }
  // A8: the contact's own flag, or the address refused by a bounce whoever held it then.
  if (contact.bounced_at || (await isAddressRefused(db, contact.account_id, contact.email))) {
    throw new AppError(
      'address_bounced',
      `Email to ${contact.email} bounced; this address cannot be enrolled`,
    );
  }
}

async function alreadyEnrolled(db: Queryable, accountId: string, contact: ContactRow): Promise<AppError> {
  const [current] = await findCurrentEnrollments(db, accountId, [contact.id]);
  return new AppError(
    'contact_enrolled',
    `${contact.email} is currently enrolled in the sequence "${current?.sequence_name ?? 'another sequence'}"`,
    { enrollment: current ? toEnrollment(current) : null },
  );
}

/**
 * E1, E2: enrolls the contact. The enrollment commits with its first step due now, and
 * the step workers are woken at once (LISTEN/NOTIFY, or in-process) to run it — not
 * inside this request, so a slow mail server never holds up the API.
 */
export async function enroll(
  deps: Deps,
  principal: Principal,
  input: { sequenceId: string; contactId?: string; email?: string },
): Promise<Enrollment> {
  const now = deps.clock.now();
  const result = await changeEnrollments(
    deps,
    async (tx): Promise<{ id: string } | { conflict: ContactRow }> => {
      const contact = input.contactId
        ? await findContact(tx, principal.accountId, input.contactId)
        : await findContactByEmail(tx, principal.accountId, input.email ?? '');
      if (!contact)
        throw notFound(input.contactId ? 'The contact' : `A contact with the email ${input.email}`);
      const sequence = await findSequence(tx, principal.accountId, input.sequenceId);
      if (!sequence) throw notFound('The sequence');
      await assertEnrollable(tx, contact);
      const ids = await enrollContacts(
        tx,
        principal.accountId,
        [
          {
            sequenceId: sequence.id,
            sequenceName: sequence.name,
            contactId: contact.id,
            email: contact.email,
          },
        ],
        byUser(principal),
        now,
      );
      const id = ids.get(contact.id);
      return id ? { id } : { conflict: contact };
    },
  );
  if ('conflict' in result) throw await alreadyEnrolled(deps.db, principal.accountId, result.conflict);
  return toEnrollment(await enrollmentOr404(deps.db, principal.accountId, result.id));
}

export async function getEnrollment(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<EnrollmentWithEvents> {
  const row = await enrollmentOr404(deps.db, principal.accountId, id);
  const [withHistory] = await withEvents(deps.db, [row]);
  return withHistory;
}

function manualCause(deps: Deps, principal: Principal, detail?: string): UnenrollCause {
  return {
    reason: UnenrollReason.manual,
    at: deps.clock.now(),
    by: byUser(principal),
    detail: detail ?? null,
  };
}

/** E3–E5: unenrolls one enrollment; an enrollment unenrolled already answers unchanged. */
export async function unenrollOne(
  deps: Deps,
  principal: Principal,
  id: string,
  detail?: string,
): Promise<Enrollment> {
  const { matched } = await changeEnrollments(deps, (tx) =>
    unenroll(tx, principal.accountId, { kind: 'ids', ids: [id] }, manualCause(deps, principal, detail)),
  );
  if (matched === 0) throw notFound('The enrollment');
  return toEnrollment(await enrollmentOr404(deps.db, principal.accountId, id));
}

/**
 * M5: many at once, by ids (≤ 10,000, one statement) or every current enrollment of a
 * sequence (optionally of one status). `alreadyUnenrolled` counts only enrollments the
 * request named or matched that had ended before it.
 */
export async function unenrollBulk(
  deps: Deps,
  principal: Principal,
  body: BulkUnenrollBody,
): Promise<BulkUnenrollResult> {
  const cause = manualCause(deps, principal, body.detail);
  if ('ids' in body) {
    const ids = [...new Set(body.ids.map((id) => id.toLowerCase()))];
    const { matched, unenrolledIds } = await changeEnrollments(deps, (tx) =>
      unenroll(tx, principal.accountId, { kind: 'ids', ids }, cause),
    );
    return {
      unenrolled: unenrolledIds.length,
      alreadyUnenrolled: matched - unenrolledIds.length,
      notFound: ids.length - matched,
    };
  }
  const sequence = await findSequence(deps.db, principal.accountId, body.sequenceId, {
    includeDeleted: true,
  });
  if (!sequence) throw notFound('The sequence');
  // Chunks of their own transactions: 100,000 enrollments never hold their locks at once.
  const { matched, unenrolledIds } = await unenrollInChunks(
    deps,
    principal.accountId,
    { kind: 'sequence', sequenceId: sequence.id, status: body.status },
    cause,
  );
  // Matched = current when the statement ran; those a concurrent unenroll ended first are "already".
  return { unenrolled: unenrolledIds.length, alreadyUnenrolled: matched - unenrolledIds.length, notFound: 0 };
}

/** M1: unenrolls the contact from its current sequence; answers the contact's latest enrollment. */
export async function unenrollContact(
  deps: Deps,
  principal: Principal,
  contactId: string,
  detail?: string,
): Promise<Enrollment> {
  const contact = await findContact(deps.db, principal.accountId, contactId);
  if (!contact) throw notFound('The contact');
  await changeEnrollments(deps, (tx) =>
    unenroll(
      tx,
      principal.accountId,
      { kind: 'contacts', contactIds: [contact.id] },
      manualCause(deps, principal, detail),
    ),
  );
  const latest = await findLatestEnrollment(deps.db, principal.accountId, contact.id);
  if (!latest) throw notFound('An enrollment of this contact');
  return toEnrollment(latest);
}

/**
 * Pauses an active enrollment: no step runs until it is resumed (by a person, or by the
 * worker at `pausedUntil`). Pausing a paused enrollment changes nothing.
 */
export async function pause(
  deps: Deps,
  principal: Principal,
  id: string,
  until: Date | null = null,
): Promise<Enrollment> {
  return changeState(deps, principal, id, EnrollmentStatus.paused, until);
}

/** Resumes a paused enrollment; the time left until its next step when it was paused is served from now. */
export async function resume(deps: Deps, principal: Principal, id: string): Promise<Enrollment> {
  return changeState(deps, principal, id, EnrollmentStatus.active);
}

async function changeState(
  deps: Deps,
  principal: Principal,
  id: string,
  target: typeof EnrollmentStatus.active | typeof EnrollmentStatus.paused,
  until: Date | null = null,
): Promise<Enrollment> {
  const now = deps.clock.now();
  await changeEnrollments(deps, async (tx) => {
    const row = await findEnrollment(tx, principal.accountId, id, { forUpdate: true });
    if (!row) throw notFound('The enrollment');
    if (row.status === EnrollmentStatus.unenrolled) {
      throw new AppError('conflict', 'This enrollment has ended; enroll the contact again instead');
    }
    if (target === EnrollmentStatus.paused) {
      await pauseEnrollments(
        tx,
        principal.accountId,
        [id],
        { until: until && { at: until }, by: byUser(principal) },
        now,
      );
    } else {
      await resumeEnrollments(tx, principal.accountId, [id], byUser(principal), now);
    }
  });
  return toEnrollment(await enrollmentOr404(deps.db, principal.accountId, id));
}
