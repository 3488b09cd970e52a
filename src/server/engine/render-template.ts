import { MERGE_FIELDS, type MergeField } from '../../shared/enums';

/** The values of the merge fields (`MERGE_FIELDS`) for one email. */
export type TemplateFields = Record<MergeField, string>;

const FIELD = /\{\{\s*([A-Za-z]+)\s*(?:\|([^}]*))?\}\}/g;

/**
 * The problems of a template a person is saving: merge fields that do not exist (a typo
 * would otherwise become an empty gap in a prospect's inbox), named as written.
 */
export function templateProblems(template: string): string[] {
  const known = new Set<string>(MERGE_FIELDS);
  const unknown = [...template.matchAll(FIELD)].map((match) => match[1]).filter((name) => !known.has(name));
  return [...new Set(unknown)].map(
    (name) => `unknown merge field {{${name}}} (known: ${MERGE_FIELDS.join(', ')})`,
  );
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
