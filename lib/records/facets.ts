import { isOpenFailure } from './listing';
import type { Platform, Status, SyncRecord } from './record';

/**
 * The list index (issues #4, #11, #12). IndexedDB cannot put a multi-entry field in a
 * compound index, so each record carries strings that *are* the compound keys:
 *
 *   term \x01 platform-or-* \x01 status-or-* \x01 time \x01 id
 *
 * Three kinds of term:
 * - `*` (no search): the busiest range. Keys: `* * *` (every record by time: the default view,
 *   and what retention deletes by), the status alone, and platform with status; an open
 *   failure (nothing later fixed it: "Still failing") also has `open` alone and with its
 *   platform. 3 keys, 5 for an open failure. A platform filter with no status reads that
 *   platform's three status ranges, merged (schema v4 dropped the `platform *` key: issue #12,
 *   every key is an index entry each write pays for; see the README's Performance section).
 * - The Store ID, the other busy range: platform always the record's own (a store is on one
 *   platform), status its own or `open`. 1 key, 2 for an open failure. A Store ID search reads
 *   a range per platform and status (most are empty: a seek each), merged.
 * - Plain terms: every other id and every word of the title and error texts. One key each,
 *   `term \x01 * \x01 status`: a search is one range per status (merged newest first), a
 *   status filter one range. A platform filter, or "Still failing", within a search reads the
 *   term's failed range and checks the rows: an id or a word names few records of other
 *   platforms, so the check reads about what it keeps.
 *
 * The first key of a term also tells its kind, so the prefix search finds its terms on this
 * index (one seek per term) and no second multi-entry index of the terms is kept.
 * A record with 5 ids and 8 words has 3 + 1 + 12 = 16 keys (v3 gave 18; v2 gave 4 per id plus
 * an `ids` index entry each: 35 for 7 ids, and no words). Every range is already newest-last, and the trailing id makes
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

/** The lowest key above every key of a term (where the next term's keys begin). */
export const termAfter = (term: string): string => `${term}\u0002`;

/** The term a facet key belongs to. */
export const termOf = (key: string): string => key.slice(0, key.indexOf(SEP));

/** A term the index can hold: no separator, not the `*` of "no search". */
export const isTerm = (t: string): boolean => t !== '' && t !== ANY && !t.includes(SEP);

type Faceted = Pick<SyncRecord, 'id' | 'platform' | 'status' | 'syncedAt' | 'ids' | 'storeId' | 'fixedBy' | 'supersededBy'>;

export function facetsOf(r: Faceted): string[] {
  const open = isOpenFailure(r);
  const store = r.storeId?.toLowerCase();
  // Every key ends in the same time and id: build that once (the write path makes ~20 keys a record).
  const tail = `${SEP}${encodeTime(r.syncedAt)}${SEP}${r.id}`;
  const out: string[] = [];
  const statuses = (p: string): void => {
    out.push(`${p}${r.status}${tail}`);
    if (open) out.push(`${p}${OPEN}${tail}`);
  };
  out.push(`${ANY}${SEP}${ANY}${SEP}${ANY}${tail}`);
  statuses(`${ANY}${SEP}${ANY}${SEP}`);
  statuses(`${ANY}${SEP}${r.platform}${SEP}`);
  if (store && isTerm(store)) statuses(`${store}${SEP}${r.platform}${SEP}`);
  const plain = `${SEP}${ANY}${SEP}${r.status}${tail}`;
  for (const term of r.ids) if (term !== store && isTerm(term)) out.push(`${term}${plain}`);
  return out;
}

/** Whether a facet key is a full term's (its platform part names a platform, not `*`). */
export const isFullKey = (key: string): boolean => {
  const a = key.indexOf(SEP);
  return key.slice(a + 1, key.indexOf(SEP, a + 1)) !== ANY;
};

/** At most this many words of a record's texts are indexed (titles and errors are short). */
export const MAX_WORDS = 32;

/** The words of a text as the index holds them: lower-cased letters and digits, 2 or more. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && w.length <= 40);
}
