import { act, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { lazyScreen } from '../../src/console/app/lazy-screen';

/** A screen module whose arrival the test controls. */
function deferredScreen() {
  let arrive!: () => void;
  let fail!: (error: Error) => void;
  let requests = 0;
  const importer = () => {
    requests += 1;
    return new Promise<{ default: (props: { name: string }) => JSX.Element }>((resolve, reject) => {
      arrive = () => resolve({ default: ({ name }) => <p>Hello {name}</p> });
      fail = reject;
    });
  };
  return { importer, arrive: () => arrive(), fail: (e: Error) => fail(e), requests: () => requests };
}

const inSuspense = (node: JSX.Element) => <Suspense fallback={<p>Loading the screen</p>}>{node}</Suspense>;

describe('a lazy screen: its own chunk, drawn at once when its code is already here', () => {
  test('code that has arrived before the first render draws without the fallback', async () => {
    const module = deferredScreen();
    const { Component, load } = lazyScreen(module.importer);
    const loading = load();
    module.arrive();
    await loading;
    render(inSuspense(<Component name="Ann" />));
    // Synchronously, in the first commit: React's lazy would have shown the fallback first.
    expect(screen.getByText('Hello Ann')).toBeTruthy();
    expect(screen.queryByText('Loading the screen')).toBeNull();
    expect(module.requests()).toBe(1);
  });

  test('code not yet here suspends, then draws; load() asks for it once', async () => {
    const module = deferredScreen();
    const { Component, load } = lazyScreen(module.importer);
    render(inSuspense(<Component name="Ben" />));
    expect(screen.getByText('Loading the screen')).toBeTruthy();
    void load();
    await act(async () => module.arrive());
    expect(await screen.findByText('Hello Ben')).toBeTruthy();
    expect(module.requests()).toBe(1);
  });

  test('a download that failed is asked for again by the next load()', async () => {
    const module = deferredScreen();
    const { load } = lazyScreen(module.importer);
    const first = load();
    module.fail(new Error('offline'));
    await expect(first).rejects.toThrow('offline');
    const second = load();
    module.arrive();
    await second;
    expect(module.requests()).toBe(2);
  });
});
