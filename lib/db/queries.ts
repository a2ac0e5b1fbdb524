import type { Transaction } from 'dexie';
import { dayKey } from '../format/time';
import {
  ANY,
  type FacetFilter,
  facetKey,
  facetRange,
  isFullKey,
  isTerm,
  type ListStatus,
  OPEN,
  termAfter,
  termOf,
  termRange,
  wordsOf,
} from '../records/facets';
import { idsFromUrl, isOpenFailure } from '../records/listing';
import { PLATFORMS, type Platform, STATUSES, type Status, type SyncRecord } from '../records/record';
import type { SyncHistoryDB, UnrecognisedRow } from './schema';
import { bucketRanges } from './stats';

/**
 * The read side. Every list query is a range of the `facets` index walked newest
 * first (reverse + limit), every next page a keyset bound: no offset(), no filter().
 */
export interface ListFilter {
  /** Search text: an id or a word of a title or error (by prefix), or a product link. Empty: no search. */
  q: string;
  platform: Platform | typeof ANY;
  /** `open`: "Still failing" (failures nothing later fixed). */
  status: ListStatus | typeof ANY;
  from: number;
  to: number;
}

export const ALL_TIME: Pick<ListFilter, 'from' | 'to'> = { from: 0, to: Number.MAX_SAFE_INTEGER };
export const NO_FILTER: ListFilter = { q: '', platform: ANY, status: ANY, ...ALL_TIME };

/** Where the previous page ended: the time and id of its last row. */
export interface Cursor {
  t: number;
  id: string;
}

export const cursorOf = (r: Pick<SyncRecord, 'syncedAt' | 'id'>): Cursor => ({ t: r.syncedAt, id: r.id });

export interface Page {
  rows: SyncRecord[];
  /** Present when there may be more rows. */
  next?: Cursor;
}

/** How many distinct terms a prefix search follows at most. */
const MAX_PREFIX_TERMS = 20;

export const normaliseQuery = (q: string): string => q.trim().toLowerCase();

/** One term of a search, and whether it has every filter's range (`*` and Store IDs) or one per status. */
export interface Term {
  term: string;
  full: boolean;
}

/** What a search text asks for: index terms (any of them) and words every row must also have. */
export interface Search {
  terms: Term[];
  /** Further words of a several-word search: each must start some term of the row. */
  also: string[];
}

const NO_SEARCH: Search = { terms: [{ term: ANY, full: true }], also: [] };

/** A stored term, exactly: its kind (from its first key), or undefined when nothing has it. */
async function exactTerm(db: SyncHistoryDB, term: string): Promise<Term | undefined> {
  const [lo, hi] = termRange(term);
  const [key] = (await db.records.where('facets').between(lo, hi, true, true).limit(1).keys()) as string[];
  return key === undefined ? undefined : { term, full: isFullKey(key) };
}

/**
 * The terms a typed prefix stands for: itself when stored, plus up to 20 that start with it.
 * One index seek per distinct term (the first key of each term, then the next term's):
 * uniqueKeys() would step over every record of a busy Store ID (the benchmark measured
 * 150 ms for 12,742 of them, against 1 ms for seeks). In a transaction of its own (`idb`, a
 * list page's), the seeks are one key cursor that jumps from term to term, as the raw baseline
 * seeks: 20 Dexie queries cost 10 ms at 100,000 records against 3 ms (issue #12). Outside one
 * (the counts, which a liveQuery watches), each seek is a Dexie query the liveQuery sees.
 */
async function prefixTerms(db: SyncHistoryDB, prefix: string, idb?: IDBTransaction): Promise<Term[]> {
  const terms: Term[] = [];
  const hi = `${prefix}\uffff`;
  if (idb) {
    const req = idb.objectStore('records').index('facets').openKeyCursor(IDBKeyRange.bound(prefix, hi));
    return new Promise((resolve, reject) => {
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return resolve(terms);
        const key = String(c.key);
        const term = termOf(key);
        terms.push({ term, full: isFullKey(key) });
        if (terms.length < MAX_PREFIX_TERMS) c.continue(termAfter(term));
        else resolve(terms);
      };
    });
  }
  let from = prefix;
  while (terms.length < MAX_PREFIX_TERMS) {
    const [next] = (await db.records.where('facets').between(from, hi, true, true).limit(1).keys()) as string[];
    if (next === undefined) break;
    const term = termOf(next);
    terms.push({ term, full: isFullKey(next) });
    from = termAfter(term);
  }
  return terms;
}

