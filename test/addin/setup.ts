// Runs before each test file of the `addin` project; most are jsdom, a few (server and build
// tests) say `@jest-environment node`.
if (typeof window !== 'undefined') {
  // jsdom lacks a few browser APIs Fluent UI reads (reduced-motion queries, element resizing).
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!('ResizeObserver' in window)) {
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const testingLibrary = require('@testing-library/react') as typeof import('@testing-library/react');
  // The first render of a file compiles Fluent's styles: give findBy* queries room on a busy 2-core machine.
  testingLibrary.configure({ asyncUtilTimeout: 5000 });

  // Fluent's focus manager (tabster) hides the page behind a modal dialog with timers; let a
  // test's unmounted dialog finish that before the next test renders.
  afterEach(async () => {
    testingLibrary.cleanup();
    await new Promise((resolve) => setTimeout(resolve, 100));
  });
}
