import { ActorType, UnenrollReason } from '../../shared/enums';
import type {
  Contact,
  ContactDetail,
  CreateContactBody,
  LookupResult,
  PatchContactBody,
} from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import type { Queryable } from '../db/port';
import type { Deps } from '../deps';
import { enrollmentRowFromJson, findContactEnrollments, toEnrollment } from '../enrollments/queries';
import { withEvents } from '../enrollments/service';
import { unenrollMatching } from '../enrollments/unenroll-queries';
import { AppError, notFound, PgCode, pgErrorCode } from '../http/errors';
import {
  findContact,
  insertContact,
  lookupByEmails,
  softDeleteContact,
  toContact,
  updateContact,
  type ContactFields,
} from './queries';

const normaliseAliases = (aliases?: string[]) =>
  aliases ? [...new Set(aliases.map((alias) => alias.trim().toLowerCase()))] : undefined;

/** Company and owner must belong to the caller's account; a foreign id is as unknown as a missing one. */
async function assertReferences(db: Queryable, accountId: string, fields: ContactFields): Promise<void> {
  if (fields.companyId) {
    const { rowCount } = await db.query(
      'SELECT 1 FROM companies WHERE account_id = $1::uuid AND id = $2::uuid',
      [accountId, fields.companyId],
    );
    if (rowCount === 0) throw new AppError('invalid_request', 'companyId names no company of this account');
  }
  if (fields.ownerId) {
    const { rowCount } = await db.query(
      'SELECT 1 FROM users WHERE account_id = $1::uuid AND id = $2::uuid AND deleted_at IS NULL',
      [accountId, fields.ownerId],
    );
    if (rowCount === 0) throw new AppError('invalid_request', 'ownerId names no user of this account');
  }
}

function duplicateEmail(error: unknown, email: string | undefined): never {
  if (pgErrorCode(error) === PgCode.uniqueViolation) {
    throw new AppError('conflict', `A contact with the email ${email} exists already`);
  }
  throw error;
}

async function contactOr404(db: Queryable, accountId: string, id: string): Promise<Contact> {
  const row = await findContact(db, accountId, id);
  if (!row) throw notFound('The contact');
  return toContact(row);
}

export async function createContact(
  deps: Deps,
  principal: Principal,
  body: CreateContactBody,
): Promise<Contact> {
  const fields = {
    ...body,
    aliases: normaliseAliases(body.aliases),
    ownerId: body.ownerId ?? principal.userId,
  };
  await assertReferences(deps.db, principal.accountId, fields);
  const id = await insertContact(deps.db, principal.accountId, fields, deps.clock.now()).catch(
    (error: unknown) => duplicateEmail(error, body.email),
  );
  return contactOr404(deps.db, principal.accountId, id);
}

export async function getContact(deps: Deps, principal: Principal, id: string): Promise<ContactDetail> {
  const contact = await contactOr404(deps.db, principal.accountId, id);
  const enrollments = await findContactEnrollments(deps.db, principal.accountId, id);
  return { ...contact, enrollments: await withEvents(deps.db, enrollments) };
}

export async function patchContact(
  deps: Deps,
  principal: Principal,
  id: string,
  body: PatchContactBody,
): Promise<Contact> {
  const fields = { ...body, aliases: normaliseAliases(body.aliases) };
  await assertReferences(deps.db, principal.accountId, fields);
  const found = await updateContact(deps.db, principal.accountId, id, fields, deps.clock.now()).catch(
    (error: unknown) => duplicateEmail(error, body.email),
  );
  if (!found) throw notFound('The contact');
  return contactOr404(deps.db, principal.accountId, id);
}

/** Deletes the contact (softly) and unenrolls it (`contact_deleted`, A12); its history stays. */
export async function deleteContact(deps: Deps, principal: Principal, id: string): Promise<void> {
  const now = deps.clock.now();
  const deleted = await deps.db.transaction(async (tx) => {
    if (!(await softDeleteContact(tx, principal.accountId, id, now))) return false;
    await unenrollMatching(
      tx,
      principal.accountId,
      { kind: 'contacts', contactIds: [id] },
      {
        reason: UnenrollReason.contactDeleted,
        at: now,
        by: { type: ActorType.user, id: principal.userId },
        detail: null,
      },
    );
    return true;
  });
  if (!deleted) throw notFound('The contact');
}

/**
 * O3: one call for every recipient of a message. Case-insensitive, primary
 * address or alias; answers in request order, one result per address given.
 */
export async function lookupContacts(
  deps: Deps,
  principal: Principal,
  emails: string[],
): Promise<LookupResult[]> {
  const normalised = emails.map((email) => email.trim().toLowerCase());
  const rows = await lookupByEmails(deps.db, principal.accountId, [...new Set(normalised)]);
  const byEmail = new Map(
    rows.map((row) => [
      row.matched_email,
      {
        contact: toContact(row),
        enrollment: row.enrollment ? toEnrollment(enrollmentRowFromJson(row.enrollment)) : null,
      },
    ]),
  );
  return emails.map((email, index) => ({
    email,
    ...(byEmail.get(normalised[index]) ?? { contact: null, enrollment: null }),
  }));
}
