/** One schema validation error, as Fastify hands it over from Ajv. */
export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** `body`, `body.steps[0].subject`: where the problem is, the way a caller writes it. */
function where(context: string, instancePath: string): string {
  const path = instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('');
  return `${context}${path}`;
}

/** One issue in words that name what to change. */
function describe(context: string, issue: ValidationIssue): string {
  const at = where(context, issue.instancePath);
  const { params } = issue;
  switch (issue.keyword) {
    case 'additionalProperties':
      return `${at} has an unknown property '${String(params.additionalProperty)}'`;
    case 'required':
      return `${at} lacks the required property '${String(params.missingProperty)}'`;
    case 'enum':
      return `${at} must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `${at} must be ${JSON.stringify(params.allowedValue)}`;
    case 'format':
      return `${at} must be ${params.format === 'email' ? 'an email address' : params.format === 'uuid' ? 'a UUID' : `a valid ${String(params.format)}`}`;
    default:
      return `${at} ${issue.message ?? 'is invalid'}`;
  }
}

const BRANCH = /#\/anyOf\/(\d+)\//;

/**
 * A validation failure as one message that names the fields to change. A body with
 * alternative forms (`anyOf`: `{contactId}` or `{email}`) fails every form; the message
 * speaks of the form that came closest (fewest problems), or lists the tied ones, instead
 * of every form's complaint plus "must match a schema in anyOf".
 */
export function validationMessage(context: string, issues: ValidationIssue[]): string {
  const branches = new Map<number, ValidationIssue[]>();
  const plain: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.keyword === 'anyOf') continue;
    const branch = BRANCH.exec(issue.schemaPath);
    if (branch) branches.set(Number(branch[1]), [...(branches.get(Number(branch[1])) ?? []), issue]);
    else plain.push(issue);
  }
  const parts = plain.map((issue) => describe(context, issue));
  if (branches.size > 0) {
    const fewest = Math.min(...[...branches.values()].map((list) => list.length));
    const closest = [...branches.values()].filter((list) => list.length === fewest);
    const phrases = closest.map((list) => list.map((issue) => describe(context, issue)).join(' and '));
    parts.push(phrases.length === 1 ? phrases[0] : `either ${phrases.join(', or ')}`);
  }
  if (parts.length === 0) return `Invalid ${context}`;
  return `Invalid ${context}: ${[...new Set(parts)].join('; ')}`;
}
