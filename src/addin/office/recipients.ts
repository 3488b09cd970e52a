/// <reference types="office-js" />
import { RECIPIENT_FIELDS, recipientKey, type ItemMode, type Recipient, type RecipientField } from './types';

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

/** A message being read gives its fields as values; one being written, as objects with getAsync. */
export function itemMode(office: OfficeApi): ItemMode {
  const item = office.context.mailbox.item as { to?: unknown } | null | undefined;
  return Array.isArray(item?.to) ? 'read' : 'compose';
}

/**
 * A received message: its sender, then its other recipients (To, Cc) — never the user reading
 * it, whose own address says nothing about a sequence.
 */
function readReceived(office: OfficeApi): Recipient[] {
  const item = office.context.mailbox.item as Office.MessageRead;
  const self = office.context.mailbox.userProfile?.emailAddress ?? '';
  const from = item.from ? toRecipients([item.from], 'from') : [];
  const merged = mergeRecipients([
    from,
    toRecipients(item.to ?? [], 'to'),
    toRecipients(item.cc ?? [], 'cc'),
  ]);
  return merged.filter((recipient) => recipientKey(recipient.email) !== recipientKey(self));
}

/**
 * The item's recipients, merged and de-duplicated: a compose item's To, Cc and Bcc through
 * `getAsync`; a received message's sender, To and Cc.
 */
export async function readRecipients(office: OfficeApi): Promise<Recipient[]> {
  const item = office.context.mailbox.item as Office.MessageCompose | null | undefined;
  if (!item) return [];
  if (itemMode(office) === 'read') return readReceived(office);
  const fields = await Promise.all(
    RECIPIENT_FIELDS.map(async (field) => {
      const recipients = item[field] as Office.Recipients | undefined;
      return recipients ? toRecipients(await getAsync(office, recipients), field) : [];
    }),
  );
  return mergeRecipients(fields);
}

/**
 * The `contextData` the pane was opened with (a notification's **View contact**), read with
 * `getInitializationContextAsync` where the host has it (Mailbox 1.8); null otherwise, or when
 * the pane was opened from the ribbon (an empty string).
 */
export function readInitializationContext(office: OfficeApi): Promise<string | null> {
  const item = office.context.mailbox.item as
    | { getInitializationContextAsync?: (callback: (result: Office.AsyncResult<string>) => void) => void }
    | null
    | undefined;
  if (typeof item?.getInitializationContextAsync !== 'function') return Promise.resolve(null);
  return new Promise((resolve) =>
    item.getInitializationContextAsync!((result) =>
      resolve(result.status === office.AsyncResultStatus.Failed || !result.value ? null : result.value),
    ),
  );
}
