import type { EnrollmentStatus } from '../../shared/enums';
import type { UnenrollmentTrigger } from '../../shared/schemas';
import type { Queryable } from '../db/port';
import { IS_CURRENT } from '../lifecycle';
import type { Properties } from '../engine/trigger-rules';

export interface ContactTriggerState {
  properties: Properties;
  companyId: string | null;
  /** The properties of the contact's company; null when it has none. */
  companyProperties: Properties | null;
}

/**
 * What the triggers look at on a live contact. `lock` takes the contact's row
 * lock first, so two changes of one contact see each other's result as their
 * "before" instead of both seeing the same one.
 */
export async function contactTriggerState(
  db: Queryable,
  accountId: string,
  contactId: string,
  options: { lock?: boolean } = {},
): Promise<ContactTriggerState | undefined> {
  const { rows } = await db.query<{
    properties: Properties;
    company_id: string | null;
    company_properties: Properties | null;
  }>(
    `SELECT c.properties, c.company_id, co.properties AS company_properties
     FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
     WHERE c.account_id = $1::uuid AND c.id = $2::uuid AND c.deleted_at IS NULL
     ${options.lock ? 'FOR UPDATE OF c' : ''}`,
    [accountId, contactId],
  );
  const row = rows[0];
  return (
    row && {
      properties: row.properties,
      companyId: row.company_id,
      companyProperties: row.company_properties,
    }
  );
}

/** The company's properties, its row locked for the change that follows. */
export async function lockCompanyProperties(
  db: Queryable,
  accountId: string,
  companyId: string,
): Promise<Properties | undefined> {
  const { rows } = await db.query<{ properties: Properties }>(
    `SELECT properties FROM companies WHERE account_id = $1::uuid AND id = $2::uuid FOR UPDATE`,
    [accountId, companyId],
  );
  return rows[0]?.properties;
}

export interface TriggerCandidateRow {
  id: string;
  contact_id: string;
  status: EnrollmentStatus;
  triggers: UnenrollmentTrigger[];
}

/**
 * The active or paused enrollments of these contacts (or of the live contacts
 * of a company) whose sequence has triggers: the only ones a change can end.
 */
export async function findTriggerCandidates(
  db: Queryable,
  accountId: string,
  of: { contactIds: string[] } | { companyId: string },
): Promise<TriggerCandidateRow[]> {
  const contacts =
    'contactIds' in of
      ? 'e.contact_id = ANY($2::uuid[])'
      : `e.contact_id IN (SELECT c.id FROM contacts c
                          WHERE c.account_id = $1::uuid AND c.company_id = $2::uuid AND c.deleted_at IS NULL)`;
  const { rows } = await db.query<TriggerCandidateRow>(
    `SELECT e.id, e.contact_id, e.status, s.unenrollment_triggers AS triggers
     FROM enrollments e JOIN sequences s ON s.id = e.sequence_id
     WHERE e.account_id = $1::uuid AND ${contacts}
       AND e.status ${IS_CURRENT} AND jsonb_array_length(s.unenrollment_triggers) > 0`,
    [accountId, 'contactIds' in of ? of.contactIds : of.companyId],
  );
  return rows;
}
