import { lazy, type ComponentType } from 'react';

/** A screen whose code is its own chunk, and which renders at once once that code is here. */
export interface LazyScreen<P extends object> {
  /** Renders the screen: directly when its code has arrived, else suspending until it does. */
  Component: ComponentType<P>;
  /** Starts loading the code (once); the address's warm-up calls it before React renders. */
  load(): Promise<unknown>;
}

/**
 * `React.lazy`, except that a screen whose code has already arrived (started by the warm-up)
 * renders without suspending: a lazy component always suspends once on its first render, and
 * React 18 then holds the revealed content back for up to 500 ms after the fallback showed
 * (its FALLBACK_THROTTLE_MS) — half a second of skeleton for code that was already there.
 */
export function lazyScreen<P extends object>(
  importer: () => Promise<{ default: ComponentType<P> }>,
): LazyScreen<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const load = () =>
    (loading ??= importer().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        loading = undefined; // a failed download may be tried again
        throw error;
      },
    ));
  const Suspending = lazy(load);
  function Screen(props: P) {
    // The lazy wrapper's props type differs only by its ref; the two take the same props.
    const Code = (loaded ?? Suspending) as ComponentType<P>;
    return <Code {...props} />;
  }
  return { Component: Screen, load };
}
