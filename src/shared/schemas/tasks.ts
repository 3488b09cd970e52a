import { Type, type Static } from '@sinclair/typebox';
import { EnrollmentStatus, TaskStatus } from '../enums';
import { NullableTimestamp, PageQuery, StringEnum, Timestamp, Uuid, Nullable } from './common';

const Person = Type.Object({ id: Uuid, name: Type.String() });

/** A task step's task: the sequence waits for it (SPEC §2, issue 4). */
export const Task = Type.Object({
  id: Uuid,
  title: Type.String(),
  status: StringEnum(Object.values(TaskStatus)),
  step: Type.Integer({ description: 'The number (1-based) of the task step in its sequence' }),
  dueAt: Timestamp,
  createdAt: Timestamp,
  completedAt: NullableTimestamp,
  completedBy: Nullable(Person),
  owner: Nullable(Person),
  enrollment: Type.Object({ id: Uuid, status: StringEnum(Object.values(EnrollmentStatus)) }),
  sequence: Type.Object({ id: Uuid, name: Type.String() }),
  contact: Type.Object({ id: Uuid, email: Type.String(), name: Type.String() }),
});
export type Task = Static<typeof Task>;

export const ListTasksQuery = Type.Object(
  {
    status: Type.Optional(
      StringEnum(Object.values(TaskStatus), {
        description: 'open (default; soonest due first) or completed (latest first)',
      }),
    ),
    owner: Type.Optional(
      StringEnum(['me', 'all'], { description: 'me (default): your tasks; all: every task of the account' }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ListTasksQuery = Static<typeof ListTasksQuery>;
