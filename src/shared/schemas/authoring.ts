import { Type, type Static } from '@sinclair/typebox';
import { StepType } from '../enums';
import { StringEnum, Uuid, Nullable } from './common';
import { Enrollment } from './enrollments';

/**
 * A step as the console's editor holds it while a person types: the same fields as a
 * sequence's step, none of them required yet (an empty subject previews as empty).
 */
export const PreviewStep = Type.Object(
  {
    type: StringEnum(Object.values(StepType)),
    delayMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 525_600 })),
    delayBusinessDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 260 })),
    subject: Type.Optional(Type.String({ maxLength: 300 })),
    body: Type.Optional(Type.String({ maxLength: 100_000 })),
    title: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type PreviewStep = Static<typeof PreviewStep>;

export const StepPreviewBody = Type.Object(
  {
    contactId: Uuid,
    steps: Type.Array(PreviewStep, { minItems: 1, maxItems: 50 }),
    stepIndex: Type.Integer({
      minimum: 0,
      maximum: 49,
      description:
        'Which of `steps` to render (0-based); earlier steps decide the thread a follow-up replies in',
    }),
  },
  { additionalProperties: false },
);
export type StepPreviewBody = Static<typeof StepPreviewBody>;

const Party = Type.Object({ name: Type.String(), email: Type.String() });

export const StepPreview = Type.Object({
  type: StringEnum(Object.values(StepType)),
  from: Party,
  to: Party,
  subject: Nullable(
    Type.String({ description: 'An email’s subject as sent (a follow-up’s is "Re: <first subject>")' }),
  ),
  text: Nullable(Type.String({ description: 'An email’s text as sent: body, signature, unsubscribe line' })),
  title: Nullable(Type.String({ description: 'A task’s title' })),
  unknownMergeFields: Type.Array(Type.String(), {
    description: 'Fields written in braces that do not exist; saving the sequence refuses them',
  }),
});
export type StepPreview = Static<typeof StepPreview>;

export const PropertyValueCount = Type.Object({ value: Type.String(), count: Type.Integer() });

export const KnownProperty = Type.Object({
  key: Type.String(),
  count: Type.Integer({ description: 'How many records have it' }),
  values: Type.Array(PropertyValueCount, { description: 'Its most common values, most common first' }),
});
export type KnownProperty = Static<typeof KnownProperty>;

export const KnownProperties = Type.Object({
  contact: Type.Array(KnownProperty),
  company: Type.Array(KnownProperty),
});
export type KnownProperties = Static<typeof KnownProperties>;

export const MAX_ENROLL_MANY = 500;

export const EnrollManyBody = Type.Object(
  {
    sequenceId: Uuid,
    contactIds: Type.Array(Uuid, { minItems: 1, maxItems: MAX_ENROLL_MANY }),
  },
  { additionalProperties: false },
);
export type EnrollManyBody = Static<typeof EnrollManyBody>;

/** Why one contact of a many-contact enrollment was not enrolled (E2), with E2's codes. */
export const EnrollRefusalCode = {
  contactEnrolled: 'contact_enrolled',
  contactOptedOut: 'contact_opted_out',
  addressBounced: 'address_bounced',
  notFound: 'not_found',
} as const;
export type EnrollRefusalCode = (typeof EnrollRefusalCode)[keyof typeof EnrollRefusalCode];

export const EnrollRefusal = Type.Object({
  contactId: Uuid,
  email: Nullable(Type.String()),
  code: StringEnum(Object.values(EnrollRefusalCode)),
  message: Type.String(),
  enrollment: Nullable(Enrollment),
});
export type EnrollRefusal = Static<typeof EnrollRefusal>;

export const EnrollManyResult = Type.Object({
  enrolled: Type.Array(Enrollment),
  refused: Type.Array(EnrollRefusal, { description: 'In request order' }),
});
export type EnrollManyResult = Static<typeof EnrollManyResult>;
