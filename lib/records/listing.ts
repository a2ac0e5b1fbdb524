import type { SyncRecord } from './record';

const encodeTime = (ms: number): string => Math.max(0, Math.floor(ms)).toString(36).padStart(11, '0');

/**
 * Listing keys (issue #11): which listing a record is about, so that a later success on the
 * same listing resolves its earlier failures.
 *
 * A record carries one key per stable id of its listing: `platform|store|id`. Several keys
 * per record are how ids of one listing meet: a Makro capture that names both the LST
 * listing id and the FSN (or the SKU) joins a failure known by one of them to a success
 * known by the other. Keys are field-agnostic (a Makro FSN is a productId in one capture and
 * only in the listing link in another). Category, job and Store IDs are not listing ids.
 *
 * Shopify writes per variant when the capture names a SKU: the key is then product + SKU,
 * so a variant's success does not resolve another variant's failure.
 */
export type Keyed = Pick<SyncRecord, 'platform' | 'storeId' | 'productId' | 'draftId' | 'sku' | 'listingUrl'>;

const SHOPIFY_GID = /^gid:\/\/shopify\/(?:Product|ProductVariant)\/(\d+)$/i;
/** Ids a listing link names: a path segment or query value that looks like an id. */
const LINK_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{5,39}$/;

const norm = (s: string): string => s.trim().toLowerCase();

/** The ids a listing link carries (a Makro FSN, a Takealot PLID, a Shopify product number). */
export function idsFromUrl(url: string | undefined): string[] {
  if (!url) return [];
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  const out = new Set<string>();
  // Hash-routed portals (Makro) keep the page's path and query after the '#'.
  const [hashPath = '', hashQuery = ''] = u.hash.slice(1).split('?');
  const segs = [...u.pathname.split('/'), ...hashPath.split('/')];
  for (const [i, seg] of segs.entries()) {
    // `/store/{handle}` names a Shopify store, not a listing.
    if (!LINK_ID.test(seg) || !/\d/.test(seg) || segs[i - 1] === 'store') continue;
    out.add(norm(seg));
    // Takealot's PLID12345: the number alone is the product line id the portal shows.
    const plid = /^plid(\d+)$/i.exec(seg);
    if (plid) out.add(plid[1]!);
  }
  for (const params of [u.searchParams, new URLSearchParams(hashQuery)]) {
    for (const [, v] of params) if (LINK_ID.test(v) && /\d/.test(v)) out.add(norm(v));
  }
  return [...out];
}

const shopifyId = (id: string): string => SHOPIFY_GID.exec(id)?.[1] ?? norm(id);

