import { dayKey } from '../format/time';
import { type ListStatus, OPEN } from '../records/facets';
import { isOpenFailure } from '../records/listing';
import type { Platform, SyncRecord } from '../records/record';

/** Pending changes to the counts, by stat key (see countChange, applyCounts in repo.ts). */
export type StatDeltas = Map<string, { row: Omit<StatRow, 'n'>; n: number }>;

type Counted = Pick<SyncRecord, 'platform' | 'status' | 'storeId' | 'syncedAt' | 'fixedBy' | 'supersededBy'>;

/**
 * The rows a record counts in: its day and its month, over all stores and for its store; an
 * open failure counts again under `open` ("Still failing").
 */
function rowsOf(r: Counted): Omit<StatRow, 'n'>[] {
  const day = dayKey(r.syncedAt);
  const stores = r.storeId ? ['', r.storeId.toLowerCase()] : [''];
  const out: Omit<StatRow, 'n'>[] = [];
  const statuses: ListStatus[] = isOpenFailure(r) ? [r.status, OPEN] : [r.status];
  for (const bucket of [`d${day}`, `m${day.slice(0, 7)}`]) {
    for (const storeId of stores) {
      for (const status of statuses) {
        out.push({ key: `${bucket}|${r.platform}|${status}|${storeId}`, bucket, platform: r.platform, status, storeId });
      }
    }
  }
  return out;
}

/**
 * Adds +1 for `next` and −1 for `prev` to the counts (both may be absent). Every writer
 * keeps `stats` with this and applyCounts, so the counts cannot drift from the records.
 */
export function countChange(deltas: StatDeltas, prev?: Counted, next?: Counted): void {
  const add = (r: Counted, by: number): void => {
    for (const row of rowsOf(r)) {
      const d = deltas.get(row.key) ?? { row, n: 0 };
      d.n += by;
      deltas.set(row.key, d);
    }
  };
  if (prev) add(prev, -1);
  if (next) add(next, +1);
}

/** Rows for deltas counted from nothing (a recount). */
export const statRows = (deltas: StatDeltas): StatRow[] => [...deltas.values()].filter((d) => d.n > 0).map((d) => ({ ...d.row, n: d.n }));

/**
 * The bucket ranges that cover the local days [fromDay, toDay] (`yyyy-MM-dd`): day rows for
 * the first and last month, month rows for the months between.
 */
export function bucketRanges(fromDay: string, toDay: string): [string, string][] {
  const fromMonth = fromDay.slice(0, 7);
  const toMonth = toDay.slice(0, 7);
  if (fromMonth === toMonth) return [[`d${fromDay}`, `d${toDay}`]];
  const out: [string, string][] = [[`d${fromDay}`, `d${fromMonth}-31`]];
  const next = addMonth(fromMonth, 1);
  const prev = addMonth(toMonth, -1);
  if (next <= prev) out.push([`m${next}`, `m${prev}`]);
  out.push([`d${toMonth}-01`, `d${toDay}`]);
  return out;
}

function addMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + by;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * Counts the background keeps as it writes, so status counts never scan records: per local
 * day and per local month, for every store together (`storeId` '') and for each store.
 * A count for any range reads at most two months of day rows plus one row per month.
 */
export interface StatRow {
  /** `${bucket}|${platform}|${status}|${storeId}` */
  key: string;
  /** `d2026-11-27` (a local day) or `m2026-11` (a local month). */
  bucket: string;
  platform: Platform;
  /** `open`: failures nothing later fixed (v3). */
  status: ListStatus;
  /** Lower-cased Store ID; '' is the row over all stores. */
  storeId: string;
  n: number;
}
