import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export type Live<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: Error };

/**
 * Dexie's liveQuery as a Preact hook: re-runs `query` whenever a write (from the
 * background, in another context) touches what it read.
 */
export function useLive<T>(query: () => Promise<T>, deps: unknown[]): Live<T> {
  const [live, setLive] = useState<Live<T>>({ state: 'loading' });
  useEffect(() => {
    const sub = liveQuery(query).subscribe({
      next: (value) => setLive({ state: 'ready', value }),
      error: (error: unknown) => setLive({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return live;
}
