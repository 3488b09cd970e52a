import { TriggerOperator, TriggerType, type EnrollmentStatus } from '../../shared/enums';
import type { UnenrollmentTrigger } from '../../shared/schemas';

/**
 * A10: unenrollment triggers. Pure: the routes hand in the properties of the
 * records before and after a change, these rules say which enrollments end.
 *
 * A trigger fires on a TRANSITION into its condition: it holds on the new state
 * and did not hold on the old one. So a property that changes to another value
 * that still does not match never fires, and neither does an edit of something
 * else on a record that matched already (the rep enrolled the contact knowing
 * it; an unrelated edit must not end the enrollment weeks later). `deal_created`
 * is an event, not a state: it fires whenever a deal is created for the contact.
 */

export type Properties = Record<string, unknown>;
type PropertyTrigger = Extract<UnenrollmentTrigger, { property: string }>;

/** A record's properties before and after a change; null stands for "no record" (a contact without company). */
export interface PropertyChange {
  before: Properties | null;
  after: Properties | null;
}

/** What changed, as seen by one enrollment's contact. */
export interface TriggerChange {
  contact: PropertyChange;
  company: PropertyChange;
  /** Set when a deal was created for the contact. */
  dealCreated: { id: string; name: string } | null;
}

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** Values compare as text, trimmed and case-insensitive: `Customer`, `customer ` and `customer` are one value; 5 and "5" too. */
function normalise(value: Scalar): string {
  return String(value).trim().toLowerCase();
}

/** A property's values: a list (multi-select) counts as each of its items. */
function valuesOf(raw: unknown): string[] {
  const items = Array.isArray(raw) ? raw : [raw];
  return items.filter(isScalar).map(normalise);
}

function isKnown(raw: unknown): boolean {
  if (raw === undefined || raw === null) return false;
  if (typeof raw === 'string') return raw.trim() !== '';
  if (Array.isArray(raw)) return raw.length > 0;
  return true;
}

/** Whether the trigger's condition holds on these properties (a missing record has none). */
export function conditionHolds(trigger: PropertyTrigger, properties: Properties | null): boolean {
  const raw = properties?.[trigger.property];
  switch (trigger.operator) {
    case TriggerOperator.known:
      return isKnown(raw);
    case TriggerOperator.unknown:
      return !isKnown(raw);
    case TriggerOperator.eq:
      return isScalar(trigger.value) && valuesOf(raw).includes(normalise(trigger.value));
    case TriggerOperator.neq:
      // "is not customer" also holds when the property has no value.
      return isScalar(trigger.value) && !valuesOf(raw).includes(normalise(trigger.value));
    case TriggerOperator.in: {
      const wanted = Array.isArray(trigger.value) ? trigger.value.filter(isScalar).map(normalise) : [];
      return valuesOf(raw).some((value) => wanted.includes(value));
    }
  }
}

/** Whether the change makes this trigger fire (a transition into the condition; see the file comment). */
export function fires(trigger: UnenrollmentTrigger, change: TriggerChange): boolean {
  if (trigger.type === TriggerType.dealCreated) return change.dealCreated !== null;
  const record = trigger.type === TriggerType.contactProperty ? change.contact : change.company;
  return conditionHolds(trigger, record.after) && !conditionHolds(trigger, record.before);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The trigger in words, for the unenrollment's `detail`: `contact property lifecycleStage eq customer`. */
export function describeTrigger(trigger: UnenrollmentTrigger): string {
  if (trigger.type === TriggerType.dealCreated) return 'deal created';
  const record = trigger.type === TriggerType.contactProperty ? 'contact' : 'company';
  const value =
    trigger.operator === TriggerOperator.known || trigger.operator === TriggerOperator.unknown
      ? ''
      : ` ${describeValue(trigger.value)}`;
  return `${record} property ${trigger.property} ${trigger.operator}${value}`;
}

/**
 * What is wrong with a trigger the schema let through (it cannot say that `value`
 * must fit the operator). Empty when the trigger is sound.
 */
export function triggerProblems(trigger: UnenrollmentTrigger): string[] {
  if (trigger.type === TriggerType.dealCreated) return [];
  const { operator, value } = trigger;
  switch (operator) {
    case TriggerOperator.known:
    case TriggerOperator.unknown:
      return value === undefined ? [] : [`operator "${operator}" takes no value`];
    case TriggerOperator.eq:
    case TriggerOperator.neq:
      return isScalar(value)
        ? []
        : [`operator "${operator}" needs a value that is a string, number or boolean`];
    case TriggerOperator.in:
      return Array.isArray(value) && value.length > 0 && value.length <= 100 && value.every(isScalar)
        ? []
        : [`operator "in" needs a list of 1 to 100 strings, numbers or booleans`];
  }
}

/** An enrollment a change may concern, with its sequence's triggers. */
export interface TriggerCandidate {
  enrollmentId: string;
  contactId: string;
  status: EnrollmentStatus;
  triggers: UnenrollmentTrigger[];
}

export interface TriggerDecision {
  enrollmentId: string;
  contactId: string;
  /** The first of the sequence's triggers that fired (the order the sequence lists them in). */
  trigger: UnenrollmentTrigger;
  detail: string;
}

/**
 * For every active or paused enrollment concerned, the trigger that ends it, if
 * any. `changeFor` gives the change as its contact sees it.
 */
export function decideTriggers(
  candidates: TriggerCandidate[],
  changeFor: (contactId: string) => TriggerChange,
): TriggerDecision[] {
  const decisions: TriggerDecision[] = [];
  for (const candidate of candidates) {
    if (candidate.status === 'unenrolled') continue;
    const change = changeFor(candidate.contactId);
    const trigger = candidate.triggers.find((t) => fires(t, change));
    if (!trigger) continue;
    const dealName = trigger.type === TriggerType.dealCreated && change.dealCreated?.name;
    decisions.push({
      enrollmentId: candidate.enrollmentId,
      contactId: candidate.contactId,
      trigger,
      detail: dealName ? `${describeTrigger(trigger)}: ${dealName}` : describeTrigger(trigger),
    });
  }
  return decisions;
}
