import { ActorType, EventType, UnenrollReason, type EnrollmentStatus } from '../../shared/enums';
import type {
  BulkUnenrollBody,
  BulkUnenrollResult,
  Enrollment,
  EnrollmentWithEvents,
} from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import { findContact, findContactByEmail, type ContactRow } from '../contacts/queries';
import type { Queryable } from '../db/port';
import type { Deps } from '../deps';
import { AppError, notFound } from '../http/errors';
import { findSequence } from '../sequences/queries';
import { executeNextStep } from '../steps/execute-step';
import {
  appendEvent,
  findCurrentEnrollments,
  findEnrollment,
  findEvents,
  insertEnrollment,
  toEnrollment,
  type EnrollmentRow,
} from './queries';
import { unenrollAllMatching, unenrollMatching, type UnenrollmentFacts } from './unenroll-queries';

const byUser = (principal: Principal) => ({ type: ActorType.user, id: principal.userId });

export async function withEvents(db: Queryable, rows: EnrollmentRow[]): Promise<EnrollmentWithEvents[]> {
  const events = await findEvents(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...toEnrollment(row), events: events.get(row.id) ?? [] }));
}

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
  const { rowCount } = await db.query(
    'SELECT 1 FROM bounced_addresses WHERE account_id = $1::uuid AND address_lower = lower($2::text)',
    [contact.account_id, contact.email],
  );
  if (contact.bounced_at || rowCount > 0) {
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
 * E1, E2: enrolls the contact and runs the first step at once, in one
 * transaction, so a failed first step leaves no half-made enrollment behind.
 */
export async function enroll(
  deps: Deps,
  principal: Principal,
  input: { sequenceId: string; contactId?: string; email?: string },
): Promise<Enrollment> {
  const now = deps.clock.now();
  const result = await deps.db.transaction(async (tx): Promise<{ id: string } | { conflict: ContactRow }> => {
    const contact = input.contactId
      ? await findContact(tx, principal.accountId, input.contactId)
      : await findContactByEmail(tx, principal.accountId, input.email ?? '');
    if (!contact) throw notFound(input.contactId ? 'The contact' : `A contact with the email ${input.email}`);
    const sequence = await findSequence(tx, principal.accountId, input.sequenceId);
    if (!sequence) throw notFound('The sequence');
    await assertEnrollable(tx, contact);

    const id = await insertEnrollment(tx, {
      accountId: principal.accountId,
      sequenceId: sequence.id,
      contactId: contact.id,
      email: contact.email,
      enrolledBy: principal.userId,
      now,
    });
    if (!id) return { conflict: contact };
    await appendEvent(tx, {
      accountId: principal.accountId,
      enrollmentId: id,
      type: EventType.enrolled,
      at: now,
      by: byUser(principal),
      data: { sequenceId: sequence.id, sequenceName: sequence.name },
    });
    await executeNextStep(tx, deps, id, now);
    return { id };
  });
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

function manualFacts(deps: Deps, principal: Principal, detail?: string): UnenrollmentFacts {
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
  const { matched } = await unenrollMatching(
    deps.db,
    principal.accountId,
    { kind: 'ids', ids: [id] },
    manualFacts(deps, principal, detail),
  );
  if (matched === 0) throw notFound('The enrollment');
  return toEnrollment(await enrollmentOr404(deps.db, principal.accountId, id));
}

/** M5: many at once, by ids (≤ 10,000, one statement) or every current enrollment of a sequence. */
export async function unenrollBulk(
  deps: Deps,
  principal: Principal,
  body: BulkUnenrollBody,
): Promise<BulkUnenrollResult> {
  const facts = manualFacts(deps, principal, body.detail);
  if ('ids' in body) {
    const ids = [...new Set(body.ids.map((id) => id.toLowerCase()))];
    const { matched, unenrolledIds } = await unenrollMatching(
      deps.db,
      principal.accountId,
      { kind: 'ids', ids },
      facts,
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
  const already = await countUnenrolled(deps.db, sequence.id);
  const unenrolled = await unenrollAllMatching(
    deps.db,
    principal.accountId,
    { kind: 'sequence', sequenceId: sequence.id, status: body.status },
    facts,
  );
  return { unenrolled: unenrolled.length, alreadyUnenrolled: already, notFound: 0 };
}

async function countUnenrolled(db: Queryable, sequenceId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM enrollments WHERE sequence_id = $1::uuid AND status = 'unenrolled'`,
    [sequenceId],
  );
  return rows[0].n;
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
  await unenrollMatching(
    deps.db,
    principal.accountId,
    { kind: 'contacts', contactIds: [contact.id] },
    manualFacts(deps, principal, detail),
  );
  const { rows } = await deps.db.query<{ id: string }>(
    `SELECT id FROM enrollments WHERE contact_id = $1::uuid ORDER BY enrolled_at DESC, id DESC LIMIT 1`,
    [contact.id],
  );
  if (!rows[0]) throw notFound('An enrollment of this contact');
  return toEnrollment(await enrollmentOr404(deps.db, principal.accountId, rows[0].id));
}

/**
 * Pauses an active enrollment: no step runs until it is resumed (by a person, or
 * by the worker at `pausedUntil`). Pausing a paused enrollment changes nothing.
 */
export async function pause(
  deps: Deps,
  principal: Principal,
  id: string,
  until: Date | null = null,
): Promise<Enrollment> {
  return changeState(deps, principal, id, 'paused', async (tx, now) => {
    await tx.query(
      `UPDATE enrollments SET status = 'paused', paused_at = $2::timestamptz, paused_until = $3::timestamptz, updated_at = $2::timestamptz
       WHERE id = $1::uuid`,
      [id, now, until],
    );
  });
}

/** Resumes a paused enrollment; the time left until its next step when it was paused is served from now. */
export async function resume(deps: Deps, principal: Principal, id: string): Promise<Enrollment> {
  return changeState(deps, principal, id, 'active', async (tx, now) => {
    await tx.query(
      `UPDATE enrollments
       SET status = 'active',
           next_step_at = CASE WHEN next_step_at IS NULL THEN NULL
                               ELSE $2::timestamptz + greatest(next_step_at - coalesce(paused_at, $2::timestamptz), interval '0') END,
           paused_at = NULL, paused_until = NULL, updated_at = $2::timestamptz
       WHERE id = $1::uuid`,
      [id, now],
    );
  });
}

async function changeState(
  deps: Deps,
  principal: Principal,
  id: string,
  target: Exclude<EnrollmentStatus, 'unenrolled'>,
  apply: (tx: Queryable, now: Date) => Promise<void>,
): Promise<Enrollment> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await findEnrollment(tx, principal.accountId, id, { forUpdate: true });
    if (!row) throw notFound('The enrollment');
    if (row.status === 'unenrolled') {
      throw new AppError('conflict', 'This enrollment has ended; enroll the contact again instead');
    }
    if (row.status === target) return;
    await apply(tx, now);
    await appendEvent(tx, {
      accountId: principal.accountId,
      enrollmentId: id,
      type: target === 'paused' ? EventType.paused : EventType.resumed,
      at: now,
      by: byUser(principal),
    });
  });
  return toEnrollment(await enrollmentOr404(deps.db, principal.accountId, id));
}
