import { pruneOlderThan } from './db/maintenance';
import type { SyncHistoryDB } from './db/schema';
import { type KeyValueStore, readRetentionDays } from './settings';

export const DAY_MS = 86_400_000;

/** Records with an older `syncedAt` go; undefined when the history is kept forever. */
export function retentionCutoff(days: number, now: number): number | undefined {
  return days > 0 ? now - days * DAY_MS : undefined;
}

export interface PrunerDeps {
  db: SyncHistoryDB;
  store: KeyValueStore;
  now(): number;
  chunk?: number;
  /** After a run that deleted records (refresh the badge). */
  afterPrune?(deleted: number): Promise<void> | void;
}

/**
 * A prune that runs one at a time: the retention is read when it starts, and a call
 * during a run (a new retention, the alarm) makes the run go round once more, so the
 * latest setting always wins. Answers the records deleted by the run.
 */
export function createPruner(deps: PrunerDeps): () => Promise<number> {
  let running: Promise<number> | undefined;
  let again = false;
  const once = async (): Promise<number> => {
    const cutoff = retentionCutoff(await readRetentionDays(deps.store), deps.now());
    return cutoff === undefined ? 0 : pruneOlderThan(deps.db, cutoff, deps.chunk);
  };
  return function prune(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          total += await once();
        } while (again);
      } finally {
        running = undefined;
      }
      if (total > 0) await deps.afterPrune?.(total);
      return total;
    })();
    return running;
  };
}
