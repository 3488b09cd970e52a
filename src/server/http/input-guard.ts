import type { ValidationIssue } from './validation-message';

/**
 * The deepest nesting of objects and arrays a request part may have. The API's own shapes nest
 * five levels at most (a sequence's steps); free-form `properties` get the rest. Without a bound,
 * `properties` nested 100,000 levels deep passed validation (a `Type.Unknown()` value is not
 * walked) and overflowed the stack in `JSON.stringify` on the way to the database (issue 14,
 * finding 5). The JSON parser itself is not the problem: V8's JSON.parse is iterative (measured:
 * 500,000 levels parse), and secure-json-parse scans for `__proto__` without recursion.
 */
export const MAX_NESTING_DEPTH = 32;

/** JSON Pointer escaping (RFC 6901), as Ajv writes `instancePath`. */
const pointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function issue(keyword: 'nul' | 'nulPropertyName' | 'depth', instancePath: string): ValidationIssue {
  return { keyword, instancePath, schemaPath: '#', params: {} };
}

function walk(value: unknown, path: string, level: number): ValidationIssue | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? issue('nul', path) : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  // Only where the field begins: the rest of a 32-level path says nothing more.
  if (level > MAX_NESTING_DEPTH) return issue('depth', path.split('/').slice(0, 2).join('/'));
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = walk(value[index], `${path}/${index}`, level + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return issue('nulPropertyName', path);
    const found = walk(item, `${path}/${pointer(key)}`, level + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * What no schema can say about every field at once, checked before the schema: a NUL character
 * (U+0000) in any string or property name — PostgreSQL's text and jsonb cannot hold it
 * (22021, 22P05), so it was a 500 in 14 fields — and nesting deeper than MAX_NESTING_DEPTH.
 * Recursion is bounded by that depth, so the walk itself cannot overflow.
 */
export function findHostileInput(value: unknown): ValidationIssue | undefined {
  return walk(value, '', 1);
}
