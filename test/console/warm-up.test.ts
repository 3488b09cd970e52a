import { QueryClient } from '@tanstack/react-query';
import type { Endpoints } from '../../src/console/api/endpoints';
import { matchPath } from 'react-router';
import { matchRoute, routerPath, warmScreenData } from '../../src/console/app/warm-up';

/** An API that records the calls the warm-up makes and answers an empty page. */
function recordingApi() {
  const calls: string[] = [];
  const api = {
    sequence: async (id: string) => {
      calls.push(`sequence ${id}`);
      return { id };
    },
    enrollments: async (q: { sequenceId?: string; limit?: number; status?: string }) => {
      calls.push(`enrollments ${q.sequenceId} limit ${q.limit} status ${q.status ?? 'any'}`);
      return { items: [], nextCursor: null };
    },
  } as unknown as Endpoints;
  return { api, calls };
}

describe('the console’s warm-up: what an address will show starts loading before its screen', () => {
  test('a browser router’s path loses the /app basename; a memory router’s is kept', () => {
    expect(routerPath('/app/sequences/s1', '/app')).toBe('/sequences/s1');
    expect(routerPath('/app', '/app')).toBe('/');
    expect(routerPath('/sequences/s1', '/')).toBe('/sequences/s1');
  });

  test('a sequence summary on its first tab asks for the sequence and the first page of its Enrollments', async () => {
    const { api, calls } = recordingApi();
    const client = new QueryClient();
    warmScreenData('/sequences/s1', '', api, client);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls.sort()).toEqual(['enrollments s1 limit 50 status any', 'sequence s1']);
    expect(client.getQueryData(['sequence', 's1'])).toEqual({ id: 's1' });
  });

  test('another tab of the summary asks for the sequence only; other screens and New ask for nothing', async () => {
    const { api, calls } = recordingApi();
    const client = new QueryClient();
    warmScreenData('/sequences/s1', '?tab=steps', api, client);
    warmScreenData('/sequences/new', '', api, client);
    warmScreenData('/sequences/s1/edit', '', api, client);
    warmScreenData('/contacts', '', api, client);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual(['sequence s1']);
  });

  test('the warm-up reads an address as the router does (regexparam in the entry, matchPath in the router)', () => {
    const patterns = [
      '/',
      '/sequences',
      '/sequences/new',
      '/sequences/:id/edit',
      '/sequences/:id',
      '/contacts/:id',
      '/tasks',
    ];
    const paths = [
      '/',
      '/sequences',
      '/sequences/',
      '/Sequences',
      '/sequences/new',
      '/sequences/0b9a2f64-3c1e-4f51-9d53-6a1f1c3e2d10',
      '/sequences/0b9a2f64-3c1e-4f51-9d53-6a1f1c3e2d10/',
      '/sequences/s1/edit',
      '/sequences/s1/steps',
      '/sequences/a%20b',
      '/contacts/c1',
      '/contacts',
      '/tasks',
      '/tasks/x',
      '/nowhere',
    ];
    for (const pattern of patterns) {
      for (const path of paths) {
        // The router matches the address decoded segment by segment, as react-router's matchRoutes does.
        const router = matchPath(pattern, path.split('/').map(decodeURIComponent).join('/'));
        expect([pattern, path, matchRoute(pattern, path)]).toEqual([
          pattern,
          path,
          router ? { ...router.params } : null,
        ]);
      }
    }
    // A malformed escape is no screen's address (the router then shows Not found).
    expect(matchRoute('/sequences/:id', '/sequences/%E0%A4%A')).toBeNull();
  });
});
