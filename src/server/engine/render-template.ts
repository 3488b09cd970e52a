import type { MergeField } from '../../shared/enums';

/** The values of the merge fields (`MERGE_FIELDS`) for one email. */
export type TemplateFields = Record<MergeField, string>;

const FIELD = /\{\{\s*([A-Za-z]+)\s*(?:\|([^}]*))?\}\}/g;

export { unknownMergeFields } from '../../shared/merge-fields';

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
