/** A step's delay as a person writes it: an amount and a unit. */
export const DelayUnit = {
  minutes: 'minutes',
  hours: 'hours',
  days: 'days',
  businessDays: 'businessDays',
} as const;
export type DelayUnit = (typeof DelayUnit)[keyof typeof DelayUnit];

export const DELAY_UNIT_LABELS: Record<DelayUnit, string> = {
  minutes: 'Minutes',
  hours: 'Hours',
  days: 'Days',
  businessDays: 'Business days (Mon–Fri)',
};

const PER: Record<Exclude<DelayUnit, 'businessDays'>, number> = { minutes: 1, hours: 60, days: 24 * 60 };

export interface Delay {
  amount: number;
  unit: DelayUnit;
  /** Minutes added after business days (the API allows both; the editor keeps them unchanged). */
  extraMinutes: number;
}

/** The largest unit that writes the stored delay exactly. */
export function delayFromStep(step: { delayMinutes?: number; delayBusinessDays?: number }): Delay {
  const minutes = step.delayMinutes ?? 0;
  if (step.delayBusinessDays)
    return { amount: step.delayBusinessDays, unit: DelayUnit.businessDays, extraMinutes: minutes };
  if (minutes > 0 && minutes % PER.days === 0)
    return { amount: minutes / PER.days, unit: 'days', extraMinutes: 0 };
  if (minutes > 0 && minutes % PER.hours === 0)
    return { amount: minutes / PER.hours, unit: 'hours', extraMinutes: 0 };
  return { amount: minutes, unit: DelayUnit.minutes, extraMinutes: 0 };
}

/** The API's fields for a delay. */
export function delayToStep(delay: Delay): { delayMinutes: number; delayBusinessDays?: number } {
  const amount = Math.max(0, Math.floor(delay.amount || 0));
  if (delay.unit === DelayUnit.businessDays)
    return { delayMinutes: delay.extraMinutes, delayBusinessDays: amount };
  return { delayMinutes: amount * PER[delay.unit] };
}

/** "Send 2 days after the previous step", "at once". */
export function describeDelay(delay: Delay, first: boolean): string {
  if (!delay.amount && !delay.extraMinutes)
    return first ? 'At once, when the contact is enrolled' : 'Right after the previous step';
  const label = DELAY_UNIT_LABELS[delay.unit].split(' (')[0].toLowerCase();
  const unit = delay.amount === 1 ? label.replace(/s$/, '') : label;
  return `${delay.amount} ${unit} after ${first ? 'enrollment' : 'the previous step'}`;
}
