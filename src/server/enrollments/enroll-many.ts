import { ActorType } from '../../shared/enums';
import {
  EnrollRefusalCode,
  type EnrollManyBody,
  type EnrollManyResult,
  type EnrollRefusal,
} from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import type { Deps } from '../deps';
import { notFound } from '../http/errors';
import { changeEnrollments, enroll, findCurrentEnrollments, toEnrollment } from '../lifecycle';
import { findSequence } from '../sequences/queries';
import { findEnrollCandidates } from './queries';

type Refused = Omit<EnrollRefusal, 'enrollment'>;

/**
 * E1, E2 for many contacts in one request (the console's **Enroll contacts**): the
 * contacts E2 allows are enrolled in one statement, in one transaction, and the workers
 * are woken once; every other contact is listed with E2's reason — opted out, bounced,
 * already enrolled (with that enrollment), or not found — in request order. A constant
 * number of statements whatever the number of contacts.
 */
export async function enrollMany(
  deps: Deps,
  principal: Principal,
  body: EnrollManyBody,
): Promise<EnrollManyResult> {
  const now = deps.clock.now();
  const ids = [...new Set(body.contactIds.map((id) => id.toLowerCase()))];
  const { enrolledIds, refused } = await changeEnrollments(deps, async (tx) => {
    const sequence = await findSequence(tx, principal.accountId, body.sequenceId);
    if (!sequence) throw notFound('The sequence');
    const candidates = new Map(
      (await findEnrollCandidates(tx, principal.accountId, ids)).map((row) => [row.id, row]),
    );
    const refusals = new Map<string, Refused>();
    for (const id of ids) {
      const contact = candidates.get(id);
      if (!contact)
        refusals.set(id, {
          contactId: id,
          email: null,
          code: EnrollRefusalCode.notFound,
          message: 'The contact was not found',
        });
      else if (contact.opted_out)
        refusals.set(id, {
          contactId: id,
          email: contact.email,
          code: EnrollRefusalCode.contactOptedOut,
          message: `${contact.email} unsubscribed from sequence emails and cannot be enrolled`,
        });
      else if (contact.bounced)
        refusals.set(id, {
          contactId: id,
          email: contact.email,
          code: EnrollRefusalCode.addressBounced,
          message: `Email to ${contact.email} bounced; this address cannot be enrolled`,
        });
    }
    const inputs = [...candidates.values()]
      .filter((contact) => !refusals.has(contact.id))
      .map((contact) => ({
        sequenceId: sequence.id,
        sequenceName: sequence.name,
        contactId: contact.id,
        email: contact.email,
      }));
    const enrolled = await enroll(
      tx,
      principal.accountId,
      inputs,
      { type: ActorType.user, id: principal.userId },
      now,
    );
    // The partial unique index decided (E2): whoever got no enrollment has a current one.
    for (const input of inputs)
      if (!enrolled.has(input.contactId))
        refusals.set(input.contactId, {
          contactId: input.contactId,
          email: input.email,
          code: EnrollRefusalCode.contactEnrolled,
          message: `${input.email} is currently enrolled in a sequence`,
        });
    return { enrolledIds: new Set(enrolled.values()), refused: refusals };
  });

  const current = await findCurrentEnrollments(
    deps.db,
    principal.accountId,
    ids.filter((id) => !refused.has(id) || refused.get(id)?.code === EnrollRefusalCode.contactEnrolled),
  );
  const byContact = new Map(current.map((row) => [row.contact_id, row]));
  return {
    enrolled: ids.flatMap((id) => {
      const row = byContact.get(id);
      return row && enrolledIds.has(row.id) ? [toEnrollment(row)] : [];
    }),
    refused: ids.flatMap((id): EnrollRefusal[] => {
      const refusal = refused.get(id);
      if (!refusal) return [];
      const row = byContact.get(id);
      if (refusal.code !== EnrollRefusalCode.contactEnrolled || !row)
        return [{ ...refusal, enrollment: null }];
      return [
        {
          ...refusal,
          message: `${refusal.email} is currently enrolled in the sequence "${row.sequence_name}"`,
          enrollment: toEnrollment(row),
        },
      ];
    }),
  };
}
