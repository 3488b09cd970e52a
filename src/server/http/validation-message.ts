import { MAX_NESTING_DEPTH } from './input-guard';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from './timestamp-range';

/** One schema validation error, as Fastify hands it over from Ajv (or from the input guard). */
export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
  /** Set when the problem is a property name (`propertyNames`), not a value. */
  propertyName?: string;
}

const FORMATS: Record<string, string> = {
  email: 'an email address',
  uuid: 'a UUID',
  'date-time': `a date-time (RFC 3339) from ${EARLIEST_TIMESTAMP} to ${LATEST_TIMESTAMP}`,
};

/** A caller's property name, shortened: it may be as long as the body. */
const quoted = (name: string) => `'${name.length > 40 ? `${name.slice(0, 40)}…` : name}'`;

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
  if (issue.propertyName !== undefined) {
    if (issue.keyword === 'maxLength')
      return `${at} has a property name longer than ${String(params.limit)} characters: ${quoted(issue.propertyName)}`;
    return `${at} has an invalid property name ${quoted(issue.propertyName)}: ${issue.message ?? 'refused'}`;
  }
  switch (issue.keyword) {
    case 'nul':
      return `${at} must not contain the NUL character (U+0000)`;
    case 'nulPropertyName':
      return `${at} has a property name with the NUL character (U+0000)`;
    case 'depth':
      return `${at} is nested deeper than ${MAX_NESTING_DEPTH} levels of objects and arrays`;
    case 'additionalProperties':
      return `${at} has an unknown property '${String(params.additionalProperty)}'`;
    case 'required':
      return `${at} lacks the required property '${String(params.missingProperty)}'`;
    case 'enum':
      return `${at} must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `${at} must be ${JSON.stringify(params.allowedValue)}`;
    case 'format':
      return `${at} must be ${FORMATS[String(params.format)] ?? `a valid ${String(params.format)}`}`;
    default:
      return `${at} ${issue.message ?? 'is invalid'}`;
  }
}

const depth = (instancePath: string) => instancePath.split('/').length - 1;

/**
 * How far a value got into one alternative before it failed: a problem deeper inside the
 * value, or with a value that is there (a format, a constant), means the caller meant this
 * form; a missing or unknown property, or the wrong type, where the alternatives begin,
 * means it probably is not the form they meant.
 */
function progress(union: ValidationIssue, issues: ValidationIssue[]): number {
  return Math.min(
    ...issues.map((issue) => {
      const deeper = depth(issue.instancePath) - depth(union.instancePath);
      const shallow = ['required', 'additionalProperties', 'type'].includes(issue.keyword);
      return 2 * deeper + (shallow ? 0 : 1);
    }),
  );
}

/**
 * A validation failure as one message that names the fields to change.
 *
 * A value with alternative forms (`anyOf`: an enrollment by `{contactId}` or `{email}`, an
 * email or a task step, a UUID or null) fails every form, and Ajv reports one problem per
 * form plus "must match a schema in anyOf". The message speaks of the form the value came
 * closest to, or says "either … or …" when no form is closer, at any depth of the body.
 */
export function validationMessage(context: string, issues: ValidationIssue[]): string {
  const unions = issues.filter((issue) => issue.keyword === 'anyOf');
  /** The innermost union an issue is an alternative of, and which alternative. */
  const owner = (issue: ValidationIssue) => {
    let best: { union: ValidationIssue; branch: number } | undefined;
    for (const union of unions) {
      const inside =
        issue.instancePath === union.instancePath || issue.instancePath.startsWith(`${union.instancePath}/`);
      if (union === issue || !inside) continue;
      const branch = new RegExp(`^${union.schemaPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(\\d+)/`).exec(
        issue.schemaPath,
      );
      if (branch && (!best || union.schemaPath.length > best.union.schemaPath.length))
        best = { union, branch: Number(branch[1]) };
    }
    return best;
  };
  const members = new Map<ValidationIssue, Map<number, ValidationIssue[]>>();
  const top: ValidationIssue[] = [];
  // Ajv follows a bad property name with "property name must be valid"; the first says which and why.
  for (const issue of issues.filter((each) => each.keyword !== 'propertyNames')) {
    const found = owner(issue);
    if (!found) {
      top.push(issue);
      continue;
    }
    const branches = members.get(found.union) ?? new Map<number, ValidationIssue[]>();
    branches.set(found.branch, [...(branches.get(found.branch) ?? []), issue]);
    members.set(found.union, branches);
  }

  const say = (issue: ValidationIssue): string => {
    const branches = members.get(issue);
    if (!branches) return describe(context, issue);
    const scored = [...branches.values()].map((list) => ({ list, score: progress(issue, list) }));
    const best = Math.max(...scored.map((entry) => entry.score));
    const phrases = [
      ...new Set(
        scored.filter((entry) => entry.score === best).map((entry) => entry.list.map(say).join(' and ')),
      ),
    ];
    return phrases.length === 1 ? phrases[0] : `either ${phrases.join(', or ')}`;
  };

  const parts = [...new Set(top.map(say))];
  return parts.length === 0 ? `Invalid ${context}` : `Invalid ${context}: ${parts.join('; ')}`;
}