/**
 * Reads a search text (issue #11): a pasted product link is read for the ids it names (exact);
 * one word or id is a prefix of any stored id or title/error word; several words find rows
 * with a term starting with each (the longest word walks the index, the others are checked).
 * Callers skip it for an empty search: a liveQuery loses track of its reads after awaiting a
 * promise that touched no table (Dexie 4 zones), so never await a constant.
 */
export async function readSearch(db: SyncHistoryDB, q: string, idb?: IDBTransaction): Promise<Search> {
  const text = normaliseQuery(q);
  if (/^https?:\/\//.test(text)) {
    const found = (await Promise.all(idsFromUrl(q.trim()).map((t) => exactTerm(db, t)))).filter((t): t is Term => t !== undefined);
    return { terms: found.length > 0 ? found : [{ term: text, full: false }], also: [] };
  }
  // An id keeps its punctuation (SKU "KK-RUN-43"); a phrase splits into words.
  const words = /\s/.test(text) ? [...new Set(wordsOf(text))] : [text];
  const lead = words.reduce((a, b) => (b.length > a.length ? b : a), words[0] ?? text);
  const also = words.filter((w) => w !== lead);
  const found = isTerm(lead) ? await prefixTerms(db, lead, idb) : [];
  return { terms: found.length > 0 ? found : [{ term: lead, full: false }], also };
}

/** The terms a typed prefix stands for (the benchmark compares this with raw seeks). */
export const searchTerms = (db: SyncHistoryDB, prefix: string): Promise<Term[]> => prefixTerms(db, normaliseQuery(prefix));

/** The index ranges a filter reads for these terms (the benchmark's raw baseline reads the same). */
export const facetRuns = (terms: Term[], platform: ListFilter['platform'], status: ListFilter['status']): FacetFilter[] =>
  runsOf({ terms, also: [] }, platform, status).map((r) => r.f);

/** The index walk of one range, newest first (a Dexie collection: read keys or whole rows). */
function walk(db: SyncHistoryDB, f: FacetFilter, from: number, to: number, limit: number, after?: Cursor, until?: Cursor) {
  const [lo, hi] = facetRange(f, from, to);
  const upper = after ? facetKey(f, after.t, after.id) : hi;
  const lower = until ? facetKey(f, until.t, until.id) : lo;
  if (lower > upper) return undefined;
  const c = db.records.where('facets').between(lower, upper, true, !after).reverse();
  return Number.isFinite(limit) ? c.limit(limit) : c;
}

/** One index range to read, and the check its rows must pass (when the range holds more). */
interface Run {
  f: FacetFilter;
  keep?: ((r: SyncRecord) => boolean) | undefined;
}

/** The ranges a filter reads: one for no search or a Store ID, one per status and term otherwise. */
function runsOf(search: Search, platform: ListFilter['platform'], status: ListFilter['status']): Run[] {
  const runs: Run[] = [];
  const words = search.also;
  const hasWords = (r: SyncRecord): boolean => words.every((w) => r.ids.some((t) => t.startsWith(w)));
  for (const { term, full } of search.terms) {
    const wordsOnly = words.length > 0 ? hasWords : undefined;
    if (term === ANY) {
      // `* * *` holds every record; a platform with no status is its three status ranges (v4).
      const statuses = platform !== ANY && status === ANY ? STATUSES : [status];
      for (const s of statuses) runs.push({ f: { term, platform, status: s }, keep: wordsOnly });
      continue;
    }
    if (full) {
      // A Store ID: one range per platform and status (a store is on one platform: the others are empty seeks).
      for (const p of platform === ANY ? PLATFORMS : [platform]) {
        for (const s of status === ANY ? STATUSES : [status]) runs.push({ f: { term, platform: p, status: s }, keep: wordsOnly });
      }
      continue;
    }
    const checks: ((r: SyncRecord) => boolean)[] = [];
    if (platform !== ANY) checks.push((r) => r.platform === platform);
    if (status === OPEN) checks.push(isOpenFailure);
    if (words.length > 0) checks.push(hasWords);
    const keep = checks.length > 0 ? (r: SyncRecord) => checks.every((c) => c(r)) : undefined;
    const statuses = status === ANY ? STATUSES : [status === OPEN ? 'failed' : status];
    for (const s of statuses) runs.push({ f: { term, platform: ANY, status: s }, keep });
  }
  return runs;
}

