/** The merge fields a step's subject and body may use, e.g. `{{firstName}}`. */
export interface TemplateFields {
  firstName: string;
  lastName: string;
  fullName: string;
  email: string;
  company: string;
  senderName: string;
  senderFirstName: string;
  senderEmail: string;
  signature: string;
}

/**
 * Replaces `{{field}}` (spaces allowed inside the braces) with its value.
 * `{{field|fallback}}` uses the fallback when the value is empty. An unknown field
 * renders as empty rather than as braces in a prospect's inbox.
 */
export function renderTemplate(template: string, fields: TemplateFields): string {
  return template.replace(
    /\{\{\s*([A-Za-z]+)\s*(?:\|([^}]*))?\}\}/g,
    (_match, name: string, fallback?: string) => {
      const value = (fields as unknown as Record<string, string | undefined>)[name];
      return value ? value : (fallback?.trim() ?? '');
    },
  );
}
