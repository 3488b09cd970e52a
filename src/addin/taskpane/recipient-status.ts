// What the pane says about each recipient, free of React: the panel's rows and the boot
// script's early view (./early-state) say it in the same words.
import type { LookupResult } from '../../shared/schemas';
import type { Recipient } from '../office/types';

export type RecipientStatus = 'enrolled' | 'contact' | 'unknown' | 'optedOut' | 'bounced';

export const STATUS_LABEL: Record<RecipientStatus, string> = {
  enrolled: 'Enrolled',
  contact: 'Contact',
  unknown: 'Not in CRM',
  optedOut: 'Opted out',
  bounced: 'Bounced',
};

export function recipientStatus(result: LookupResult): RecipientStatus {
  if (result.enrollment) return 'enrolled';
  if (!result.contact) return 'unknown';
  if (result.contact.optedOutAt) return 'optedOut';
  if (result.contact.bouncedAt) return 'bounced';
  return 'contact';
}

/** The contact's name when the CRM has one, else the name Outlook shows. */
export function recipientName(recipient: Recipient, result: LookupResult | undefined): string {
  const contactName = result?.contact ? `${result.contact.firstName} ${result.contact.lastName}`.trim() : '';
  return contactName || recipient.name;
}

/** The line above the rows: how many of the recipients are enrolled. */
export function enrollmentSummary(recipients: number, answered: number, enrolled: number): string {
  if (answered < recipients)
    return `Looking up ${recipients} ${recipients === 1 ? 'recipient' : 'recipients'}…`;
  if (enrolled === 0) return 'No recipient is enrolled in a sequence.';
  return `${enrolled} of ${recipients} ${recipients === 1 ? 'recipient is' : 'recipients are'} enrolled in a sequence.`;
}
