/// <reference types="office-js" />
import { RECIPIENT_FIELDS, recipientKey, type Recipient, type RecipientField } from './types';

export type OfficeApi = typeof Office;

// Outlook hands back what was typed when a name is not resolved yet (no '@', or an empty
// address); such entries cannot be looked up, so they are skipped (SPEC O2).
const RESOLVED_ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/;

function getAsync(office: OfficeApi, recipients: Office.Recipients): Promise<Office.EmailAddressDetails[]> {
  return new Promise((resolve, reject) => {
    recipients.getAsync((result) => {
      if (result.status === office.AsyncResultStatus.Failed) {
        reject(new Error(result.error?.message || 'Outlook could not read the recipients'));
      } else {
        resolve(result.value ?? []);
      }
    });
  });
}

/** The details of one field, normalised: resolved addresses only, trimmed. */
export function toRecipients(details: Office.EmailAddressDetails[], field: RecipientField): Recipient[] {
  const recipients: Recipient[] = [];
  for (const detail of details) {
    const email = (detail.emailAddress ?? '').trim();
    if (!RESOLVED_ADDRESS.test(email)) continue;
    const name = (detail.displayName ?? '').trim();
    recipients.push({ email, name: name || email, field });
  }
  return recipients;
}

/** To, Cc and Bcc merged in that order; an address in two fields is listed once, where it first appears. */
export function mergeRecipients(fields: Recipient[][]): Recipient[] {
  const seen = new Set<string>();
  const merged: Recipient[] = [];
  for (const recipient of fields.flat()) {
    const key = recipientKey(recipient.email);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(recipient);
  }
  return merged;
}

/** The compose item's recipients (To, Cc, Bcc) through `getAsync`, merged and de-duplicated. */
export async function readRecipients(office: OfficeApi): Promise<Recipient[]> {
  const item = office.context.mailbox.item as Office.MessageCompose | null | undefined;
  if (!item) return [];
  const fields = await Promise.all(
    RECIPIENT_FIELDS.map(async (field) => {
      const recipients = item[field] as Office.Recipients | undefined;
      return recipients ? toRecipients(await getAsync(office, recipients), field) : [];
    }),
  );
  return mergeRecipients(fields);
}