/** The listing keys of a record, without repeats; [] when it names no listing. */
export function listingKeys(r: Keyed): string[] {
  const base = `${r.platform}|${r.storeId ? norm(r.storeId) : ''}|`;
  const out = new Set<string>();
  if (r.platform === 'shopify') {
    const pid = r.productId ? shopifyId(r.productId) : undefined;
    if (pid) out.add(`${base}${pid}${r.sku ? `#${norm(r.sku)}` : ''}`);
    else if (r.sku) out.add(`${base}#${norm(r.sku)}`);
    return [...out];
  }
  // A Takealot draft id is the single-product page the save came from, not the offer's: one
  // draft's page saves each of its variants' offers, and one variant's success must not fix
  // another's failure. It is a key only when the record names no offer of its own.
  const draftIsPage = r.platform === 'takealot' && Boolean(r.productId?.trim() || r.sku?.trim() || r.listingUrl);
  for (const v of [r.productId, draftIsPage ? undefined : r.draftId, r.sku]) if (v?.trim()) out.add(base + norm(v));
  for (const v of idsFromUrl(r.listingUrl)) out.add(base + v);
  return [...out];
}

/** The ids of a listing the seller may look for ("This listing", search), from a record's fields. */
export const listingIdsOf = (r: Keyed): string[] => {
  const out = new Set<string>();
  for (const v of [r.productId, r.draftId, r.sku]) if (v?.trim()) out.add(norm(v));
  if (r.platform === 'shopify' && r.productId) out.add(shopifyId(r.productId));
  for (const v of idsFromUrl(r.listingUrl)) out.add(v);
  return [...out];
};

/** How a failure was closed by what happened next on its listing. */
export interface Closure {
  /** A later success of the same listing: the failure is fixed. */
  fixedBy?: string;
  fixedAt?: number;
  /** The next failure of the same listing (no success since): the latest one is the open one. */
  supersededBy?: string;
}

type Resolvable = Pick<SyncRecord, 'id' | 'status' | 'syncedAt' | 'listing'>;

/** Whether `a` comes after `b`: by time, then (the same millisecond) by Record ID. */
export const later = (a: Pick<SyncRecord, 'syncedAt' | 'id'>, b: Pick<SyncRecord, 'syncedAt' | 'id'>): boolean =>
  a.syncedAt > b.syncedAt || (a.syncedAt === b.syncedAt && a.id > b.id);

/**
 * For each failed record among `rows`: the earliest later success of a listing it shares (it
 * is fixed), else the earliest later failure (it is superseded: the next attempt failed too),
 * else nothing (it is open). Earliest, not latest, so a closure never changes when newer
 * results arrive (the writer reads only open and superseded failures, see listingIndexOf).
 * Pending records never close anything. `rows` must hold every record of the listings
 * involved (the writer reads them through the `listing` index). Answers a closure per failed
 * record (an empty one when open).
 */
export function closures(rows: readonly Resolvable[]): Map<string, Closure> {
  const byKey = new Map<string, Resolvable[]>();
  for (const r of rows) {
    if (r.status === 'pending') continue;
    for (const k of r.listing) {
      const list = byKey.get(k);
      if (list) list.push(r);
      else byKey.set(k, [r]);
    }
  }
  const out = new Map<string, Closure>();
  for (const f of rows) {
    if (f.status !== 'failed') continue;
    let fix: Resolvable | undefined;
    let next: Resolvable | undefined;
    for (const k of f.listing) {
      for (const o of byKey.get(k) ?? []) {
        if (o.id === f.id || !later(o, f)) continue;
        if (o.status === 'success') {
          if (!fix || later(fix, o)) fix = o;
        } else if (!next || later(next, o)) next = o;
      }
    }
    out.set(f.id, fix ? { fixedBy: fix.id, fixedAt: fix.syncedAt } : next ? { supersededBy: next.id } : {});
  }
  return out;
}

/** Applies a closure; answers whether anything changed. */
export function applyClosure(r: SyncRecord, c: Closure | undefined): boolean {
  const want: Closure = c ?? {};
  if (r.fixedBy === want.fixedBy && r.fixedAt === want.fixedAt && r.supersededBy === want.supersededBy) return false;
  delete r.fixedBy;
  delete r.fixedAt;
  delete r.supersededBy;
  if (want.fixedBy !== undefined) r.fixedBy = want.fixedBy;
  if (want.fixedAt !== undefined) r.fixedAt = want.fixedAt;
  if (want.supersededBy !== undefined) r.supersededBy = want.supersededBy;
  return true;
}

/**
 * The `listingIndex` entries of a record: `key \x01 mark \x01 time \x01 id` for each listing
 * key of a final record, where mark is `r` (a result that closes nothing any more: a success,
 * or a fixed failure) or `u` (an unfixed failure: open, or superseded by the next attempt and
 * not fixed yet). Pending records have none. The writer then finds with key ranges per
 * listing key, never the whole history of a listing: its unfixed failures (`u`: a success
 * fixes them, a failure supersedes the open one); and for a failure that arrived late (an
 * import), the first results after it (`r` from its time on, read in growing windows until a
 * success). (v3 had four marks; v4 has two.)
 */
export function listingIndexOf(r: Pick<SyncRecord, 'id' | 'status' | 'syncedAt' | 'listing' | 'fixedBy' | 'supersededBy'>): string[] {
  if (r.status === 'pending') return [];
  const mark = r.status === 'failed' && r.fixedBy === undefined ? 'u' : 'r';
  const tail = `\u0001${mark}\u0001${encodeTime(r.syncedAt)}\u0001${r.id}`;
  return r.listing.map((k) => `${k}${tail}`);
}

/** The index range of a listing key's unfixed failures (open and superseded), at any time. */
export const unfixedRange = (key: string): [string, string] => [`${key}\u0001u\u0001`, `${key}\u0001u\u0001\uffff`];

/**
 * The index range of a listing key's results (successes and fixed failures) from `from` to `to`
 * (epoch ms, both included; open-ended when absent), in time order.
 */
export const resultsRange = (key: string, from?: number, to?: number): [string, string] => [
  `${key}\u0001r\u0001${from === undefined ? '' : encodeTime(from)}`,
  `${key}\u0001r\u0001${to === undefined ? '' : encodeTime(to)}\uffff`,
];

/** A failure nothing later fixed or replaced: what "Still failing" lists. */
export const isOpenFailure = (r: Pick<SyncRecord, 'status' | 'fixedBy' | 'supersededBy'>): boolean =>
  r.status === 'failed' && r.fixedBy === undefined && r.supersededBy === undefined;
