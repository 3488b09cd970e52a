import { TriggerOperator, TriggerType } from '../../shared/enums';
import type { UnenrollmentTrigger } from '../../shared/schemas';

export const OPERATOR_LABELS: Record<TriggerOperator, string> = {
  eq: 'is',
  neq: 'is not',
  in: 'is any of',
  known: 'is known',
  unknown: 'is unknown',
};

/** Operators that compare with a value (known / unknown take none). */
export const takesValue = (operator: TriggerOperator): boolean =>
  operator !== TriggerOperator.known && operator !== TriggerOperator.unknown;

/** A property key as a person reads it: `lifecycleStage` → "Lifecycle stage", `deal_stage` → "Deal stage". */
export function propertyLabel(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}

function valueWords(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map(String);
    return items.length > 1
      ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`
      : (items[0] ?? '');
  }
  return value === undefined || value === null ? '' : String(value);
}

/** A trigger in parts, each part shown in bold in the sentence. */
export interface TriggerSentence {
  /** "the contact's" / "the company's" / "" for a deal. */
  subject: string;
  property: string;
  operator: string;
  value: string;
}

export function triggerSentence(trigger: UnenrollmentTrigger): TriggerSentence {
  if (trigger.type === TriggerType.dealCreated) return { subject: '', property: '', operator: '', value: '' };
  return {
    subject: trigger.type === TriggerType.contactProperty ? 'the contact’s' : 'the contact’s company’s',
    property: propertyLabel(trigger.property),
    operator: OPERATOR_LABELS[trigger.operator],
    value: takesValue(trigger.operator) ? valueWords(trigger.value) : '',
  };
}

/** The sentence a manager reads aloud: “Unenroll when the contact's Lifecycle stage is Customer”. */
export function describeTriggerAloud(trigger: UnenrollmentTrigger): string {
  if (trigger.type === TriggerType.dealCreated) return 'Unenroll when a deal is created for the contact';
  const { subject, property, operator, value } = triggerSentence(trigger);
  return `Unenroll when ${subject} ${property} ${operator}${value ? ` ${value}` : ''}`;
}
