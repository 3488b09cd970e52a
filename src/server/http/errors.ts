import { ERROR_STATUS, type ErrorCode } from '../../shared/enums';

/** An error meant for the client: a stable code, a message a person can act on. */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra fields for the error body, e.g. the enrollment that is in the way. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = ERROR_STATUS[code];
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} was not found`);

/** Postgres SQLSTATEs we translate rather than let through as a 500. */
export const PgCode = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  invalidTextRepresentation: '22P02',
} as const;

/**
 * Data exceptions (SQLSTATE class 22) that only a value from outside can cause: text the
 * database cannot hold (a NUL: 22021 in text, 22P05 in jsonb), a malformed or out-of-range
 * date-time (22007, 22008, 22009), a number out of range (22003). Validation refuses these
 * first; this is the net under it, so a value that slips through is a 400, never a 500.
 */
export const INPUT_DATA_EXCEPTIONS: ReadonlySet<string> = new Set([
  PgCode.invalidTextRepresentation,
  '22021',
  '22P05',
  '22007',
  '22008',
  '22009',
  '22003',
]);

export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'constraint' in error) {
    const constraint = (error as { constraint: unknown }).constraint;
    return typeof constraint === 'string' ? constraint : undefined;
  }
  return undefined;
}

/** SQLSTATE classes and codes that mean "the server is not there", not "your request is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
/** Socket errors of a connection to the database. */
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** What `pg` says when a connection dies or cannot be had (it sets no code then). */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended/i;

/** S5: the database is down or unreachable (a restart, a failover, a network cut). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = pgErrorCode(error);
  if (code && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return error instanceof Error && UNAVAILABLE_MESSAGE.test(error.message);
}
