import { OutOfOfficeMode } from '../../../shared/enums';
import type { EnrollmentFact, InboundDecision, InboundFacts } from './facts';

/** `now` as a calendar day (`YYYY-MM-DD`) in a time zone; UTC when the zone is unknown. */
function dayIn(now: Date, timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(now);
    const part = (type: string) => parts.find((p) => p.type === type)?.value;
    return `${part('year')}-${part('month')}-${part('day')}`;
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/**
 * A13: an auto-reply never unenrolls. When it states a return date after today
 * and the sequence defers (`outOfOffice: "defer"`, the default), the active
 * enrollment pauses until that date and the worker resumes it then. Otherwise the
 * auto-reply is only noted in the enrollment's history. The pause ends at the start
 * of the date in the enrolling user's time zone, so "today" is judged there too.
 */
export function outOfOfficeRule(facts: InboundFacts): InboundDecision[] {
  if (facts.kind !== 'auto_reply') return [];
  const concerned = new Map<string, EnrollmentFact>();
  for (const enrollment of facts.thread) concerned.set(enrollment.id, enrollment);
  for (const { currentEnrollment } of facts.senderContacts) {
    if (currentEnrollment) concerned.set(currentEnrollment.id, currentEnrollment);
  }
  return [...concerned.values()]
    .filter((enrollment) => enrollment.status === 'active')
    .map((enrollment): InboundDecision => {
      const defer = enrollment.settings.outOfOffice === OutOfOfficeMode.defer;
      if (defer && facts.returnDate && facts.returnDate > dayIn(facts.now, enrollment.timeZone)) {
        return {
          type: 'pause',
          enrollmentId: enrollment.id,
          until: facts.returnDate,
          detail: `Out of office until ${facts.returnDate}: ${facts.label}`,
        };
      }
      const why = !facts.returnDate
        ? 'no return date'
        : !defer
          ? 'the sequence ignores out-of-office'
          : 'the date has passed';
      return {
        type: 'note_auto_reply',
        enrollmentId: enrollment.id,
        detail: `Auto-reply (${why}): ${facts.label}`,
      };
    });
}
