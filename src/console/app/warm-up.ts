import type { QueryClient } from '@tanstack/react-query';
import { parse } from 'regexparam';
import type { Endpoints } from '../api/endpoints';
import {
  enrollmentsTab,
  firstEnrollmentsPageQuery,
  sequenceQuery,
} from '../screens/sequence/summary-loading';
import type { LazyScreen } from './lazy-screen';
import * as code from './screen-code';

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

/**
 * The parameters of `path` if it matches a route `pattern`, else null. regexparam, not the
 * router's own matchPath: it runs in the page's small entry (index.tsx), before react-router's
 * code has arrived. The patterns are the router's (app/routes.tsx), all plain `/a/:b` ones.
 */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const { keys, pattern: regex } = parse(pattern);
  const found = regex.exec(path);
  if (!found) return null;
  try {
    return Object.fromEntries(keys.map((key, index) => [key, decodeURIComponent(found[index + 1])]));
  } catch {
    return null; // a malformed escape: no screen's address (the router shows Not found)
  }
}

function sequenceSummaryAt(path: string, search: string): { id: string; firstTab: boolean } | null {
  const id = matchRoute('/sequences/:id', path)?.id;
  if (!id || id === 'new') return null;
  const tab = new URLSearchParams(search).get('tab');
  return { id, firstTab: !tab || tab === 'enrollments' };
}

/** Each route's screen, in the router's order of precedence (`new` before `:id`). */
const SCREENS: [string, LazyScreen<object>][] = [
  ['/', code.sequencesHome], // `/` leads to /sequences
  ['/sequences', code.sequencesHome],
  ['/sequences/new', code.newSequenceScreen],
  ['/sequences/:id/edit', code.editSequenceScreen],
  ['/sequences/:id', code.sequenceSummary],
  ['/contacts', code.contactsList],
  ['/contacts/:id', code.contactRecord],
  ['/tasks', code.tasksScreen],
];

/**
 * Starts loading the code the address shows (its screen, and the summary's first tab);
 * settles when it has arrived, so that React's first render of it need not suspend.
 */
export function warmScreenCode(path: string, search: string): Promise<unknown> {
  const screen = SCREENS.find(([pattern]) => matchRoute(pattern, path))?.[1] ?? code.notFound;
  const summary = sequenceSummaryAt(path, search);
  return Promise.all([screen.load(), summary?.firstTab ? enrollmentsTab.load() : undefined]);
}

/** Starts loading the data the address shows; settles when it is here (or has failed). */
export function warmScreenData(
  path: string,
  search: string,
  api: Endpoints,
  client: QueryClient,
): Promise<unknown> {
  const summary = sequenceSummaryAt(path, search);
  if (!summary) return Promise.resolve();
  return Promise.all([
    client.prefetchQuery(sequenceQuery(api, summary.id)),
    summary.firstTab ? client.prefetchQuery(firstEnrollmentsPageQuery(api, summary.id)) : undefined,
  ]);
}
