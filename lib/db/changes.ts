/**
 * Dexie announces every committed write to the other pages and workers of this origin on a
 * BroadcastChannel of this name (dexie.js `STORAGE_MUTATED_DOM_EVENT_NAME`: how a liveQuery in
 * the side panel hears the background's writes). The popup loads no Dexie (issue #12) and
 * listens to the same channel to know when to ask the background again.
 * tests/unit/db/changes.test.ts checks the name against the Dexie this build bundles.
 */
export const DEXIE_CHANGES_CHANNEL = 'x-storagemutated-1';

/** Calls `cb` after any write to the database, in any context of the extension; returns an unsubscribe. */
export function watchDbChanges(cb: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(DEXIE_CHANGES_CHANNEL);
  channel.onmessage = () => cb();
  return () => channel.close();
}
