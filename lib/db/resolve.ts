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
 *
 * With `lateSuccesses` (an import), a success older than results already stored reads its
 * listings whole too: it may be an earlier fix of failures a later save fixed. Captures
 * arrive in time order, so they skip that seek per key; a success captured after a later
 * save of its listing leaves that save named as the fix (still fixed, the fix a little late).
 */
export async function resolveListings(
  db: SyncHistoryDB,
  rows: Map<string, SyncRecord | undefined>,
  before: Map<string, SyncRecord | undefined>,
  opts: { lateSuccesses?: boolean } = {},
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
  const whole = async (ks: Iterable<string>) =>
    (
      await Promise.all(
        [...ks].map((k) => db.records.where('listingIndex').between(`${k}\u0001`, `${k}\u0001\uffff`, true, true).toArray()),
      )
    ).flat();
  /** Every final record of listing keys `keys` (each failure among them closed again), and of the listings those failures share keys with. */
  const readWhole = async (keys: ReadonlySet<string>): Promise<void> => {
    if (keys.size === 0) return;
    add(await whole(keys), (r) => r.status === 'failed');
    const more = new Set<string>();
    for (const r of targets.values()) for (const k of r.listing) if (!keys.has(k)) more.add(k);
    if (more.size > 0) add(await whole(more), () => false);
  };
  if (reopens) {
    const keys = new Set<string>();
    for (const [id, r] of rows) {
      for (const k of r?.listing ?? []) keys.add(k);
      for (const k of before.get(id)?.listing ?? []) keys.add(k);
    }
    await readWhole(keys);
  } else {
    // A success older than results already stored (an import: exports run newest first) may be
    // the earliest fix of failures that a later save fixed: their listings are read whole.
    const lateKeys = opts.lateSuccesses ? await keysWithLaterResults(db, rows) : new Set<string>();
    await readWhole(lateKeys);
    // A listing's unfixed failures are read only when the `unfixed` table names it: a settling
    // batch's 10,000 results would otherwise read 20,000 ranges, nearly all empty. Each once
    // (records of one listing in one write share them).
    const written = new Set<string>();
    for (const next of rows.values())
      if (next && next.status !== 'pending') for (const k of next.listing) if (!lateKeys.has(k)) written.add(k);
    const known = await unfixedAmong(db, written);
    // A failure arriving after later results (an import, a late capture): those close it.
    const late = new Map<string, { key: string; time: number }>();
    for (const next of rows.values()) {
      if (!next || next.status !== 'failed') continue;
      for (const key of next.listing) if (!lateKeys.has(key)) late.set(lateRange(key, next.syncedAt)[0], { key, time: next.syncedAt });
    }
    // One range read per key: inAnyRange() would walk one cursor across the whole span.
    const lists = await Promise.all([
      // The listing's unfixed failures: a success fixes those before it; a failure is the next attempt of the open one.
      ...[...known].map((k) =>
        db.records
          .where('listingIndex')
          .between(...unfixedRange(k), true, true)
          .toArray(),
      ),
      ...[...late.values()].map(({ key, time }) => laterResults(db, key, time)),
    ]);
    add(lists.flat(), (r) => r.status === 'failed' && r.fixedBy === undefined);
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

/** A late failure's later results are read this many at a time (see laterResults). */
export const LATER_FIRST = 16;

/**
 * The results of listing `key` after `time` that can close a failure at `time`: the earliest
 * later success fixes it, so nothing after that success matters; before it, the failures (the
 * next attempt). A first read of LATER_FIRST rows nearly always holds a success; only when it
 * does not is the rest read. An import of a seller's export, newest first, writes each chunk
 * under the later ones already imported: every failure read its listing's whole later history
 * (a popular SKU's hundreds of results per failure; 10,000 records took 67 s at 100,000).
 */
async function laterResults(db: SyncHistoryDB, key: string, time: number): Promise<SyncRecord[]> {
  const [lo] = lateRange(key, time);
  const hi = unfixedRange(key)[0];
  const results = db.records.where('listingIndex').between(lo, hi, true, false);
  const first = await results.clone().limit(LATER_FIRST).toArray();
  if (first.length < LATER_FIRST || first.some((r) => r.status === 'success' && r.syncedAt > time)) return first;
  return results.toArray();
}

/**
 * The listing keys of written successes that already have a result stored from the time of
 * the earliest of them on (a seek each): there, a fixed failure's fix may now be an earlier one.
 */
async function keysWithLaterResults(db: SyncHistoryDB, rows: ReadonlyMap<string, SyncRecord | undefined>): Promise<Set<string>> {
  const earliest = new Map<string, number>();
  for (const r of rows.values())
    if (r?.status === 'success') for (const k of r.listing) earliest.set(k, Math.min(earliest.get(k) ?? r.syncedAt, r.syncedAt));
  const keys = [...earliest.keys()];
  const found = await Promise.all(
    keys.map((k) =>
      db.records
        .where('listingIndex')
        .between(lateRange(k, earliest.get(k)!)[0], unfixedRange(k)[0], true, false)
        .limit(1)
        .primaryKeys(),
    ),
  );
  return new Set(keys.filter((_, i) => found[i]!.length > 0));
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
