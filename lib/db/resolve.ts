import { facetsOf } from '../records/facets';
import { applyClosure, type Closure, closures, later, listingIndexOf, resultsRange, unfixedRange } from '../records/listing';
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
 * With `lateSuccesses` (an import), a success older than results already stored also reads
 * its listing's results back to an older success: it may be an earlier fix of failures a
 * later save fixed. Captures
 * arrive in time order, so they skip that seek per key; a success captured after a later
 * save of its listing leaves that save named as the fix (still fixed, the fix a little late).
 */
export async function resolveListings(
  db: SyncHistoryDB,
  rows: Map<string, SyncRecord | undefined>,
  before: Map<string, SyncRecord | undefined>,
  opts: { lateSuccesses?: boolean; lap?: ((stage: string) => void) | undefined } = {},
): Promise<void> {
  const lap = opts.lap ?? (() => undefined);
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
    lap('resolve.find');
    await readWhole(keys);
  } else {
    // A listing's unfixed failures are read only when the `unfixed` table names it: a settling
    // batch's 10,000 results would otherwise read 20,000 ranges, nearly all empty. Each once
    // (records of one listing in one write share them).
    const written = new Set<string>();
    for (const next of rows.values()) if (next && next.status !== 'pending') for (const k of next.listing) written.add(k);
    const known = await unfixedAmong(db, written);
    // A success older than results already stored (an import: exports run newest first) may be
    // an earlier fix of failures a later save fixed: the listing's results before it are read
    // back to a stored success older than all of them (failures before that one stay as fixed).
    const spans = opts.lateSuccesses ? await lateSuccessSpans(db, rows) : new Map<string, Span>();
    lap('resolve.find');
    if (spans.size > 0) {
      const bySuccess = new Map<string, SyncRecord[]>();
      for (const r of rows.values())
        if (r?.status === 'success')
          for (const k of r.listing) {
            const list = bySuccess.get(k);
            if (list) list.push(r);
            else bySuccess.set(k, [r]);
          }
      // A fixed failure whose fix is later than a written success of its listing: nothing stored
      // between it and its fix fixed it, so the written success is its earliest fix now.
      const fixedEarlier = (f: SyncRecord): boolean =>
        f.status === 'failed' &&
        f.fixedAt !== undefined &&
        f.listing.some((k) => (bySuccess.get(k) ?? []).some((s) => later(s, f) && later({ syncedAt: f.fixedAt!, id: f.fixedBy ?? '' }, s)));
      const lists = await Promise.all([...spans].map(([k, span]) => earlierResults(db, k, span)));
      add(lists.flat(), fixedEarlier);
    }
    // A failure arriving after later results (an import, a late capture): those close it.
    const late = new Map<string, Span>();
    for (const next of rows.values()) if (next?.status === 'failed') for (const k of next.listing) widen(late, k, next.syncedAt);
    // One range read per key: inAnyRange() would walk one cursor across the whole span.
    const lists = await Promise.all([
      // The listing's unfixed failures: a success fixes those before it; a failure is the next attempt of the open one.
      ...[...known].map((k) =>
        db.records
          .where('listingIndex')
          .between(...unfixedRange(k), true, true)
          .toArray(),
      ),
      ...[...late].map(([k, span]) => laterResults(db, k, span)),
    ]);
    add(lists.flat(), (r) => r.status === 'failed' && r.fixedBy === undefined);
    checked = known;
  }
  lap('resolve.read');
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
  lap('resolve.close');
  await keepUnfixed(db, group, rows, checked);
}

/** The first window of a listing's results read for a late write (then 4 times more each time: see readUntil). */
export const FIRST_WINDOW = 4;

/**
 * Reads a `listingIndex` range in the order given, in growing windows (FIRST_WINDOW rows, then
 * four times as many each time), until what was read is `enough` or the range ends: the
 * results that matter lie near one end of a listing's long history.
 */
async function readUntil(
  range: () => { limit(n: number): { toArray(): PromiseLike<SyncRecord[]> } },
  enough: (rows: SyncRecord[]) => boolean,
): Promise<SyncRecord[]> {
  for (let n = FIRST_WINDOW; ; n *= 4) {
    const rows = await range().limit(n).toArray();
    if (rows.length < n || enough(rows)) return rows;
  }
}

/**
 * The results of listing `key` after its written failures (times `span`) that can close them:
 * a failure's earliest later success fixes it, so nothing after the first success later than
 * all of them matters; before it, the failures (the next attempt). An import of a seller's
 * export, newest first, writes each chunk under the later ones already imported: every failure
 * read its listing's whole later history (a popular SKU's hundreds of results per failure;
 * 10,000 records took 67 s at 100,000).
 */
function laterResults(db: SyncHistoryDB, key: string, span: Span): Promise<SyncRecord[]> {
  return readUntil(
    () => db.records.where('listingIndex').between(...resultsRange(key, span.min), true, true),
    (rows) => rows.some((r) => r.status === 'success' && r.syncedAt > span.max),
  );
}

/** The earliest and latest time of a listing key's written successes (or failures). */
type Span = { min: number; max: number };

function widen(spans: Map<string, Span>, key: string, t: number): void {
  const cur = spans.get(key);
  spans.set(key, cur ? { min: Math.min(cur.min, t), max: Math.max(cur.max, t) } : { min: t, max: t });
}

/**
 * The listing keys of written successes that already have a result stored from the time of
 * the earliest of them on (a seek each), with the span of their written successes.
 */
async function lateSuccessSpans(db: SyncHistoryDB, rows: ReadonlyMap<string, SyncRecord | undefined>): Promise<Map<string, Span>> {
  const spans = new Map<string, Span>();
  for (const r of rows.values()) if (r?.status === 'success') for (const k of r.listing) widen(spans, k, r.syncedAt);
  const keys = [...spans.keys()];
  const found = await Promise.all(
    keys.map((k) =>
      db.records
        .where('listingIndex')
        .between(...resultsRange(k, spans.get(k)!.min), true, true)
        .limit(1)
        .primaryKeys(),
    ),
  );
  return new Map(keys.filter((_, i) => found[i]!.length > 0).map((k) => [k, spans.get(k)!]));
}

/**
 * Listing `key`'s results (successes and fixed failures) up to its written successes' latest
 * (`span.max`), newest first, back to a success older than their earliest: a fixed failure
 * before that success is fixed by it or earlier, whatever the write adds.
 */
function earlierResults(db: SyncHistoryDB, key: string, span: Span): Promise<SyncRecord[]> {
  return readUntil(
    () =>
      db.records
        .where('listingIndex')
        .between(...resultsRange(key, undefined, span.max), true, true)
        .reverse(),
    (rows) => rows.some((r) => r.status === 'success' && r.syncedAt < span.min),
  );
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
