import { Type, type Static } from '@sinclair/typebox';
import { MeetingOutcome, MeetingSource } from '../enums';
import { Email, StringEnum, Timestamp, Uuid } from './common';

export const MeetingRecordRef = Type.Object(
  { type: StringEnum(['company', 'deal']), id: Uuid },
  { additionalProperties: false },
);
export type MeetingRecordRef = Static<typeof MeetingRecordRef>;

/** A6: a meeting booked (meetings link, contact record, synced calendar) or logged. */
export const MeetingBody = Type.Object(
  {
    externalId: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The meeting’s id in the system it comes from; a repeat is answered, not processed again',
    }),
    source: StringEnum(Object.values(MeetingSource)),
    organizerUserId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    organizerEmail: Type.Optional(Type.Union([Email, Type.Null()])),
    sequenceEmailMessageId: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 998 }), Type.Null()], {
        description:
          'The Message-ID (with or without <>) of the sequence email whose meetings link was used; source meetings_link only',
      }),
    ),
    attendeeEmails: Type.Array(Email, { maxItems: 500 }),
    contactIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
    associatedRecords: Type.Optional(Type.Array(MeetingRecordRef, { maxItems: 100 })),
    startsAt: Timestamp,
    loggedAt: Type.Optional(
      Type.Union([Timestamp, Type.Null()], { description: 'When it was booked or logged; default now' }),
    ),
  },
  { additionalProperties: false },
);
export type MeetingBody = Static<typeof MeetingBody>;

export const MeetingDecision = Type.Object({
  enrollmentId: Uuid,
  contactId: Uuid,
  sequenceId: Uuid,
  outcome: StringEnum(Object.values(MeetingOutcome), { description: 'The A6 rule that decided' }),
  unenrolled: Type.Boolean(),
});
export type MeetingDecision = Static<typeof MeetingDecision>;

export const MeetingResult = Type.Object({
  meetingId: Uuid,
  externalId: Type.String(),
  duplicate: Type.Boolean({ description: 'True when this externalId was received before: the first answer' }),
  unenrolled: Type.Integer(),
  decisions: Type.Array(MeetingDecision, {
    description: 'One per active or paused enrollment of a contact the meeting concerns',
  }),
});
export type MeetingResult = Static<typeof MeetingResult>;
