import { Type, type Static } from '@sinclair/typebox';
import { Properties, Timestamp, Uuid } from './common';

export const Deal = Type.Object({
  id: Uuid,
  name: Type.String(),
  contactIds: Type.Array(Uuid),
  properties: Properties,
  createdAt: Timestamp,
});
export type Deal = Static<typeof Deal>;

export const CreateDealBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    contactIds: Type.Array(Uuid, { maxItems: 100 }),
    properties: Type.Optional(Properties),
  },
  { additionalProperties: false },
);
export type CreateDealBody = Static<typeof CreateDealBody>;
