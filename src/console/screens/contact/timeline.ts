import type { ContactDetail, EnrollmentEvent } from '../../../shared/schemas';
import { reasonLabel } from '../../format';

export interface TimelineEntry {
  key: string;
  at: string;
  text: string;
  sequenceName: string;
}

const who = (event: EnrollmentEvent): string => {
  if (event.byName) return ` by ${event.byName}`;
  if (event.by.type === 'contact') return ' by the contact';
  if (event.by.type === 'workflow') return ' by a workflow';
  return '';
};

const step = (event: EnrollmentEvent): string => {
  const index = event.data.stepIndex ?? event.data.step;
  return typeof index === 'number' ? ` (step ${event.data.stepIndex !== undefined ? index + 1 : index})` : '';
};

/** An event as a sentence a rep reads in the contact's timeline. */
export function describeEvent(event: EnrollmentEvent, sequenceName: string): string {
  switch (event.type) {
    case 'enrolled':
      return `Enrolled in ${sequenceName}${who(event)}`;
    case 'email_sent':
      return `Email sent${step(event)}`;
    case 'email_deferred':
      return `Email delayed by the mail server${step(event)}; it will be retried`;
    case 'email_rejected':
      return `Email refused by the mail server${step(event)}`;
    case 'task_created':
      return `Task created${step(event)}`;
    case 'task_completed':
      return `Task completed${who(event)}`;
    case 'step_skipped':
      return `Step skipped${step(event)}`;
    case 'paused':
      return `Paused${who(event)}`;
    case 'resumed':
      return `Resumed${who(event)}`;
    case 'unenrolled': {
      const reason = typeof event.data.reason === 'string' ? reasonLabel(event.data.reason) : 'Unenrolled';
      return `Unenrolled from ${sequenceName}: ${reason}${who(event)}`;
    }
    case 'reply_received':
      return 'Reply received';
    case 'auto_reply_received':
      return 'Automatic reply received';
    case 'bounce_received':
      return 'Bounce received';
    case 'meeting_booked':
      return 'Meeting booked';
    case 'manual_email_sent':
      return `Email written by hand${who(event)}`;
    default:
      return event.type.replace(/_/g, ' ');
  }
}

/** Every event of every enrollment of the contact, newest first. */
export function timelineOf(contact: ContactDetail): TimelineEntry[] {
  const entries = contact.enrollments.flatMap((enrollment) =>
    enrollment.events.map((event, index) => ({
      key: `${enrollment.id}-${index}`,
      at: event.at,
      order: index,
      text: describeEvent(event, enrollment.sequenceName),
      sequenceName: enrollment.sequenceName,
    })),
  );
  entries.sort((a, b) => (a.at === b.at ? b.order - a.order : b.at.localeCompare(a.at)));
  return entries.map(({ order: _order, ...entry }) => entry);
}
