import type { Enrollment } from '../../shared/schemas';

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
  const facts = [`Step ${enrollment.currentStep} of ${enrollment.totalSteps}`];
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
