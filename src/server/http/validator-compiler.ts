import AjvCompiler, {
  type Ajv,
  type Options,
  type RouteDefinition,
  type ValidatorFactory,
} from '@fastify/ajv-compiler';
import { findHostileInput } from './input-guard';
import { isStorableTimestamp } from './timestamp-range';
import type { ValidationIssue } from './validation-message';

/** Fastify's `ajv` server option, as it hands it to the validator factory. */
interface AjvServerOptions {
  customOptions?: Options;
  plugins?: NonNullable<Parameters<ReturnType<typeof AjvCompiler>>[1]>['plugins'];
}
type Validate = ((data: unknown, context?: unknown) => boolean) & {
  errors?: unknown;
  schemaEnv?: unknown;
};

/** `date-time` as ajv-formats checks it (RFC 3339, a real calendar date), and storable. */
function storableDateTimes(ajv: Ajv): void {
  const rfc3339 = ajv.formats['date-time'];
  const valid =
    typeof rfc3339 === 'function'
      ? (rfc3339 as (text: string) => boolean)
      : (rfc3339 as { validate: (text: string) => boolean }).validate;
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (text: string) => valid(text) && isStorableTimestamp(new Date(text)),
  });
}

/** Runs the input guard before the schema, and reports its finding the way Ajv reports one. */
function guarded(validate: Validate): Validate {
  const wrapper: Validate = (data, context) => {
    const hostile: ValidationIssue | undefined = findHostileInput(data);
    if (hostile) {
      wrapper.errors = [hostile];
      return false;
    }
    const valid = validate(data, context);
    wrapper.errors = validate.errors;
    return valid;
  };
  // Fastify passes Ajv's own validators their parent (to coerce a root value); keep that.
  wrapper.schemaEnv = validate.schemaEnv;
  return wrapper;
}

/**
 * Fastify's validator compiler, with different Ajv options per part of the request:
 * - bodies are JSON and arrive typed, so no type coercion (`"5"` stays a string and is refused
 *   where a number is due, `null` is not turned into 0 or "");
 * - the querystring and params arrive as text, so they keep Fastify's coercion (`?limit=20`).
 * Every part gets the input guard (NUL characters, nesting depth) and date-times bounded to
 * what the databases store (timestamp-range.ts).
 */
export const buildValidatorCompiler: ValidatorFactory = (externalSchemas, serverOptions) => {
  const options = (serverOptions ?? {}) as AjvServerOptions;
  const fromPool = AjvCompiler();
  const forBody = fromPool(externalSchemas, {
    plugins: options.plugins,
    onCreate: storableDateTimes,
    customOptions: { ...options.customOptions, coerceTypes: false },
  });
  const forText = fromPool(externalSchemas, {
    plugins: options.plugins,
    onCreate: storableDateTimes,
    customOptions: { ...options.customOptions },
  });
  return (route: RouteDefinition) =>
    guarded((route.httpPart === 'body' ? forBody : forText)(route) as unknown as Validate) as never;
};
