import { Type, type Static } from '@sinclair/typebox';
import { Seat, Tier } from '../enums';
import { StringEnum, Timestamp, Uuid, Nullable } from './common';

export const Me = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  accountId: Uuid,
  tier: StringEnum(Object.values(Tier)),
  seat: StringEnum(Object.values(Seat)),
  roles: Type.Array(Type.String()),
  scopes: Type.Array(Type.String()),
  timeZone: Type.String(),
  signature: Type.String({ description: 'Appended to sequence emails unless a body places {{signature}}' }),
});
export type Me = Static<typeof Me>;

export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  seat: StringEnum(Object.values(Seat)),
  timeZone: Type.String(),
  deletedAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
export type User = Static<typeof User>;

export const Account = Type.Object({
  id: Uuid,
  name: Type.String(),
  tier: StringEnum(Object.values(Tier)),
  inboundAddress: Type.String({
    description: 'Where a mail server delivers replies and bounces for this account',
  }),
});
export type Account = Static<typeof Account>;

export const PatchAccountBody = Type.Object(
  {
    tier: Type.Optional(StringEnum(Object.values(Tier))),
    name: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchAccountBody = Static<typeof PatchAccountBody>;

export const PatchUserBody = Type.Object(
  {
    seat: Type.Optional(StringEnum(Object.values(Seat))),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    signature: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchUserBody = Static<typeof PatchUserBody>;
