import { Type, type Static } from '@sinclair/typebox';
import { PageQuery, Timestamp, Uuid, Nullable } from './common';

export const OutboxMessage = Type.Object({
  id: Uuid,
  messageId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  headers: Type.Record(Type.String(), Type.String()),
  enrollmentId: Nullable(Uuid),
  createdAt: Timestamp,
});
export type OutboxMessage = Static<typeof OutboxMessage>;

export const ListOutboxQuery = Type.Object(
  { to: Type.Optional(Type.String({ maxLength: 320 })), ...PageQuery },
  { additionalProperties: false },
);
export type ListOutboxQuery = Static<typeof ListOutboxQuery>;