const newestFirst = (a: Cursor, b: Cursor): number => b.t - a.t || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Up to `limit` rows of one run that pass its check, newest first. */
async function readRun(db: SyncHistoryDB, run: Run, from: number, to: number, limit: number, after?: Cursor, until?: Cursor) {
  const out: SyncRecord[] = [];
  let at = after;
  for (;;) {
    const chunk = run.keep && Number.isFinite(limit) ? Math.max(limit, 50) : limit;
    const rows = (await walk(db, run.f, from, to, chunk, at, until)?.toArray()) ?? [];
    for (const r of rows) if (!run.keep || run.keep(r)) out.push(r);
    if (out.length >= limit || rows.length < chunk || !run.keep) return out.slice(0, limit);
    at = cursorOf(rows[rows.length - 1]!);
  }
}

/**
 * Rows of several runs merged newest first, each record once, at most `limit`. Each run is one
 * getAll of at most `limit` rows (all requests in flight at once), as the raw baseline reads
 * them: walking index keys with a cursor to read fewer rows cost a round trip per key.
 */
async function readRuns(db: SyncHistoryDB, runs: Run[], filter: ListFilter, limit: number, after?: Cursor, until?: Cursor) {
  if (runs.length === 1) return readRun(db, runs[0]!, filter.from, filter.to, limit, after, until);
  return mergeRows(await Promise.all(runs.map((r) => readRun(db, r, filter.from, filter.to, limit, after, until))), limit);
}

/** Several runs' rows as one list, newest first, each record once, at most `limit`. */
function mergeRows(lists: SyncRecord[][], limit: number): SyncRecord[] {
  if (lists.length === 1) return lists[0]!;
  const byId = new Map<string, SyncRecord>();
  for (const r of lists.flat()) byId.set(r.id, r);
  const rows = [...byId.values()].sort((a, b) => newestFirst(cursorOf(a), cursorOf(b)));
  return Number.isFinite(limit) ? rows.slice(0, limit) : rows;
}

/**
 * The newest `limit` records of one status (or OPEN), any platform, all time: one index range, what
 * `listPage` reads for that filter, without the search machinery (the popup's list, asked of the
 * background, which must stay small: issue #12).
 */
export async function latestOf(db: SyncHistoryDB, status: ListFilter['status'], limit: number): Promise<SyncRecord[]> {
  return (await walk(db, { term: ANY, platform: ANY, status }, ALL_TIME.from, ALL_TIME.to, limit)?.toArray()) ?? [];
}

/**
 * One page of the list, newest first. A page that reads more than one range (a search's seeks
 * and then each term's ranges, a platform's three status ranges) reads them all in one readonly
 * transaction, as the raw baseline does: a prefix that stands for 20 terms reads 60 ranges, and
 * as 60 transactions of their own each cost 0.3–0.4 ms more (issue #12: 2.58 × the raw read at
 * 100,000 records). One range is one request, in Dexie's own transaction. Never called inside a
 * liveQuery (the list re-reads its pages itself, components/usePagedHistory.ts): one once
 * committed this transaction early.
 */
export async function listPage(db: SyncHistoryDB, filter: ListFilter, limit = 50, after?: Cursor, until?: Cursor): Promise<Page> {
  const plain = normaliseQuery(filter.q) ? undefined : runsOf(NO_SEARCH, filter.platform, filter.status);
  const read = async (tx?: Transaction) =>
    readRuns(
      db,
      plain ?? runsOf(await readSearch(db, filter.q, tx?.idbtrans), filter.platform, filter.status),
      filter,
      limit,
      after,
      until,
    );
  const rows = await (plain?.length === 1 ? read() : db.transaction('r', db.records, read));
  const last = rows[rows.length - 1];
  return { rows, ...(rows.length === limit && last ? { next: cursorOf(last) } : {}) };
}

/** Records that carry any of these ids exactly (lower-cased), newest first: "This listing". */
export async function recordsWithIds(db: SyncHistoryDB, ids: string[], limit = 50): Promise<SyncRecord[]> {
  const wanted = [...new Set(ids.map(normaliseQuery).filter(isTerm))];
  if (wanted.length === 0) return [];
  const found = (await Promise.all(wanted.map((t) => exactTerm(db, t)))).filter((t): t is Term => t !== undefined);
  if (found.length === 0) return [];
  const search: Search = { terms: found, also: [] };
  return readRuns(db, runsOf(search, ANY, ANY), { ...NO_FILTER }, limit);
}

/** Counts per status, plus `open` (failures nothing later fixed: "Still failing"). */
export type StatusCounts = Record<Status, number> & { open?: number };
type Counts = Record<ListStatus, number>;

