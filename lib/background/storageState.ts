import { type KeyValueStore, STORAGE_KEYS } from '../settings';

/** IndexedDB's "storage full" (Dexie wraps it; the DOMException's name survives). */
export function isQuotaError(err: unknown): boolean {
  const e = err as { name?: unknown; inner?: { name?: unknown }; message?: unknown } | null;
  return (
    e?.name === 'QuotaExceededError' ||
    e?.inner?.name === 'QuotaExceededError' ||
    (typeof e?.message === 'string' && /quota/i.test(e.message))
  );
}

/**
 * The "storage is full" notice the side panel shows (STORAGE_KEYS.storageProblem): set
 * when a write fails for lack of space, cleared by the next write that succeeds.
 */
export function createStorageState(store: KeyValueStore, report: (err: unknown) => void) {
  // Unknown after a worker start: the first successful write clears any stale notice.
  let problem = true;
  return {
    async failed(err: unknown, at: number, message: string): Promise<void> {
      if (!isQuotaError(err)) return;
      problem = true;
      await store.set(STORAGE_KEYS.storageProblem, { at, message }).catch(report);
    },
    async succeeded(): Promise<void> {
      if (!problem) return;
      problem = false;
      await store.set(STORAGE_KEYS.storageProblem, null).catch(report);
    },
  };
}
