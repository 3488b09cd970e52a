import type { Enrollment } from '../shared/schemas';

/** Reason codes as a person reads them (SPEC A1–A12, M1–M5). */
export const REASON_LABELS: Record<string, string> = {
  replied: 'Replied',
  emailed: 'Emailed',
  replied_other_address: 'Replied from another address',
  emailed_from_alias: 'Emailed from an alias',
  company_replied: 'Someone at the company replied',
  meeting_booked: 'Meeting booked',
  unsubscribed: 'Unsubscribed',
  bounced: 'Bounced',
  workflow: 'Workflow',
  trigger: 'Unenrollment trigger',
  completed: 'Completed',
  sequence_deleted: 'Sequence deleted',
  owner_removed: 'Owner removed',
  owner_downgraded: 'Owner lost their seat',
  manual: 'Unenrolled manually',
};

export const reasonLabel = (reason: string): string => REASON_LABELS[reason] ?? reason.replace(/_/g, ' ');

export const STATUS_LABELS: Record<Enrollment['status'], string> = {
  active: 'Active',
  paused: 'Paused',
  unenrolled: 'Unenrolled',
};

// One formatter per time zone, made once: building an Intl formatter costs about a millisecond,
// and a table of 50 rows formats a hundred values.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const countFormat = new Intl.NumberFormat();

/** "Tue 2 Dec, 14:30" in the person's time zone. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const key = timeZone ?? '';
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    });
    dateTimeFormats.set(key, format);
  }
  return format.format(new Date(iso));
}

export const formatCount = (n: number): string => countFormat.format(n);

export const formatRate = (rate: number | null): string =>
  rate === null ? '—' : `${Math.round(rate * 1000) / 10} %`;

export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

export const stepOf = (enrollment: Pick<Enrollment, 'currentStep' | 'totalSteps'>): string =>
  `Step ${Math.max(1, enrollment.currentStep)} of ${enrollment.totalSteps}`;

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong';
}
