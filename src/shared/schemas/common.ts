import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ActorType, ERROR_STATUS } from '../enums';

/** A union of string literals from an `as const` object's values. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/**
 * `T | null`, written as OpenAPI's `nullable: true` rather than `anyOf`: Ajv
 * validates it, and fast-json-stringify serialises it directly — an `anyOf`
 * makes it validate the whole object (uuid and date-time formats included) to
 * pick a branch, which cost the contact lookup most of its time (CPU profile).
 */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });
}

export const Uuid = Type.String({ format: 'uuid', description: 'An id' });
/** The server accepts years 0100–9999 (what both of its databases store and read back unchanged). */
export const Timestamp = Type.String({ format: 'date-time' });
export const NullableTimestamp = Nullable(Timestamp);
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 320 });
/** Property names up to 100 characters: `propertyNames`, since a Record's key schema compiles to a pattern. */
export const Properties = Type.Record(Type.String(), Type.Unknown(), {
  propertyNames: { maxLength: 100 },
  description: 'Free-form properties (names of at most 100 characters; values nested at most 32 levels)',
});

export const IdParams = Type.Object({ id: Uuid });
export type IdParams = Static<typeof IdParams>;

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: StringEnum(Object.keys(ERROR_STATUS)),
      message: Type.String(),
    }),
  },
  { $id: 'Error' },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const Actor = Type.Object({
  type: StringEnum(Object.values(ActorType)),
  id: Nullable(Type.String()),
});
export type Actor = Static<typeof Actor>;

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'From the previous page’s nextCursor' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });
}