const zero = (): Counts => ({ success: 0, failed: 0, pending: 0, open: 0 });
const MAX_DAY = '9999-12-31';
const dayOf = (ms: number): string => (ms >= 8.64e15 ? MAX_DAY : ms <= 0 ? '0000-01-01' : dayKey(ms));

/**
 * Counts per status from the day and month counts the writer keeps alone (no record is read), for
 * one Store ID or `''` (every record): what `statusCounts` sums for no search or a Store ID, and
 * what the popup asks of the background, which must not load the search (issue #12).
 */
export async function storedCounts(db: SyncHistoryDB, filter: Omit<ListFilter, 'q'>, storeId = ''): Promise<Counts> {
  const out = zero();
  // Day rows for a first or last month the range holds in part, month rows for the others
  // (bucketRanges). All asked at once: the side panel waits for its counts, and one after the
  // other each read waited its turn behind the list's reads (issue #12: at 100,000 records the
  // counts came last).
  const ranges = bucketRanges(dayOf(filter.from), dayOf(filter.to));
  const read = await Promise.all(
    ranges.map(([lo, hi]) => db.stats.where('[storeId+bucket]').between([storeId, lo], [storeId, hi], true, true).toArray()),
  );
  for (const rows of read) {
    for (const r of rows) {
      if (filter.platform !== ANY && r.platform !== filter.platform) continue;
      if (filter.status !== ANY && r.status !== filter.status && !(filter.status === 'failed' && r.status === OPEN)) continue;
      out[r.status] += r.n;
    }
  }
  return out;
}

/**
 * Counts per status for a filter, without scanning records: the day and month counts the
 * writer keeps, for no search or a Store ID; for other terms (a handful of records each) the
 * index ranges the list reads. Time bounds are whole local days, as the range buttons are.
 */
export async function statusCounts(db: SyncHistoryDB, filter: ListFilter): Promise<Counts> {
  const term = normaliseQuery(filter.q);
  const sumStats = (storeId: string): Promise<Counts> => storedCounts(db, filter, storeId);
  if (term === '') return sumStats('');
  // Count exactly what the list shows: every term the text stands for, each record once.
  const search = await readSearch(db, filter.q);
  const isStore = async () =>
    (await db.stats.where('[storeId+bucket]').between([term, 'm'], [term, 'm\uffff'], true, true).limit(1).count()) > 0;
  if (search.terms.length === 1 && search.terms[0]!.term === term && search.also.length === 0 && (await isStore())) {
    return sumStats(term);
  }
  const out = zero();
  for (const status of [...STATUSES, OPEN] as const) {
    if (filter.status !== ANY && filter.status !== status && !(filter.status === 'failed' && status === OPEN)) continue;
    const runs = runsOf(search, filter.platform, status);
    const whole = { ...filter, from: filter.from, to: filter.to };
    if (runs.length === 1 && !runs[0]!.keep) {
      const [lo, hi] = facetRange(runs[0]!.f, filter.from, filter.to);
      out[status] = await db.records.where('facets').between(lo, hi, true, true).count();
    } else {
      out[status] = (await readRuns(db, runs, whole, Infinity)).length;
    }
  }
  return out;
}

/** Failures newer than `since` (all of them, fixed or not). */
export async function failuresSince(db: SyncHistoryDB, since: number): Promise<number> {
  const [lo, hi] = facetRange({ term: ANY, platform: ANY, status: 'failed' }, since + 1, Number.MAX_SAFE_INTEGER);
  return db.records.where('facets').between(lo, hi, true, true).count();
}

/** Open failures newer than `since` (the badge): a count over the `open` range of the index. */
export async function openFailuresSince(db: SyncHistoryDB, since: number): Promise<number> {
  const [lo, hi] = facetRange({ term: ANY, platform: ANY, status: OPEN }, since + 1, Number.MAX_SAFE_INTEGER);
  return db.records.where('facets').between(lo, hi, true, true).count();
}

/** Every record of a job, oldest first (the detail view's "other items"). */
export async function jobRecords(db: SyncHistoryDB, jobId: string, limit = 200): Promise<SyncRecord[]> {
  return db.records.where('[jobId+syncedAt]').between([jobId, 0], [jobId, Number.MAX_SAFE_INTEGER]).limit(limit).toArray();
}

export async function unrecognisedOps(db: SyncHistoryDB): Promise<UnrecognisedRow[]> {
  return (await db.unrecognised.toArray()).sort((a, b) => b.lastSeen - a.lastSeen);
}
