import { Type, type Static } from '@sinclair/typebox';
import { EnrollmentStatus, UNENROLL_REASONS } from '../enums';
import { Actor, NullableTimestamp, PageQuery, StringEnum, Timestamp, Uuid, Nullable } from './common';

const Statuses = Object.values(EnrollmentStatus);

export const Unenrollment = Type.Object({
  reason: StringEnum(UNENROLL_REASONS),
  at: Timestamp,
  by: Actor,
  detail: Nullable(Type.String()),
});
export type Unenrollment = Static<typeof Unenrollment>;

export const Enrollment = Type.Object({
  id: Uuid,
  sequenceId: Uuid,
  sequenceName: Type.String(),
  contactId: Uuid,
  email: Type.String({ description: 'The address enrolled' }),
  status: StringEnum(Statuses),
  currentStep: Type.Integer({
    description: 'The number (1-based) of the last step executed; 0 before the first',
  }),
  totalSteps: Type.Integer(),
  nextStepAt: NullableTimestamp,
  pausedUntil: NullableTimestamp,
  enrolledAt: Timestamp,
  enrolledBy: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  unenrollment: Nullable(Unenrollment),
});
export type Enrollment = Static<typeof Enrollment>;

export const EnrollmentEvent = Type.Object({
  type: Type.String(),
  at: Timestamp,
  by: Actor,
  byName: Type.Optional(
    Nullable(Type.String({ description: 'The name of the user who did it, when a user did' })),
  ),
  detail: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type EnrollmentEvent = Static<typeof EnrollmentEvent>;

export const EnrollmentWithEvents = Type.Composite([
  Enrollment,
  Type.Object({ events: Type.Array(EnrollmentEvent) }),
]);
export type EnrollmentWithEvents = Static<typeof EnrollmentWithEvents>;

export const EnrollBody = Type.Union([
  Type.Object({ sequenceId: Uuid, contactId: Uuid }, { additionalProperties: false }),
  Type.Object(
    { sequenceId: Uuid, email: Type.String({ format: 'email', maxLength: 320 }) },
    { additionalProperties: false },
  ),
]);
export type EnrollBody = Static<typeof EnrollBody>;

export const ListEnrollmentsQuery = Type.Object(
  {
    sequenceId: Type.Optional(Uuid),
    contactId: Type.Optional(Uuid),
    status: Type.Optional(StringEnum(Statuses)),
    reason: Type.Optional(StringEnum(UNENROLL_REASONS, { description: 'Unenrolled for this reason' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListEnrollmentsQuery = Static<typeof ListEnrollmentsQuery>;

export const UnenrollBody = Type.Object(
  { detail: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type UnenrollBody = Static<typeof UnenrollBody>;

export const MAX_BULK_IDS = 10_000;

export const BulkUnenrollBody = Type.Union([
  Type.Object(
    {
      ids: Type.Array(Uuid, { minItems: 1, maxItems: MAX_BULK_IDS }),
      detail: Type.Optional(Type.String({ maxLength: 1000 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      sequenceId: Uuid,
      all: Type.Literal(true),
      status: Type.Optional(StringEnum([EnrollmentStatus.active, EnrollmentStatus.paused])),
      detail: Type.Optional(Type.String({ maxLength: 1000 })),
    },
    { additionalProperties: false },
  ),
]);
export type BulkUnenrollBody = Static<typeof BulkUnenrollBody>;

export const BulkUnenrollResult = Type.Object({
  unenrolled: Type.Integer(),
  alreadyUnenrolled: Type.Integer(),
  notFound: Type.Integer({ description: 'Ids that name no enrollment of this account' }),
});
export type BulkUnenrollResult = Static<typeof BulkUnenrollResult>;

const ContactRef = Type.Object({ id: Uuid, name: Type.String(), email: Type.String() });

/** An enrollment in a table (the console's Enrollments tab): with its contact's name. */
export const EnrollmentListItem = Type.Composite([Enrollment, Type.Object({ contact: ContactRef })]);
export type EnrollmentListItem = Static<typeof EnrollmentListItem>;

/** M3: an active enrollment's next step, for the Scheduled tab. */
export const ScheduledItem = Type.Composite([
  Enrollment,
  Type.Object({
    contact: ContactRef,
    nextStep: Type.Object({
      number: Type.Integer({ description: '1-based' }),
      type: Type.String({ description: 'email or task' }),
    }),
  }),
]);
export type ScheduledItem = Static<typeof ScheduledItem>;

export const ScheduledQuery = Type.Object(
  {
    sequenceId: Type.Optional(Uuid),
    cursor: PageQuery.cursor,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
export type ScheduledQuery = Static<typeof ScheduledQuery>;
