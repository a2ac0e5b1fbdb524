import type { ListFilter } from '@/lib/db/queries';
import { facetRuns } from '@/lib/db/queries';
import { ANY, facetRange, isFullKey, termAfter, termOf } from '@/lib/records/facets';
import type { SyncRecord } from '@/lib/records/record';

/**
 * The baselines: the same rows read with nothing but the IndexedDB API, the way one would
 * write it by hand. Same indexes and key ranges as lib/db/queries.ts listPage (the keys come
 * from facetRange, which is string building), in one readonly transaction, without Dexie.
 * For a search, the terms that start with the text come from key-cursor seeks over the
 * `facets` index (at most 20, as listPage finds them) and their newest-first runs are merged,
 * so every side returns the same rows.
 *
 * - 'cursor': a reverse value cursor per range, `continue()` row by row (the main baseline);
 * - 'getAll': one `getAll({ query, count, direction: 'prev' })` per range: the IndexedDB 3.0
 *   form (Chromium 141+), which Dexie 4.4 itself uses when the browser has it.
 */
const MAX_PREFIX_TERMS = 20;

/** IndexedDB 3.0 (`getAllRecords` ships with the options form of getAll); not in TypeScript's DOM types yet. */
export const HAS_GETALL_OPTIONS = typeof IDBObjectStore !== 'undefined' && 'getAllRecords' in IDBObjectStore.prototype;
interface GetAllOptions {
  query: IDBKeyRange;
  count?: number;
  direction?: IDBCursorDirection;
}
type Idb3Index = IDBIndex & { getAll(o: GetAllOptions): IDBRequest<unknown[]> };

function collect(source: IDBIndex, range: IDBKeyRange, dir: IDBCursorDirection, limit: number, values: boolean): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const out: unknown[] = [];
    const req = values ? source.openCursor(range, dir) : source.openKeyCursor(range, dir);
    req.onsuccess = () => {
      const c = req.result;
      if (!c) return resolve(out);
      out.push(values ? (c as IDBCursorWithValue).value : c.key);
      if (out.length >= limit) return resolve(out);
      c.continue();
    };
    req.onerror = () => reject(req.error);
  });
}

function getAll(source: IDBIndex, range: IDBKeyRange, dir: IDBCursorDirection, limit: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const req = (source as Idb3Index).getAll({ query: range, count: limit, direction: dir });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const newestFirst = (a: SyncRecord, b: SyncRecord): number => b.syncedAt - a.syncedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export async function rawPage(idb: IDBDatabase, f: ListFilter, limit: number, how: 'cursor' | 'getAll'): Promise<SyncRecord[]> {
  const store = idb.transaction('records', 'readonly').objectStore('records');
  const term = f.q.trim().toLowerCase();
  // Schema v3 (issue #12): the terms a prefix stands for are found on the facets index itself
  // (one seek per term), and each term's ranges come from the app's own facetRuns (a Store ID
  // has one range per platform, another id or word one per status).
  const found = term ? await seekTerms(store.index('facets'), term, MAX_PREFIX_TERMS) : [];
  const terms = term ? (found.length > 0 ? found : [{ term, full: false }]) : [{ term: ANY, full: true }];
  const facets = store.index('facets');
  const runs = await Promise.all(
    facetRuns(terms, f.platform, f.status).map((ff) => {
      const [lo, hi] = facetRange(ff, f.from, f.to);
      const range = IDBKeyRange.bound(lo, hi);
      return (how === 'cursor' ? collect(facets, range, 'prev', limit, true) : getAll(facets, range, 'prev', limit)) as Promise<
        SyncRecord[]
      >;
    }),
  );
  if (runs.length === 1) return runs[0]!;
  const byId = new Map<string, SyncRecord>();
  for (const run of runs) for (const r of run) byId.set(r.id, r);
  return [...byId.values()].sort(newestFirst).slice(0, limit);
}

function seekTerms(facets: IDBIndex, term: string, max: number): Promise<{ term: string; full: boolean }[]> {
  return new Promise((resolve, reject) => {
    const out: { term: string; full: boolean }[] = [];
    const req = facets.openKeyCursor(IDBKeyRange.bound(term, `${term}\uffff`));
    req.onsuccess = () => {
      const c = req.result;
      if (!c) return resolve(out);
      const k = String(c.key);
      const t = termOf(k);
      out.push({ term: t, full: isFullKey(k) });
      if (out.length >= max) return resolve(out);
      c.continue(termAfter(t));
    };
    req.onerror = () => reject(req.error);
  });
}

export async function termsBySeek(idb: IDBDatabase, term: string, max: number): Promise<string[]> {
  const facets = idb.transaction('records', 'readonly').objectStore('records').index('facets');
  return (await seekTerms(facets, term, max)).map((t) => t.term);
}

export function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A store's indexes for a raw write: name, key path, multi-entry. */
export type IndexSpec = [name: string, keyPath: string | string[], multiEntry?: boolean];

/** The write baseline's three plain indexes (time, status, platform). */
export const PLAIN_INDEXES: IndexSpec[] = [
  ['syncedAt', 'syncedAt'],
  ['status', 'status'],
  ['platform', 'platform'],
];

/**
 * The write baseline: the same rows put with nothing but IndexedDB into a scratch database
 * with three plain indexes (time, status, platform), in one readwrite transaction. Answers
 * ms from the transaction's start to its commit. With other `indexes`, the same raw write
 * under another index layout (the benchmark's comparison of schema options).
 */
export async function rawWriteRows(rows: readonly object[], indexes: IndexSpec[] = PLAIN_INDEXES): Promise<number> {
  const name = 'sync-history-bench-raw-write';
  await new Promise<void>((resolve, reject) => {
    const del = indexedDB.deleteDatabase(name);
    del.onsuccess = () => resolve();
    del.onerror = () => reject(del.error);
  });
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('records', { keyPath: 'id' });
      for (const [index, keyPath, multiEntry] of indexes) store.createIndex(index, keyPath, { multiEntry: multiEntry ?? false });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction('records', 'readwrite');
    const store = tx.objectStore('records');
    for (const r of rows) store.put(r);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const ms = performance.now() - t0;
  idb.close();
  indexedDB.deleteDatabase(name);
  return ms;
}
