import { facetsOf } from '../records/facets';
import { applyClosure, type Closure, closures, lateRange, listingIndexOf, unfixedRange } from '../records/listing';
import type { SyncRecord } from '../records/record';
import type { SyncHistoryDB } from './schema';

/** Up to this many listing keys in one write, the `unfixed` table is read a key at a time; above, all of it at once. */
export const GET_EACH_UP_TO = 64;

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

  // Listing keys whose unfixed failures were all read here (so the `unfixed` table can drop those left with none).
  let checked: ReadonlySet<string> = new Set();
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
    // Each range once (records of one listing in one write share them). A listing's unfixed failures are read only when the `unfixed` table names it:
    // a settling batch's 10,000 results would otherwise read 20,000 ranges, nearly all empty.
    const byLow = new Map<string, string>();
    const want = ([lo, hi]: [string, string]): void => {
      const cur = byLow.get(lo);
      if (cur === undefined || hi > cur) byLow.set(lo, hi);
    };
    const written = new Set<string>();
    for (const next of rows.values()) if (next && next.status !== 'pending') for (const k of next.listing) written.add(k);
    const known = await unfixedAmong(db, written);
    for (const next of rows.values()) {
      if (!next || next.status === 'pending') continue;
      for (const k of next.listing) {
        if (next.status === 'failed') {
          // A failure arriving after later results (an import): those results close it; and
          // the listing's unfixed failures, of which it is the next attempt. One range.
          want(lateRange(k, next.syncedAt));
        } else if (known.has(k)) {
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
    checked = known;
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
  await keepUnfixed(db, group, rows, checked);
}

/** The keys among `keys` that the `unfixed` table holds: one read of all its keys for a big write, a get each for a small one. */
async function unfixedAmong(db: SyncHistoryDB, keys: ReadonlySet<string>): Promise<Set<string>> {
  if (keys.size === 0) return new Set();
  if (keys.size > GET_EACH_UP_TO) return new Set((await db.unfixed.toCollection().primaryKeys()).filter((k) => keys.has(k)));
  const list = [...keys];
  const found = await db.unfixed.bulkGet(list);
  return new Set(list.filter((_, i) => found[i] !== undefined));
}

/**
 * Keeps the `unfixed` table a superset of the listing keys that have an unfixed failure
 * (open, or superseded and not fixed): every failure written unfixed adds its keys; a key
 * whose unfixed failures were all read by this write (`checked`) and are all closed now goes.
 * A key can stay after its last unfixed failure is gone another way (a prune, a rollback):
 * it costs one empty range read the next time that listing saves.
 */
async function keepUnfixed(
  db: SyncHistoryDB,
  group: ReadonlyMap<string, SyncRecord>,
  rows: ReadonlyMap<string, SyncRecord | undefined>,
  checked: ReadonlySet<string>,
): Promise<void> {
  const open = new Set<string>();
  // `group` holds every row this write read or writes (`rows` has their new versions).
  for (const r of group.values()) {
    const cur = rows.has(r.id) ? rows.get(r.id) : r;
    if (cur && cur.status === 'failed' && cur.fixedBy === undefined) for (const k of cur.listing) open.add(k);
  }
  const gone = [...checked].filter((k) => !open.has(k));
  const added = [...open].filter((k) => !checked.has(k));
  if (added.length > 0) await db.unfixed.bulkPut(added.map((key) => ({ key })));
  if (gone.length > 0) await db.unfixed.bulkDelete(gone);
}
