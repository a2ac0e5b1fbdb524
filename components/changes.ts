import { Dexie, type ObservabilitySet } from 'dexie';

/**
 * Calls `cb` when a commit changed `table` of `db`: Dexie's own change notice, for this
 * context's writes and, over its BroadcastChannel, the background's. One notice per commit
 * (a 10,000-item batch sends one per 1,000-row chunk).
 */
export function onTableChange(db: Dexie, table: string, cb: () => void): () => void {
  const prefix = `idb://${db.name}/${table}/`;
  const listener = (parts: ObservabilitySet) => {
    for (const part in parts)
      if (part === 'all' || part.startsWith(prefix)) {
        cb();
        return;
      }
  };
  Dexie.on.storagemutated.subscribe(listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}

/**
 * Runs `run` when asked, never two at once: asked while it runs, it runs once more after
 * (however many times it was asked meanwhile). Dexie's liveQuery instead starts its query
 * again on every notice, dropping the one in flight: while a batch commits chunk after chunk,
 * each notice started another read, each waited behind the writer's next transaction, and
 * none was answered until the batch ended. No timers: what runs depends only on the notices.
 */
export function coalesced(run: () => Promise<void>): { request(): void; close(): void } {
  let running = false;
  let again = false;
  let closed = false;
  const start = (): void => {
    running = true;
    again = false;
    void run()
      .catch(() => undefined) // `run` reports its own errors
      .then(() => {
        running = false;
        if (again && !closed) start();
      });
  };
  return {
    request() {
      if (closed) return;
      if (running) again = true;
      else start();
    },
    close() {
      closed = true;
    },
  };
}
