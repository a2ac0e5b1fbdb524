import { isOpenFailure } from './listing';
import type { Platform, Status, SyncRecord } from './record';

/**
 * The list index (issues #4, #11, #12). IndexedDB cannot put a multi-entry field in a
 * compound index, so each record carries strings that *are* the compound keys:
 *
 *   term \x01 platform-or-* \x01 status-or-* \x01 time \x01 id
 *
 * Two kinds of term:
 * - Full terms: `*` (no search) and the record's Store ID. These are the busy ranges (every
 *   record, every record of a store), so every filter combination gets its own range: the
 *   platform is the record's own or `*`, the status its own, `*`, or `open` (a failure that
 *   nothing later fixed: "Still failing"). 4 keys, 6 for an open failure.
 * - Plain terms: every other id and every word of the title and error texts. One key each,
 *   `term \x01 * \x01 status`: a search is one range per status (merged newest first), a
 *   status filter one range. A platform filter, or "Still failing", within a search reads the
 *   term's failed range and checks the rows: an id or a word names few records of other
 *   platforms, so the check reads about what it keeps.
 *
 * A record with 6 ids and 14 words has 4 + 1 + 19 = 24 keys (v2 gave 4 per id: 28 for the
 * ids alone, and no words). Every range is already newest-last, and the trailing id makes
 * every key unique, so keyset paging never skips or repeats rows that share a millisecond.
 */
export const ANY = '*';
export const OPEN = 'open';
export type ListStatus = Status | typeof OPEN;
const SEP = '\u0001';
const TIME_WIDTH = 11; // base36 digits: enough for epoch ms until the year 5000+

export const encodeTime = (ms: number): string => Math.max(0, Math.floor(ms)).toString(36).padStart(TIME_WIDTH, '0');

export interface FacetFilter {
  term: string;
  platform: Platform | typeof ANY;
  status: ListStatus | typeof ANY;
}

const head = (f: FacetFilter): string => `${f.term}${SEP}${f.platform}${SEP}${f.status}${SEP}`;

export function facetKey(f: FacetFilter, time: number, id: string): string {
  return `${head(f)}${encodeTime(time)}${SEP}${id}`;
}

/** Lowest and highest key of a filter between two times (inclusive). */
export function facetRange(f: FacetFilter, from: number, to: number): [string, string] {
  return [`${head(f)}${encodeTime(from)}`, `${head(f)}${encodeTime(to)}${SEP}\uffff`];
}

/** The key range holding every key of a term (to find the terms a prefix stands for). */
export const termRange = (term: string): [string, string] => [`${term}${SEP}`, `${term}${SEP}\uffff`];

/** The term a facet key belongs to. */
export const termOf = (key: string): string => key.slice(0, key.indexOf(SEP));

/** A term the index can hold: no separator, not the `*` of "no search". */
export const isTerm = (t: string): boolean => t !== '' && t !== ANY && !t.includes(SEP);

type Faceted = Pick<SyncRecord, 'id' | 'platform' | 'status' | 'syncedAt' | 'ids' | 'storeId' | 'fixedBy' | 'supersededBy'>;

export function facetsOf(r: Faceted): string[] {
  const open = isOpenFailure(r);
  const store = r.storeId?.toLowerCase();
  const out: string[] = [];
  for (const term of store && isTerm(store) ? [ANY, store] : [ANY]) {
    for (const platform of [ANY, r.platform] as const) {
      out.push(facetKey({ term, platform, status: ANY }, r.syncedAt, r.id));
      out.push(facetKey({ term, platform, status: r.status }, r.syncedAt, r.id));
      if (open) out.push(facetKey({ term, platform, status: OPEN }, r.syncedAt, r.id));
    }
  }
  for (const term of r.ids) {
    if (term === store || !isTerm(term)) continue;
    out.push(facetKey({ term, platform: ANY, status: r.status }, r.syncedAt, r.id));
  }
  return out;
}

/** At most this many words of a record's texts are indexed (titles and errors are short). */
export const MAX_WORDS = 32;

/** The words of a text as the index holds them: lower-cased letters and digits, 2 or more. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && w.length <= 40);
}
