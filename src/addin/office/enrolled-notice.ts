import type { LookupResult } from '../../shared/schemas';

/** The key of the one notification the add-in keeps on a message. */
export const NOTIFICATION_KEY = 'salesToolsEnrolled';
/** The id of the compose button (manifest.xml, addin-definitions.js) whose pane the action opens. */
export const SHOW_PANE_COMMAND_ID = 'msgComposeOpenPaneButton';
/** Outlook refuses a notification message longer than this. */
export const MAX_MESSAGE_LENGTH = 150;

/** What the notification's action hands the task pane (`getInitializationContextAsync`). */
export interface PaneContext {
  /** Open the card of the contact with this address. */
  email?: string;
  contactId?: string;
}

export interface EnrolledNotice {
  message: string;
  actionText: string;
  context: PaneContext;
}

const nameOf = (result: LookupResult): string => {
  const contact = result.contact;
  const name = contact ? `${contact.firstName} ${contact.lastName}`.trim() : '';
  return name || result.email;
};

function clip(text: string): string {
  return text.length <= MAX_MESSAGE_LENGTH ? text : `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}

/**
 * The notification's words for the enrolled recipients (none: null, and the notification goes).
 * "Ann Lee is enrolled in a sequence: Q4 outreach (step 2 of 4)", or "3 recipients are enrolled
 * in a sequence: Ann Lee, Bo Chen, Cara Diaz".
 */
export function enrolledNotice(results: LookupResult[]): EnrolledNotice | null {
  const enrolled = results.filter((result) => result.contact && result.enrollment);
  if (enrolled.length === 0) return null;
  if (enrolled.length === 1) {
    const [only] = enrolled;
    const enrollment = only.enrollment!;
    const step = Math.max(1, enrollment.currentStep);
    const paused = enrollment.status === 'paused' ? ', paused' : '';
    return {
      message: clip(
        `${nameOf(only)} is enrolled in a sequence: ${enrollment.sequenceName} (step ${step} of ${enrollment.totalSteps}${paused})`,
      ),
      actionText: 'View contact',
      context: { email: only.email, contactId: only.contact!.id },
    };
  }
  return {
    message: clip(
      `${enrolled.length} recipients are enrolled in a sequence: ${enrolled.map(nameOf).join(', ')}`,
    ),
    actionText: 'View recipients',
    context: {},
  };
}
