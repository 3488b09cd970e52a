import { Type, type Static } from '@sinclair/typebox';
import { Email, NullableTimestamp, Properties, Timestamp, Uuid, Nullable } from './common';
import { Enrollment, EnrollmentWithEvents } from './enrollments';

export const Contact = Type.Object({
  id: Uuid,
  email: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  companyId: Nullable(Uuid),
  company: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  aliases: Type.Array(Type.String()),
  properties: Properties,
  owner: Nullable(Type.Object({ id: Uuid, name: Type.String(), email: Type.String() })),
  optedOutAt: NullableTimestamp,
  bouncedAt: NullableTimestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Contact = Static<typeof Contact>;

export const ContactDetail = Type.Composite([
  Contact,
  Type.Object({ enrollments: Type.Array(EnrollmentWithEvents) }),
]);
export type ContactDetail = Static<typeof ContactDetail>;

const Name = Type.String({ maxLength: 200 });
const Aliases = Type.Array(Email, { maxItems: 50 });

export const CreateContactBody = Type.Object(
  {
    email: Email,
    firstName: Type.Optional(Name),
    lastName: Type.Optional(Name),
    companyId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    aliases: Type.Optional(Aliases),
    properties: Type.Optional(Properties),
    ownerId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type CreateContactBody = Static<typeof CreateContactBody>;

export const PatchContactBody = Type.Object(
  {
    email: Type.Optional(Email),
    firstName: Type.Optional(Name),
    lastName: Type.Optional(Name),
    companyId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    aliases: Type.Optional(Aliases),
    properties: Type.Optional(Properties),
    ownerId: Type.Optional(Uuid),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchContactBody = Static<typeof PatchContactBody>;

export const MAX_LOOKUP_EMAILS = 1000;

export const LookupBody = Type.Object(
  {
    // Lenient on purpose: recipients come straight from Outlook, and an address
    // that is not a contact simply answers `contact: null`.
    emails: Type.Array(Type.String({ maxLength: 320 }), { maxItems: MAX_LOOKUP_EMAILS }),
  },
  { additionalProperties: false },
);
export type LookupBody = Static<typeof LookupBody>;

export const LookupResult = Type.Object({
  email: Type.String(),
  contact: Nullable(Contact),
  enrollment: Nullable(Enrollment),
});
export type LookupResult = Static<typeof LookupResult>;

export const LookupResponse = Type.Object({ results: Type.Array(LookupResult) });
export type LookupResponse = Static<typeof LookupResponse>;

/** A row of the contacts list: with the contact's current (active or paused) enrollment. */
export const ContactListItem = Type.Composite([
  Contact,
  Type.Object({ currentEnrollment: Nullable(Enrollment) }),
]);
export type ContactListItem = Static<typeof ContactListItem>;
