import { MERGE_FIELDS, type MergeField } from './enums';

/**
 * The merge fields as the console's menu shows them, in `MERGE_FIELDS` order. The list
 * itself is the engine's (`MERGE_FIELDS`); only the words a person reads live here.
 */
export const MERGE_FIELD_LABELS: Record<MergeField, string> = {
  firstName: 'Contact first name',
  lastName: 'Contact last name',
  fullName: 'Contact full name',
  email: 'Contact email',
  company: 'Company name',
  senderName: 'Sender name',
  senderFirstName: 'Sender first name',
  senderEmail: 'Sender email',
  signature: 'Sender signature',
};

/** Anything in double braces, as a person may have meant a merge field. */
const BRACES = /\{\{([^{}]*)\}\}/g;

/**
 * The merge fields of a template that do not exist, as written (`{{frstName}}`,
 * `{{first_name}}`): a typo would otherwise reach a prospect's inbox as a gap or as
 * braces. The server refuses them when a sequence is saved; the console flags them
 * while the person types, with this same function.
 */
export function unknownMergeFields(template: string): string[] {
  const known = new Set<string>(MERGE_FIELDS);
  const unknown = [...template.matchAll(BRACES)]
    .filter((match) => !known.has(match[1].split('|')[0].trim()))
    .map((match) => match[0]);
  return [...new Set(unknown)];
}
