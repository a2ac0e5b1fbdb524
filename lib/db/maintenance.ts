import { ANY, type FacetFilter, facetKey, facetRange } from '../records/facets';
import { withIndexes } from '../records/merge';
import type { ExportedRecord, SyncRecord } from '../records/record';
import { toExported } from '../transfer/exportFile';
import { applyCounts, inCalls } from './repo';
import { resolveListings } from './resolve';
import type { SyncHistoryDB } from './schema';
import { countChange, type StatDeltas } from './stats';

/**
 * Keeping and moving the history: import, rollback, clear, prune. Write side, so only
 * the background imports this module (one writer). Every function changes `records`
 * and `stats` in the same transaction(s), through the same countChange/applyCounts
 * as writeCapture, so the per-day counts always equal a recount of the records.
 */

/** Every record, by time (the `facets` range retention walks). */
const EVERY: FacetFilter = { term: ANY, platform: ANY, status: ANY };

const indexed = (r: ExportedRecord): SyncRecord => withIndexes({ ...r, ids: [], facets: [], listing: [], listingIndex: [] });

export interface ImportResult {
  /** Ids that did not exist before (a rollback deletes them). */
  created: string[];
  /** The rows as they were before this chunk replaced them (a rollback puts them back). */
  replaced: ExportedRecord[];
  /** Records not written: an equal or newer version is stored (or came earlier in the chunk). */
  skipped: number;
}

/**
 * Merges one chunk of already checked records (checkRecord) in one transaction: by id,
 * no duplicates; a stored row is replaced only by a strictly newer `syncedAt`.
 * Resolves after commit.
 */
export async function importRecords(
  db: SyncHistoryDB,
  records: ExportedRecord[],
  opts: {
    lap?: ((stage: string) => void) | undefined;
    /** Told how many rows the chunk put (its records, and the stored failures whose closure changed). */
    put?: ((rows: number) => void) | undefined;
  } = {},
): Promise<ImportResult> {
  // The newest version of each id in the chunk (the first one on a tie).
  const newest = new Map<string, ExportedRecord>();
  for (const r of records) {
    const cur = newest.get(r.id);
    if (!cur || r.syncedAt > cur.syncedAt) newest.set(r.id, r);
  }
  let skipped = records.length - newest.size;
  return db.transaction('rw', db.records, db.stats, db.unfixed, async () => {
    const ids = [...newest.keys()];
    const found = await db.records.bulkGet(ids);
    const created: string[] = [];
    const replaced: ExportedRecord[] = [];
    const rows = new Map<string, SyncRecord | undefined>();
    const before = new Map<string, SyncRecord | undefined>();
    ids.forEach((id, i) => {
      const prev = found[i];
      const incoming = newest.get(id)!;
      if (prev && incoming.syncedAt <= prev.syncedAt) {
        skipped += 1;
        return;
      }
      if (prev) replaced.push(toExported(prev));
      else created.push(id);
      before.set(id, prev);
      rows.set(id, indexed(incoming));
    });
    opts.lap?.('get');
    // Imported results fix (or reopen) failures of the same listings, stored or imported; an
    // import's results are often older than those stored (a success may be an earlier fix).
    await resolveListings(db, rows, before, { lateSuccesses: true, lap: opts.lap });
    opts.lap?.('resolve.unfixed-table');
    await putRows(db, rows, before, opts.lap);
    opts.put?.(rows.size);
    return { created, replaced, skipped };
  });
}

/**
 * Undoes import chunks in one transaction: ids in `created` are deleted, rows in
 * `replaced` are put back. Roll chunks back newest first; if several chunks' lists are
 * passed together (in the order they were answered), an id in `created` is deleted
 * whatever was replaced later, and otherwise the first replaced version of an id (the
 * one from before the import) is restored.
 */
export async function rollbackImport(
  db: SyncHistoryDB,
  undo: { created: string[]; replaced: ExportedRecord[] },
): Promise<{ deleted: number; restored: number }> {
  const created = new Set(undo.created);
  const restore = new Map<string, ExportedRecord>();
  for (const r of undo.replaced) if (!created.has(r.id) && !restore.has(r.id)) restore.set(r.id, r);
  return db.transaction('rw', db.records, db.stats, db.unfixed, async () => {
    const delIds = [...created];
    const putIds = [...restore.keys()];
    const [current, replacedNow] = await Promise.all([db.records.bulkGet(delIds), db.records.bulkGet(putIds)]);
    const rows = new Map<string, SyncRecord | undefined>();
    const before = new Map<string, SyncRecord | undefined>();
    let deleted = 0;
    current.forEach((cur, i) => {
      if (!cur) return;
      before.set(delIds[i]!, cur);
      rows.set(delIds[i]!, undefined);
      deleted += 1;
    });
    putIds.forEach((id, i) => {
      before.set(id, replacedNow[i]);
      rows.set(id, indexed(restore.get(id)!));
    });
    await resolveListings(db, rows, before);
    await putRows(db, rows, before);
    return { deleted, restored: putIds.length };
  });
}

/** Writes `rows` (undefined: delete) over `before`, with their counts; inside a transaction. */
async function putRows(
  db: SyncHistoryDB,
  rows: Map<string, SyncRecord | undefined>,
  before: Map<string, SyncRecord | undefined>,
  lap?: (stage: string) => void,
) {
  const deltas: StatDeltas = new Map();
  const put: SyncRecord[] = [];
  const del: string[] = [];
  for (const [id, next] of rows) {
    countChange(deltas, before.get(id), next);
    if (next) put.push(next);
    else del.push(id);
  }
  await db.records.bulkDelete(del);
  await inCalls(put, (p) => db.records.bulkPut(p).then(() => p));
  lap?.('put');
  await applyCounts(db, deltas);
  lap?.('counts');
}

/** Deletes every record, count and unrecognised-operation row; answers how many records there were. */
export async function clearHistory(db: SyncHistoryDB): Promise<number> {
  return db.transaction('rw', db.records, db.stats, db.unrecognised, db.unfixed, async () => {
    const n = await db.records.count();
    await Promise.all([db.records.clear(), db.stats.clear(), db.unrecognised.clear(), db.unfixed.clear()]);
    return n;
  });
}

/**
 * Deletes records with `syncedAt < cutoffMs`, oldest first, `chunk` at a time through
 * the `* * *` range of the `facets` index (every record by time), each chunk one transaction with its counts: stopping between
 * chunks (a closed worker, an error) leaves a consistent store, and the next run goes on.
 */
export async function pruneOlderThan(db: SyncHistoryDB, cutoffMs: number, chunk = 500): Promise<number> {
  const size = Math.max(1, Math.floor(chunk));
  let total = 0;
  for (;;) {
    const n = await db.transaction('rw', db.records, db.stats, async () => {
      const [lo] = facetRange(EVERY, 0, 0);
      const rows = await db.records
        .where('facets')
        .between(lo, facetKey(EVERY, cutoffMs, ''), true, false)
        .limit(size)
        .toArray();
      const deltas: StatDeltas = new Map();
      for (const r of rows) countChange(deltas, r, undefined);
      await db.records.bulkDelete(rows.map((r) => r.id));
      await applyCounts(db, deltas);
      return rows.length;
    });
    total += n;
    if (n < size) return total;
  }
}
