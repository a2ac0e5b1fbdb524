import { facetsOf } from '../records/facets';
import { applyClosure, type Closure, closures, listingIndexOf, listingRange, unfixedRange } from '../records/listing';
import type { SyncRecord } from '../records/record';
import type { SyncHistoryDB } from './schema';

/**
 * Keeps "fixed by" and "still failing" true as records are written (issue #11). Call inside
 * the writing transaction with the rows about to be written (`rows`: id → new row, or
 * undefined for a row being deleted) and the rows as stored before (`before`). Failures whose
 * closure changes are added to `rows` (and their stored version to `before`).
 *
 * The usual write (new results, a batch settling) reads only key ranges of `listingIndex`:
 * the unfixed failures of each written result's listings up to its time (a success fixes them,
 * a failure is the next attempt of the open one), and for a written failure the results after it (it arrived
 * late, as an import can). A listing's long history of closed failures and saves is never
 * read. Only a result that stops being one (deleted, rolled back, retried to pending, moved
 * in time) reads the whole of its listings, since the failures it had closed may reopen.
 */
export async function resolveListings(
  db: SyncHistoryDB,
  rows: Map<string, SyncRecord | undefined>,
  before: Map<string, SyncRecord | undefined>,
): Promise<void> {
  const current = (r: SyncRecord): SyncRecord | undefined => (rows.has(r.id) ? rows.get(r.id) : r);
  const group = new Map<string, SyncRecord>();
  const targets = new Map<string, SyncRecord>();
  const add = (found: SyncRecord[], isTarget: (r: SyncRecord) => boolean): void => {
    for (const r of found) {
      if (!before.has(r.id)) before.set(r.id, r);
      const cur = current(r);
      if (!cur) continue;
      group.set(cur.id, cur);
      if (isTarget(cur)) targets.set(cur.id, cur);
    }
  };
  const unchanged = (prev: SyncRecord, next: SyncRecord | undefined): boolean =>
    next !== undefined &&
    next.status === prev.status &&
    next.syncedAt === prev.syncedAt &&
    next.listing.length === prev.listing.length &&
    next.listing.every((k, i) => prev.listing[i] === k);
  const reopens = [...rows].some(([id, next]) => {
    const prev = before.get(id);
    return prev !== undefined && prev.status !== 'pending' && !unchanged(prev, next);
  });

  if (reopens) {
    // Every final record of the listings involved, and of the listings those share keys with.
    const keys = new Set<string>();
    for (const [id, r] of rows) {
      for (const k of r?.listing ?? []) keys.add(k);
      for (const k of before.get(id)?.listing ?? []) keys.add(k);
    }
    const whole = async (ks: Iterable<string>) =>
      (
        await Promise.all(
          [...ks].map((k) => db.records.where('listingIndex').between(`${k}\u0001`, `${k}\u0001\uffff`, true, true).toArray()),
        )
      ).flat();
    if (keys.size > 0) add(await whole(keys), (r) => r.status === 'failed');
    const more = new Set<string>();
    for (const r of targets.values()) for (const k of r.listing) if (!keys.has(k)) more.add(k);
    if (more.size > 0) add(await whole(more), () => false);
  } else {
    // Each range once (records of one listing in one write share them); a failure's fixed
    // failures after it and the listing's unfixed ones are adjacent marks (a, then b and c):
    // one range. Since a write of 10,000 results reads 20,000 ranges, every range saved counts.
    const byLow = new Map<string, string>();
    const want = ([lo, hi]: [string, string]): void => {
      const cur = byLow.get(lo);
      if (cur === undefined || hi > cur) byLow.set(lo, hi);
    };
    for (const next of rows.values()) {
      if (!next || next.status === 'pending') continue;
      for (const k of next.listing) {
        if (next.status === 'failed') {
          // A failure arriving after later results (an import): those results close it; and
          // the listing's unfixed failures, of which it is the next attempt.
          want([listingRange(k, 'a', next.syncedAt, Number.MAX_SAFE_INTEGER)[0], unfixedRange(k)[1]]);
          want(listingRange(k, 'd', next.syncedAt, Number.MAX_SAFE_INTEGER));
        } else {
          // The listing's unfixed failures: a success fixes those before it.
          want(unfixedRange(k));
        }
      }
    }
    const ranges = [...byLow];
    if (ranges.length > 0) {
      // One range read per key: inAnyRange() would walk one cursor across the whole span.
      const lists = await Promise.all(ranges.map(([lo, hi]) => db.records.where('listingIndex').between(lo, hi, true, true).toArray()));
      const found = lists.flat();
      add(found, (r) => r.status === 'failed' && r.fixedBy === undefined);
    }
  }
  for (const r of rows.values()) {
    if (!r) continue;
    group.set(r.id, r);
    targets.set(r.id, r);
  }
  const closed = closures([...group.values()]);
  for (const r of targets.values()) {
    const c: Closure | undefined = r.status === 'failed' ? closed.get(r.id) : undefined;
    if (r.fixedBy === c?.fixedBy && r.fixedAt === c?.fixedAt && r.supersededBy === c?.supersededBy) continue;
    // Never change a stored object in place: `before` may hold it.
    const next: SyncRecord = { ...r };
    applyClosure(next, c);
    next.facets = facetsOf(next);
    next.listingIndex = listingIndexOf(next);
    rows.set(next.id, next);
  }
}
