import { type ComponentType, type FunctionComponent, h, type VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A component whose code loads on first use, and can be asked to load ahead of it. */
export type LazyComponent<P extends object> = FunctionComponent<P> & { preload(): Promise<unknown> };

/**
 * A component whose code loads on first use (a dynamic import: its own chunk, not in the
 * page's first load; issue #12). Until it has loaded it renders `fallback` (nothing when none):
 * give one that takes the place the component will take, so nothing jumps. `preload()` fetches
 * it ahead (after first paint), so a click seldom sees the fallback at all.
 * Preact's `lazy` lives in preact/compat; this is the small part of it we need.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback?: (props: P) => VNode | null,
): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<unknown> | undefined;
  const preload = (): Promise<unknown> =>
    (pending ??= load().then(
      (c) => {
        loaded = c;
      },
      (err: unknown) => {
        pending = undefined; // a failed fetch (an update replaced the files) may be tried again
        throw err;
      },
    ));
  function Lazy(props: P) {
    const [, setReady] = useState(false);
    // What this render shows. Effects run after paint: the code may have loaded since this
    // render showed the fallback (a preload finished in between), and then it must render again.
    const shown = loaded;
    useEffect(() => {
      if (shown) return undefined;
      let live = true;
      preload().then(
        () => live && setReady(true),
        () => undefined,
      );
      return () => {
        live = false;
      };
    }, []);
    return loaded ? h(loaded, props) : (fallback?.(props) ?? null);
  }
  return Object.assign(Lazy, { preload });
}
