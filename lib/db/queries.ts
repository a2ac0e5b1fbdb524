import { dayKey } from '../format/time';
import { ANY, type FacetFilter, facetKey, facetRange } from '../records/facets';
import type { Platform, Status, SyncRecord } from '../records/record';
import type { SyncHistoryDB, UnrecognisedRow } from './schema';
import { bucketRanges } from './stats';

/**
 * The read side. Every list query is a range of the `facets` index walked newest
 * first (reverse + limit), every next page a keyset bound: no offset(), no filter().
 */
export interface ListFilter {
  /** Search text: any id, exact or prefix. Empty: no search. */
  q: string;
  platform: Platform | typeof ANY;
  status: Status | typeof ANY;
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

/** How many distinct ids a prefix search follows at most. */
const MAX_PREFIX_TERMS = 20;

export const normaliseQuery = (q: string): string => q.trim().toLowerCase();

/**
 * The ids a search text stands for: itself when stored, plus up to 20 that start with it.
 * Callers skip it for an empty search: a liveQuery loses track of its reads after
 * awaiting a promise that touched no table (Dexie 4 zones), so never await a constant.
 */
async function searchTerms(db: SyncHistoryDB, term: string): Promise<string[]> {
  // One index seek per distinct id: uniqueKeys() would step over every record of a busy
  // Store ID (the benchmark measured 150 ms for 12,742 of them, against 1 ms for seeks).
  const terms: string[] = [];
  const hi = `${term}\uffff`;
  let from = term;
  let inclusive = true;
  while (terms.length < MAX_PREFIX_TERMS) {
    const [next] = (await db.records.where('ids').between(from, hi, inclusive, true).limit(1).keys()) as string[];
    if (next === undefined) break;
    terms.push(next);
    from = next;
    inclusive = false;
  }
  return terms.length > 0 ? terms : [term];
}

/** The index walk of one term, newest first (a Dexie collection: read keys or whole rows). */
function walk(db: SyncHistoryDB, f: FacetFilter, from: number, to: number, limit: number, after?: Cursor, until?: Cursor) {
  const [lo, hi] = facetRange(f, from, to);
  const upper = after ? facetKey(f, after.t, after.id) : hi;
  const lower = until ? facetKey(f, until.t, until.id) : lo;
  if (lower > upper) return undefined;
  const c = db.records.where('facets').between(lower, upper, true, !after).reverse();
  return Number.isFinite(limit) ? c.limit(limit) : c;
}

export async function listPage(db: SyncHistoryDB, filter: ListFilter, limit = 50, after?: Cursor, until?: Cursor): Promise<Page> {
  const term = normaliseQuery(filter.q);
  const terms = term ? await searchTerms(db, term) : [ANY];
  const facet = (t: string): FacetFilter => ({ term: t, platform: filter.platform, status: filter.status });
  let found: SyncRecord[];
  if (terms.length === 1) {
    // One range of one index: read the rows straight off it (each record has one key in it).
    found = (await walk(db, facet(terms[0]!), filter.from, filter.to, limit, after, until)?.toArray()) ?? [];
  } else {
    const idLists = await Promise.all(
      terms.map(async (t) => ((await walk(db, facet(t), filter.from, filter.to, limit, after, until)?.primaryKeys()) ?? []) as string[]),
    );
    const ids = [...new Set(idLists.flat())];
    found = (await db.records.bulkGet(ids)).filter((r): r is SyncRecord => r !== undefined);
  }
  // Several terms: merge their newest-first lists (ties broken by id, as the index does).
  found.sort((a, b) => b.syncedAt - a.syncedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const rows = Number.isFinite(limit) ? found.slice(0, limit) : found;
  const last = rows[rows.length - 1];
  return { rows, ...(rows.length === limit && last ? { next: cursorOf(last) } : {}) };
}

export type StatusCounts = Record<Status, number>;

const zero = (): StatusCounts => ({ success: 0, failed: 0, pending: 0 });
const MAX_DAY = '9999-12-31';
const dayOf = (ms: number): string => (ms >= 8.64e15 ? MAX_DAY : ms <= 0 ? '0000-01-01' : dayKey(ms));

/**
 * Counts per status for a filter, without scanning records: the day and month counts the
 * writer keeps, for no search or a Store ID; for other ids (a handful of records each) an
 * index count. Time bounds are whole local days, as the range buttons are.
 */
export async function statusCounts(db: SyncHistoryDB, filter: ListFilter): Promise<StatusCounts> {
  const out = zero();
  const term = normaliseQuery(filter.q);
  const fromDay = dayOf(filter.from);
  const toDay = dayOf(filter.to);
  // Day rows for the first and last month of the range, one row per month between.
  const sumStats = async (storeId: string): Promise<StatusCounts> => {
    for (const [lo, hi] of bucketRanges(fromDay, toDay)) {
      const rows = await db.stats.where('[storeId+bucket]').between([storeId, lo], [storeId, hi], true, true).toArray();
      for (const r of rows) {
        if (filter.platform !== ANY && r.platform !== filter.platform) continue;
        if (filter.status !== ANY && r.status !== filter.status) continue;
        out[r.status] += r.n;
      }
    }
    return out;
  };
  if (term === '') return sumStats('');
  // Count exactly what the list shows: every id the text starts with, each record once.
  const terms = await searchTerms(db, term);
  const isStore = async () =>
    (await db.stats.where('[storeId+bucket]').between([term, 'm'], [term, 'm\uffff'], true, true).limit(1).count()) > 0;
  if (terms.length === 1 && terms[0] === term && (await isStore())) return sumStats(term);
  for (const status of ['success', 'failed', 'pending'] as const) {
    if (filter.status !== ANY && filter.status !== status) continue;
    const ranges = terms.map((t) => facetRange({ term: t, platform: filter.platform, status }, filter.from, filter.to));
    if (ranges.length === 1) {
      out[status] = await db.records.where('facets').between(ranges[0]![0], ranges[0]![1], true, true).count();
    } else {
      // Two matching ids of one record (a store and a product id starting alike) count once.
      const ids = new Set<unknown>();
      for (const [lo, hi] of ranges) for (const k of await db.records.where('facets').between(lo, hi, true, true).primaryKeys()) ids.add(k);
      out[status] = ids.size;
    }
  }
  return out;
}

/** Failures newer than `since` (the badge): a count over the failed range of the index. */
export async function failuresSince(db: SyncHistoryDB, since: number): Promise<number> {
  const [lo, hi] = facetRange({ term: ANY, platform: ANY, status: 'failed' }, since + 1, Number.MAX_SAFE_INTEGER);
  return db.records.where('facets').between(lo, hi, true, true).count();
}

/** Every record of a job, oldest first (the detail view's "other items"). */
export async function jobRecords(db: SyncHistoryDB, jobId: string, limit = 200): Promise<SyncRecord[]> {
  return db.records.where('[jobId+syncedAt]').between([jobId, 0], [jobId, Number.MAX_SAFE_INTEGER]).limit(limit).toArray();
}

export async function unrecognisedOps(db: SyncHistoryDB): Promise<UnrecognisedRow[]> {
  return (await db.unrecognised.toArray()).sort((a, b) => b.lastSeen - a.lastSeen);
}
