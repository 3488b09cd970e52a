import type { Endpoints } from '../../api/endpoints';
import { lazyScreen } from '../../app/lazy-screen';

export const ENROLLMENTS_PAGE_SIZE = 50;

export type StatusFilter = '' | 'active' | 'paused' | 'unenrolled';

/** The sequence itself, as a query (the summary, the editor and the route's warm-up share it). */
export function sequenceQuery(api: Endpoints, id: string) {
  return { queryKey: ['sequence', id], queryFn: () => api.sequence(id) };
}

/** One page of a sequence's Enrollments table, as a query. */
export function enrollmentsPageQuery(
  api: Endpoints,
  sequenceId: string,
  filter: { status: StatusFilter; reason: string; cursor: string | undefined },
) {
  return {
    queryKey: ['enrollments', sequenceId, filter.status, filter.reason, filter.cursor],
    queryFn: () =>
      api.enrollments({
        sequenceId,
        status: filter.status || undefined,
        reason: filter.reason || undefined,
        cursor: filter.cursor,
        limit: ENROLLMENTS_PAGE_SIZE,
      }),
  };
}

/** The first page the Enrollments tab shows, unfiltered. */
export const firstEnrollmentsPageQuery = (api: Endpoints, sequenceId: string) =>
  enrollmentsPageQuery(api, sequenceId, { status: '', reason: '', cursor: undefined });

/** The Enrollments tab (its own chunk). */
export const enrollmentsTab = lazyScreen(
  () => import(/* webpackChunkName: "screen-sequence-enrollments" */ './EnrollmentsTab'),
);
