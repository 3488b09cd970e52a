import { Type, type Static } from '@sinclair/typebox';
import { Properties, Timestamp, Uuid } from './common';

/** A bare domain: `example.com`, no scheme, no '@'. */
export const Domain = Type.String({
  pattern: '^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}$',
  description: 'A domain name such as example.com',
});

export const Company = Type.Object({
  id: Uuid,
  name: Type.String(),
  domains: Type.Array(Type.String()),
  properties: Properties,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Company = Static<typeof Company>;

export const CreateCompanyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    domains: Type.Optional(Type.Array(Domain, { maxItems: 50 })),
    properties: Type.Optional(Properties),
  },
  { additionalProperties: false },
);
export type CreateCompanyBody = Static<typeof CreateCompanyBody>;

export const PatchCompanyBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    domains: Type.Optional(Type.Array(Domain, { maxItems: 50 })),
    properties: Type.Optional(Properties),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchCompanyBody = Static<typeof PatchCompanyBody>;
