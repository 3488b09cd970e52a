import type { QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import type { Endpoints } from '../api/endpoints';
import {
  firstEnrollmentsPageQuery,
  loadEnrollmentsTab,
  sequenceQuery,
} from '../screens/sequence/summary-loading';
import { loadSequenceSummary } from './screen-code';

/**
 * What an address will show, started before React gets there: the screen's code from the
 * moment the page runs (beside signing in), its first data from the moment there is a session
 * (beside the code), so that code, session and data load side by side, not one after another.
 * Paths are the router's, under the `/app` basename.
 */
/** The router's path of an address under `basename` (a browser router's locations keep it). */
export function routerPath(pathname: string, basename: string): string {
  if (basename === '/' || !pathname.startsWith(basename)) return pathname;
  return pathname.slice(basename.length) || '/';
}

function sequenceSummaryAt(path: string, search: string): { id: string; firstTab: boolean } | null {
  const id = matchPath('/sequences/:id', path)?.params.id;
  if (!id || id === 'new') return null;
  const tab = new URLSearchParams(search).get('tab');
  return { id, firstTab: !tab || tab === 'enrollments' };
}

export function warmScreenCode(path: string, search: string): void {
  const summary = sequenceSummaryAt(path, search);
  if (!summary) return;
  void loadSequenceSummary();
  if (summary.firstTab) void loadEnrollmentsTab();
}

export function warmScreenData(path: string, search: string, api: Endpoints, client: QueryClient): void {
  const summary = sequenceSummaryAt(path, search);
  if (!summary) return;
  warmScreenCode(path, search);
  void client.prefetchQuery(sequenceQuery(api, summary.id));
  if (summary.firstTab) void client.prefetchQuery(firstEnrollmentsPageQuery(api, summary.id));
}
