import type { Contact, Enrollment, EnrollmentEvent, Unenrollment } from '../../shared/schemas';

/** "Tue, 2 Dec, 09:00" in the reader's locale and time zone. */
export function formatDateTime(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The facts of the alert (SPEC O3): step N of M, next step time, who enrolled. */
export function enrollmentFacts(enrollment: Enrollment): string[] {
  // Until step 1 has run, the contact is on their way to it: "Step 1 of M", never "Step 0".
  const facts = [`Step ${Math.max(1, enrollment.currentStep)} of ${enrollment.totalSteps}`];
  if (enrollment.status === 'paused') {
    facts.push(enrollment.pausedUntil ? `Paused until ${formatDateTime(enrollment.pausedUntil)}` : 'Paused');
  } else if (enrollment.nextStepAt) {
    facts.push(`Next step ${formatDateTime(enrollment.nextStepAt)}`);
  } else {
    facts.push('No further step scheduled');
  }
  facts.push(`Enrolled by ${enrollment.enrolledBy?.name ?? 'an automation'}`);
  return facts;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

/** "2 Dec 2026": a day, for "opted out on …". */
export function formatDate(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** "11 Dec" from `YYYY-MM-DD` (a date without a time, read as that calendar day). */
function formatDay(ymd: string, locale?: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/**
 * A name for a new contact from Outlook's display name and address: "Ann Lee" → Ann / Lee,
 * "Lee, Ann" → Ann / Lee, "Ann Marie van Dyke" → Ann Marie / van Dyke (a lower-case particle
 * starts the last name), none (or the address itself) → from the address, "ann.lee@…" → Ann / Lee.
 */
export function splitName(displayName: string, email: string): { firstName: string; lastName: string } {
  const name = displayName.trim().replace(/^"|"$/g, '').trim();
  const capital = (word: string) => (word ? word[0].toUpperCase() + word.slice(1) : word);
  if (!name || name.toLowerCase() === email.toLowerCase() || name.includes('@')) {
    const words = (email.split('@')[0] ?? '').split(/[._-]+/).filter((w) => w && !/^\d+$/.test(w));
    if (words.length === 0) return { firstName: '', lastName: '' };
    return { firstName: capital(words[0]), lastName: words.slice(1).map(capital).join(' ') };
  }
  const comma = /^([^,]+),\s*(.+)$/.exec(name);
  if (comma) return { firstName: comma[2].trim(), lastName: comma[1].trim() };
  const words = name.split(/\s+/);
  if (words.length === 1) return { firstName: words[0], lastName: '' };
  const particle = words.findIndex(
    (w, i) => i > 0 && /^(van|von|de|der|den|da|di|du|del|la|le|ter|ten)$/.test(w),
  );
  const split = particle > 0 ? particle : words.length - 1;
  return { firstName: words.slice(0, split).join(' '), lastName: words.slice(split).join(' ') };
}

/** The subject in an inbound label (`reply "Re: Hi" from …`), without its Re:/Fwd: prefixes. */
function quotedSubject(detail: string | null): string | null {
  const quoted = detail ? /"([^"]*)"/.exec(detail)?.[1] : undefined;
  if (quoted === undefined) return null;
  return quoted.replace(/^((re|fw|fwd|aw|sv|wg)\s*:\s*)+/i, '').trim() || null;
}

const REASON_WORDS: Record<string, string> = {
  manual: 'Unenrolled by hand',
  replied: 'Replied',
  emailed: 'Wrote in',
  replied_other_address: 'Replied from another address',
  emailed_from_alias: 'Wrote from another address',
  company_replied: 'Someone at their company replied',
  meeting_booked: 'Booked a meeting',
  unsubscribed: 'Unsubscribed',
  bounced: 'Email bounced',
  workflow: 'Unenrolled by a workflow',
  trigger: 'Unenrolled by a trigger',
  completed: 'Finished the sequence',
  sequence_deleted: 'The sequence was deleted',
  owner_removed: 'The owner left',
  owner_downgraded: 'The owner lost their sales seat',
  contact_deleted: 'The contact was deleted',
  manual_email: 'You wrote to them by hand',
};

/** How an enrollment ended, in a rep's words: "Replied to “Quick question”", "Unsubscribed". */
export function endedWords(unenrollment: Unenrollment): string {
  const words = REASON_WORDS[unenrollment.reason] ?? unenrollment.reason;
  if (unenrollment.reason === 'replied' || unenrollment.reason === 'replied_other_address') {
    const subject = quotedSubject(unenrollment.detail);
    return subject ? `${words} to “${subject}”` : words;
  }
  if (unenrollment.reason === 'manual' && unenrollment.detail) return `${words}: ${unenrollment.detail}`;
  return words;
}

export interface HistoryLine {
  key: string;
  at: string;
  text: string;
}

/** One event of an enrollment's history in words; null for the ones a rep need not see. */
export function historyLine(
  event: EnrollmentEvent,
  enrollment: Pick<Enrollment, 'enrolledBy' | 'sequenceName'>,
  index: number,
): HistoryLine | null {
  const line = (text: string) => ({ key: `${event.type}-${event.at}-${index}`, at: event.at, text });
  const data = event.data ?? {};
  switch (event.type) {
    case 'enrolled':
      return line(
        `Enrolled in ${enrollment.sequenceName} by ${
          event.by.type === 'user' ? (enrollment.enrolledBy?.name ?? 'a user') : 'an automation'
        }`,
      );
    case 'email_sent':
      return line(
        `Email sent${typeof data.step === 'number' ? ` (step ${data.step})` : ''}: “${event.detail ?? ''}”`,
      );
    case 'email_rejected':
      return line('Email refused by their mail server');
    case 'task_created':
      return line(`Task created${event.detail ? `: ${event.detail}` : ''}`);
    case 'task_completed':
      return line('Task completed');
    case 'paused': {
      const until = typeof data.until === 'string' ? data.until : null;
      if (event.detail && /^Out of office until/.test(event.detail) && until)
        return line(`Out of office until ${formatDay(until)} — paused`);
      return line(until ? `Paused until ${formatDay(until)}` : 'Paused');
    }
    case 'resumed':
      return line('Resumed');
    case 'reply_received':
      return line(
        `Reply received${quotedSubject(event.detail) ? ` to “${quotedSubject(event.detail)}”` : ''}`,
      );
    case 'auto_reply_received':
      return line('Automatic reply received');
    case 'meeting_booked':
      return line('Meeting booked');
    case 'manual_email_sent':
      return line('You wrote to them by hand');
    case 'unenrolled': {
      const reason = typeof data.reason === 'string' ? data.reason : 'manual';
      return line(
        `Unenrolled — ${endedWords({ reason: reason as Unenrollment['reason'], at: event.at, by: event.by, detail: event.detail })}`,
      );
    }
    default:
      return null;
  }
}

/**
 * Why this contact cannot be enrolled, before anyone tries (SPEC E2), or null: opted out on a
 * date, or the address bounced.
 */
export function cannotEnrollReason(contact: Contact): string | null {
  if (contact.optedOutAt) return `Opted out of sequence emails on ${formatDate(contact.optedOutAt)}`;
  if (contact.bouncedAt) return `Email to this address bounced on ${formatDate(contact.bouncedAt)}`;
  return null;
}

/** An API refusal of an enroll in words a rep understands (SPEC E2). */
export function enrollRefusal(error: unknown, contact: Contact): string {
  const code = (error as { code?: string } | null)?.code;
  const extra = (error as { extra?: { enrollment?: Enrollment | null } } | null)?.extra;
  const name = `${contact.firstName} ${contact.lastName}`.trim() || contact.email;
  switch (code) {
    case 'contact_enrolled':
      return `${name} is already enrolled in ${extra?.enrollment?.sequenceName ?? 'another sequence'}.`;
    case 'contact_opted_out':
      return `${name} opted out of sequence emails${contact.optedOutAt ? ` on ${formatDate(contact.optedOutAt)}` : ''}.`;
    case 'address_bounced':
      return `Email to ${contact.email} bounced${contact.bouncedAt ? ` on ${formatDate(contact.bouncedAt)}` : ''}; it cannot be enrolled.`;
    default:
      return `Could not enroll ${name}: ${errorMessage(error)}`;
  }
}
