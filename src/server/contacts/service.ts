import { UnenrollReason } from '../../shared/enums';
import type {
  Contact,
  ContactDetail,
  ContactListItem,
  CreateContactBody,
  LookupResult,
  PatchContactBody,
} from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import type { Queryable } from '../db/port';
import type { Deps } from '../deps';
import { AppError, notFound, PgCode, pgErrorCode } from '../http/errors';
import {
  changeEnrollments,
  enrollmentRowFromJson,
  findContactEnrollments,
  toEnrollment,
  unenrollForChange,
  withEvents,
} from '../lifecycle';
import { contactTriggerState } from '../triggers/queries';
import { runTriggers } from '../triggers/service';
import {
  findContact,
  insertContact,
  referencesExist,
  softDeleteContact,
  toContact,
  updateContact,
  type ContactListRow,
  type ContactFields,
} from './queries';

const normaliseAliases = (aliases?: string[]) =>
  aliases ? [...new Set(aliases.map((alias) => alias.trim().toLowerCase()))] : undefined;

/** Company and owner must belong to the caller's account; a foreign id is as unknown as a missing one. */
async function assertReferences(db: Queryable, accountId: string, fields: ContactFields): Promise<void> {
  if (!fields.companyId && !fields.ownerId) return;
  const found = await referencesExist(db, accountId, fields);
  if (fields.companyId && !found.company)
    throw new AppError('invalid_request', 'companyId names no company of this account');
  if (fields.ownerId && !found.owner)
    throw new AppError('invalid_request', 'ownerId names no user of this account');
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

/**
 * Changes the contact and, in the same transaction, lets the unenrollment
 * triggers of its current enrollment react (A10): to its properties, and to its
 * company's when it moves to another company.
 */
export async function patchContact(
  deps: Deps,
  principal: Principal,
  id: string,
  body: PatchContactBody,
): Promise<Contact> {
  const fields = { ...body, aliases: normaliseAliases(body.aliases) };
  const { accountId } = principal;
  await assertReferences(deps.db, accountId, fields);
  const now = deps.clock.now();
  await changeEnrollments(deps, async (tx) => {
    const before = await contactTriggerState(tx, accountId, id, { lock: true });
    if (!before) throw notFound('The contact');
    await updateContact(tx, accountId, id, fields, now).catch((error: unknown) =>
      duplicateEmail(error, body.email),
    );
    const after = await contactTriggerState(tx, accountId, id);
    if (!after) throw notFound('The contact');
    await runTriggers(
      tx,
      { accountId, changedBy: principal.userId, now },
      {
        kind: 'contact',
        contactId: id,
        contact: { before: before.properties, after: after.properties },
        company: { before: before.companyProperties, after: after.companyProperties },
      },
    );
  });
  return contactOr404(deps.db, accountId, id);
}

/** Deletes the contact (softly) and unenrolls it (`contact_deleted`, A12); its history stays. */
export async function deleteContact(deps: Deps, principal: Principal, id: string): Promise<void> {
  const now = deps.clock.now();
  const deleted = await changeEnrollments(deps, async (tx) => {
    const contact = await findContact(tx, principal.accountId, id);
    if (!contact || !(await softDeleteContact(tx, principal.accountId, id, now))) return false;
    await unenrollForChange(
      tx,
      principal.accountId,
      { kind: 'contacts', contactIds: [id] },
      { kind: UnenrollReason.contactDeleted, contactEmail: contact.email },
      principal.userId,
      now,
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
  const unique = [...new Set(normalised)];
  const rows = await deps.lookups(principal.accountId, unique);
  const rowOf = new Map(unique.map((email, index) => [email, rows[index]]));
  return emails.map((email, index) => {
    const row = rowOf.get(normalised[index]);
    return {
      email,
      contact: row ? toContact(row) : null,
      enrollment: row?.enrollment ? toEnrollment(enrollmentRowFromJson(row.enrollment)) : null,
    };
  });
}

export function toContactListItem(row: ContactListRow): ContactListItem {
  return {
    ...toContact(row),
    currentEnrollment: row.enrollment ? toEnrollment(enrollmentRowFromJson(row.enrollment)) : null,
  };
}
