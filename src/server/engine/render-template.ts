import { MERGE_FIELDS, type MergeField } from '../../shared/enums';

/** The values of the merge fields (`MERGE_FIELDS`) for one email. */
export type TemplateFields = Record<MergeField, string>;

const FIELD = /\{\{\s*([A-Za-z]+)\s*(?:\|([^}]*))?\}\}/g;

/** Anything in double braces, as a person may have meant a merge field. */
const BRACES = /\{\{([^{}]*)\}\}/g;

/**
 * The merge fields of a template a person is saving that do not exist, as written
 * (`{{frstName}}`, `{{first_name}}`): a typo would otherwise reach a prospect's inbox as
 * a gap or as braces.
 */
export function unknownMergeFields(template: string): string[] {
  const known = new Set<string>(MERGE_FIELDS);
  const unknown = [...template.matchAll(BRACES)]
    .filter((match) => !known.has(match[1].split('|')[0].trim()))
    .map((match) => match[0]);
  return [...new Set(unknown)];
}

/**
 * Replaces `{{field}}` (spaces allowed inside the braces) with its value.
 * `{{field|fallback}}` uses the fallback when the value is empty. An unknown field (refused
 * when a sequence is saved, but possible in older ones) renders as empty rather than as
 * braces in a prospect's inbox.
 */
export function renderTemplate(template: string, fields: TemplateFields): string {
  return template.replace(FIELD, (_match, name: string, fallback?: string) => {
    const value = (fields as unknown as Record<string, string | undefined>)[name];
    return value ? value : (fallback?.trim() ?? '');
  });
}
