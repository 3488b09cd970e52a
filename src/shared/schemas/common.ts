import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ActorType, ERROR_STATUS } from '../enums';

/** A union of string literals from an `as const` object's values. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const Uuid = Type.String({ format: 'uuid', description: 'An id' });
export const Timestamp = Type.String({ format: 'date-time' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 320 });
export const Properties = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
  description: 'Free-form properties (string keys)',
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
  id: Type.Union([Type.String(), Type.Null()]),
});
export type Actor = Static<typeof Actor>;

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'From the previous page’s nextCursor' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}
