import { StepType } from '../../shared/enums';
import { unknownMergeFields } from '../../shared/merge-fields';
import type { PreviewStep, Step } from '../../shared/schemas';
import { delayFromStep, delayToStep, type Delay } from './delay';

/** A step as the editor holds it while a person types. */
export interface DraftStep {
  key: string;
  type: StepType;
  delay: Delay;
  subject: string;
  body: string;
  title: string;
}

let counter = 0;
const newKey = () => `step-${(counter += 1)}`;

export function draftFromStep(step: Step): DraftStep {
  return {
    key: newKey(),
    type: step.type,
    delay: delayFromStep(step),
    subject: step.type === StepType.email ? step.subject : '',
    body: step.body ?? '',
    title: step.type === StepType.task ? step.title : '',
  };
}

export function newDraft(type: StepType, first: boolean): DraftStep {
  return {
    key: newKey(),
    type,
    delay: { amount: first ? 0 : 2, unit: first ? 'minutes' : 'days', extraMinutes: 0 },
    subject: '',
    body: '',
    title: '',
  };
}

export function stepFromDraft(draft: DraftStep): Step {
  const delay = delayToStep(draft.delay);
  if (draft.type === StepType.email)
    return { type: StepType.email, ...delay, subject: draft.subject, body: draft.body };
  return { type: StepType.task, ...delay, title: draft.title, ...(draft.body ? { body: draft.body } : {}) };
}

export function previewFromDraft(draft: DraftStep): PreviewStep {
  return draft.type === StepType.email
    ? { type: draft.type, subject: draft.subject, body: draft.body }
    : { type: draft.type, title: draft.title };
}

/** The fields of a step that take merge fields. */
export type TextField = 'subject' | 'body' | 'title';
export const textFieldsOf = (type: StepType): TextField[] =>
  type === StepType.email ? ['subject', 'body'] : ['title'];

/** What the person must fix before saving, by `index.field` (and `name`): empty fields. */
export function requiredProblems(name: string, drafts: DraftStep[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!name.trim()) problems.name = 'Give the sequence a name';
  drafts.forEach((draft, index) => {
    for (const field of textFieldsOf(draft.type))
      if (!draft[field].trim()) problems[`${index}.${field}`] = `Write a ${field} for step ${index + 1}`;
  });
  return problems;
}

/** Unknown merge fields as the person types (the server's 400 on save is the last word). */
export function unknownFieldMessage(text: string): string | undefined {
  const unknown = unknownMergeFields(text);
  if (unknown.length === 0) return undefined;
  return `Unknown merge field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: choose one from Insert merge field`;
}

/**
 * The server's refusal of a save, as messages next to the fields it names:
 * `steps[1].body: unknown merge field {{frstName}}; …` and Ajv's `body/steps/0/subject …`.
 */
export function fieldErrorsFromServer(message: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const match of message.matchAll(/steps\[(\d+)\]\.(subject|body|title): ([^;(]+)/g))
    errors[`${match[1]}.${match[2]}`] = match[3].trim();
  for (const match of message.matchAll(/steps\/(\d+)\/(subject|body|title) ([^;,]+)/g))
    errors[`${match[1]}.${match[2]}`] ??= match[3].trim();
  if (/(^|\W)name\b/.test(message) && !/steps/.test(message)) errors.name = message;
  return errors;
}
