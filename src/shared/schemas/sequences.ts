import { Type, type Static } from '@sinclair/typebox';
import { MERGE_FIELDS, OutOfOfficeMode, StepType, TriggerOperator, TriggerType } from '../enums';
import { PageQuery, StringEnum, Timestamp, Uuid, Nullable } from './common';

const DelayBusinessDays = Type.Integer({
  minimum: 0,
  maximum: 260,
  description:
    'Working days (Monday–Friday in the sender’s time zone) after the previous step, at the same local time; delayMinutes is added after them',
});

export const Step = Type.Union([
  Type.Object(
    {
      type: Type.Literal(StepType.email),
      delayMinutes: Type.Integer({ minimum: 0, maximum: 525_600, description: 'After the previous step' }),
      delayBusinessDays: Type.Optional(DelayBusinessDays),
      subject: Type.String({
        minLength: 1,
        maxLength: 300,
        description:
          'With merge fields (see body). Sent by the first email step; later emails reply in its thread as "Re: <first subject>"',
      }),
      body: Type.String({
        minLength: 1,
        maxLength: 100_000,
        description:
          `Plain text with merge fields: ${MERGE_FIELDS.map((name) => `{{${name}}}`).join(', ')} ` +
          '({{signature}} is added at the end when not used); {{field|fallback}} when the value may be empty. ' +
          'An unknown field is refused',
      }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal(StepType.task),
      delayMinutes: Type.Integer({ minimum: 0, maximum: 525_600 }),
      delayBusinessDays: Type.Optional(DelayBusinessDays),
      title: Type.String({
        minLength: 1,
        maxLength: 300,
        description: 'With merge fields, as an email body',
      }),
      body: Type.Optional(Type.String({ maxLength: 10_000 })),
    },
    { additionalProperties: false },
  ),
]);
export type Step = Static<typeof Step>;

export const SendWindow = Type.Object(
  {
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
      minItems: 1,
      maxItems: 7,
      uniqueItems: true,
      description: 'ISO weekdays, 1 = Monday, each at most once',
    }),
    start: Type.String({
      pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
      description: 'HH:MM in the owner’s time zone',
    }),
    end: Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$' }),
  },
  { additionalProperties: false },
);
export type SendWindow = Static<typeof SendWindow>;

export const SequenceSettings = Type.Object(
  {
    unenrollSameCompany: Type.Optional(Type.Boolean({ description: 'default false' })),
    outOfOffice: Type.Optional(
      StringEnum(Object.values(OutOfOfficeMode), { description: 'default "defer"' }),
    ),
    sendWindow: Type.Optional(Type.Union([SendWindow, Type.Null()])),
    unenrollOnManualEmail: Type.Optional(
      Type.Boolean({
        description:
          'default false. With a Microsoft 365 mailbox connected: unenroll a contact the rep writes to by hand',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SequenceSettings = Static<typeof SequenceSettings>;

/**
 * Conditions of A10, evaluated by the trigger rules in `engine/trigger-rules.ts`
 * (which also checks that `value` fits the operator: a string, number or boolean
 * for eq/neq, a non-empty list of them for `in`, none for known/unknown).
 */
export const UnenrollmentTrigger = Type.Union([
  Type.Object(
    {
      type: StringEnum([TriggerType.contactProperty, TriggerType.companyProperty]),
      property: Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'A key of the record’s properties',
      }),
      operator: StringEnum(Object.values(TriggerOperator)),
      value: Type.Optional(Type.Unknown()),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal(TriggerType.dealCreated) }, { additionalProperties: false }),
]);
export type UnenrollmentTrigger = Static<typeof UnenrollmentTrigger>;

const Steps = Type.Array(Step, { minItems: 1, maxItems: 50 });
const Triggers = Type.Array(UnenrollmentTrigger, { maxItems: 20 });

export const CreateSequenceBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    steps: Steps,
    settings: Type.Optional(SequenceSettings),
    unenrollmentTriggers: Type.Optional(Triggers),
  },
  { additionalProperties: false },
);
export type CreateSequenceBody = Static<typeof CreateSequenceBody>;

export const PatchSequenceBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    steps: Type.Optional(Steps),
    settings: Type.Optional(SequenceSettings),
    unenrollmentTriggers: Type.Optional(Triggers),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchSequenceBody = Static<typeof PatchSequenceBody>;

export const Performance = Type.Object({
  enrolled: Type.Integer(),
  active: Type.Integer(),
  paused: Type.Integer(),
  unenrolled: Type.Integer(),
  unenrolledByReason: Type.Record(Type.String(), Type.Integer(), { description: 'Counts by reason code' }),
  emailsSent: Type.Integer(),
  replies: Type.Integer(),
  meetings: Type.Integer(),
  bounces: Type.Integer(),
});
export type Performance = Static<typeof Performance>;

export const Sequence = Type.Object({
  id: Uuid,
  name: Type.String(),
  steps: Type.Array(Step),
  settings: SequenceSettings,
  unenrollmentTriggers: Triggers,
  ownerId: Uuid,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deletedAt: Nullable(Timestamp),
});
export type Sequence = Static<typeof Sequence>;

export const SequenceDetail = Type.Composite([
  Sequence,
  Type.Object({
    performance: Performance,
    owner: Nullable(Type.Object({ id: Uuid, name: Type.String(), email: Type.String() })),
  }),
]);
export type SequenceDetail = Static<typeof SequenceDetail>;

/** A row of the console's sequences table (Manage): the figures of every sequence of a page in one query. */
export const SequenceOverview = Type.Object({
  id: Uuid,
  name: Type.String(),
  owner: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  steps: Type.Integer({ description: 'How many steps it has' }),
  enrolled: Type.Integer(),
  active: Type.Integer(),
  paused: Type.Integer(),
  unenrolled: Type.Integer(),
  emailsSent: Type.Integer(),
  replies: Type.Integer(),
  replyRate: Nullable(
    Type.Number({
      description:
        'Enrollments that replied ÷ enrollments sent at least one email (0–1); null before any email',
    }),
  ),
  createdAt: Timestamp,
});
export type SequenceOverview = Static<typeof SequenceOverview>;

export const SequenceOverviewQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name (any case)' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type SequenceOverviewQuery = Static<typeof SequenceOverviewQuery>;
