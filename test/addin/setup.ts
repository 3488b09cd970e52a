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

// The first render of a file compiles Fluent's styles: give findBy* queries room on a busy 2-core machine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('@testing-library/react').configure({ asyncUtilTimeout: 5000 });

// Fluent's focus manager (tabster) hides the page behind a modal dialog with timers; let a
// test's unmounted dialog finish that before the next test renders, or it hides the new one.
afterEach(async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('@testing-library/react').cleanup();
  await new Promise((resolve) => setTimeout(resolve, 100));
});
