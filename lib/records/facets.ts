import type { Platform, Status, SyncRecord } from './record';

/**
 * The list index (issue #4). IndexedDB cannot put a multi-entry field in a compound
 * index, so each record carries strings that *are* the compound keys:
 *
 *   term \x01 platform-or-* \x01 status-or-* \x01 time \x01 id
 *
 * for term `*` (no search) and every id the record has, and for each platform/status
 * either the record's own value or `*` (any). Every filter combination is then one
 * contiguous range of one index, already newest-last, and the trailing id makes every
 * key unique, so keyset paging never skips or repeats rows that share a millisecond.
 */
export const ANY = '*';
const SEP = '\u0001';
const TIME_WIDTH = 11; // base36 digits: enough for epoch ms until the year 5000+

export const encodeTime = (ms: number): string => Math.max(0, Math.floor(ms)).toString(36).padStart(TIME_WIDTH, '0');

export interface FacetFilter {
  term: string;
  platform: Platform | typeof ANY;
  status: Status | typeof ANY;
}

const head = (f: FacetFilter): string => `${f.term}${SEP}${f.platform}${SEP}${f.status}${SEP}`;

export function facetKey(f: FacetFilter, time: number, id: string): string {
  return `${head(f)}${encodeTime(time)}${SEP}${id}`;
}

/** Lowest and highest key of a filter between two times (inclusive). */
export function facetRange(f: FacetFilter, from: number, to: number): [string, string] {
  return [`${head(f)}${encodeTime(from)}`, `${head(f)}${encodeTime(to)}${SEP}\uffff`];
}

export function facetsOf(r: Pick<SyncRecord, 'id' | 'platform' | 'status' | 'syncedAt' | 'ids'>): string[] {
  const out: string[] = [];
  for (const term of [ANY, ...r.ids]) {
    for (const platform of [ANY, r.platform] as const) {
      for (const status of [ANY, r.status] as const) {
        out.push(facetKey({ term, platform, status }, r.syncedAt, r.id));
      }
    }
  }
  return out;
}
