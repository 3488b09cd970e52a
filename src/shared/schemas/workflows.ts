import { Type, type Static } from '@sinclair/typebox';
import { Email, Uuid } from './common';
import { Enrollment } from './enrollments';

const Common = {
  sequenceId: Type.Optional(Uuid),
  detail: Type.Optional(
    Type.String({ maxLength: 1000, description: 'E.g. the workflow’s name, for the audit trail' }),
  ),
};

/** A9: a workflow action unenrolls a contact (from its current sequence, or only from `sequenceId`). */
export const WorkflowUnenrollBody = Type.Union([
  Type.Object({ contactId: Uuid, ...Common }, { additionalProperties: false }),
  Type.Object({ email: Email, ...Common }, { additionalProperties: false }),
]);
export type WorkflowUnenrollBody = Static<typeof WorkflowUnenrollBody>;

export const WorkflowUnenrollResult = Type.Object({
  unenrolled: Type.Integer({ description: '1, or 0 when the contact was not enrolled (in that sequence)' }),
  enrollment: Type.Union([Enrollment, Type.Null()], {
    description: 'The enrollment the action ended (or found ended already); null when there was none',
  }),
});
export type WorkflowUnenrollResult = Static<typeof WorkflowUnenrollResult>;
