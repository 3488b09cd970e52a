import type {
  BulkUnenrollResult,
  ContactDetail,
  ContactListItem,
  Enrollment,
  EnrollmentListItem,
  ScheduledItem,
  Sequence,
  SequenceDetail,
  SequenceOverview,
  Task,
  Me,
} from '../../shared/schemas';
import type { ConsoleApi } from './client';

export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

/** The calls the console's screens make, typed by the shared schemas. */
export const endpoints = (api: ConsoleApi) => ({
  me: () => api.get<Me>('/me'),
  sequenceOverview: (q: { q?: string; cursor?: string; limit?: number }) =>
    api.get<PageOf<SequenceOverview>>('/sequences/overview', q),
  sequences: () => api.get<{ items: Sequence[] }>('/sequences'),
  sequence: (id: string) => api.get<SequenceDetail>(`/sequences/${encodeURIComponent(id)}`),
  enrollments: (q: {
    sequenceId?: string;
    status?: string;
    reason?: string;
    cursor?: string;
    limit?: number;
  }) => api.get<PageOf<EnrollmentListItem>>('/enrollments', q),
  scheduled: (q: { sequenceId?: string; cursor?: string; limit?: number }) =>
    api.get<PageOf<ScheduledItem>>('/scheduled', q),
  contacts: (q: { q?: string; cursor?: string; limit?: number }) =>
    api.get<PageOf<ContactListItem>>('/contacts', q),
  contact: (id: string) => api.get<ContactDetail>(`/contacts/${encodeURIComponent(id)}`),
  tasks: (q: { cursor?: string; limit?: number }) => api.get<PageOf<Task>>('/tasks', q),
  completeTask: (id: string) => api.post<Task>(`/tasks/${encodeURIComponent(id)}/complete`),
  unenroll: (id: string) => api.post<Enrollment>(`/enrollments/${encodeURIComponent(id)}/unenroll`),
  pause: (id: string) => api.post<Enrollment>(`/enrollments/${encodeURIComponent(id)}/pause`),
  resume: (id: string) => api.post<Enrollment>(`/enrollments/${encodeURIComponent(id)}/resume`),
  unenrollContact: (id: string) => api.post<Enrollment>(`/contacts/${encodeURIComponent(id)}/unenroll`),
  unenrollMany: (body: { ids: string[] } | { sequenceId: string; all: true; status?: 'active' | 'paused' }) =>
    api.post<BulkUnenrollResult>('/enrollments/unenroll', body),
});

export type Endpoints = ReturnType<typeof endpoints>;
