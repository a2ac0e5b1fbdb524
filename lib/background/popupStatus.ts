import { ALL_TIME, latestOf, NO_FILTER, storedCounts } from '../db/queries';
import type { SyncHistoryDB } from '../db/schema';
import { startOfLocalDay } from '../format/dayKey';
import type { PopupStatus, RowRecord } from '../messaging';
import { OPEN } from '../records/facets';
import type { SyncRecord } from '../records/record';

/** How many of the latest still-failing records the popup lists. */
export const POPUP_FAILING = 5;

/** A record without its index fields (a list row needs none of them; they are most of its size). */
export function rowRecord(r: SyncRecord): RowRecord {
  const { ids: _ids, facets: _facets, listing: _listing, listingIndex: _listingIndex, ...row } = r;
  return row;
}

/**
 * What the popup shows (issue #12: the popup asks the background instead of loading Dexie):
 * today's counts by status (from the per-day counts, never a scan), every record's counts with
 * "Still failing", and the latest still-failing records. `now` sets "today" (local time).
 */
export async function popupStatus(db: SyncHistoryDB, now: number): Promise<PopupStatus> {
  // "Today" as the side panel's range (lib/format/time.ts rangeBounds), without its other ranges.
  const from = startOfLocalDay(now);
  const [today, all, failing] = await Promise.all([
    storedCounts(db, { ...NO_FILTER, from, to: ALL_TIME.to }),
    storedCounts(db, NO_FILTER),
    latestOf(db, OPEN, POPUP_FAILING),
  ]);
  return {
    today: { success: today.success, failed: today.failed, pending: today.pending },
    all: { success: all.success, failed: all.failed, pending: all.pending, open: all.open },
    failing: failing.map(rowRecord),
  };
}
