import type { Change, RecordDraft, RecordError, Status } from '../../records/record';
import type { PageContext, RuleInput, RuleOutput } from '../types';
import { idStr, isObj, obj, text } from '../util';

/**
 * What every Makro rule shares: ids, links, attribute values, the record draft. The portal is
 * Flipkart-derived, not Mirakl: shapes are in docs/PORTALS.md "Makro" (confidence M unless a
 * rule says otherwise); fixtures in tests/fixtures/makro/ reproduce each scenario.
 */
export const PORTAL = 'Makro';
export const PAGE = 'https://seller.makro.co.za/index.html#dashboard/';

/** FSN: 16 upper-case alphanumerics (PORTALS.md, e.g. `PRNH5UGWZEJAZDCA`). */
export const FSN = /^[A-Z0-9]{16}$/;
/** Listing id: `LST` then the FSN and a suffix (e.g. `LSTINTH4CZ4JYMVGQPEERDB22`). */
const LISTING_ID = /^LST[A-Z0-9]{6,40}$/;
/** A vertical slug as it appears in the portal's hash (`vertical=air_purifier`). */
export const VERTICAL = /^[a-z][a-z0-9_]{0,79}$/;
/** A seller id worth remembering for the rest of the tab (PORTALS: 16 hex chars; kept loose). */
const SELLER_ID = /^[A-Za-z0-9_-]{6,64}$/;

export const MAX_ERRORS = 50;
/** The most items one write or poll turns into records (a bulk edit or a long QC list). */
export const MAX_ITEMS = 1000;

export const fsnOf = (x: unknown): string | undefined => {
  const s = idStr(x);
  return s && FSN.test(s) ? s : undefined;
};
export const listingIdOf = (x: unknown): string | undefined => {
  const s = idStr(x);
  return s && LISTING_ID.test(s) ? s : undefined;
};

/** `/-/p/{FSN}?pid={FSN}` resolves without the product's slug (PORTALS.md, M). Only ever for a valid FSN. */
export const listingUrlOf = (fsn: string | undefined): string | undefined =>
  fsn ? `https://www.makro.co.za/-/p/${fsn}?pid=${fsn}` : undefined;

/** The query string inside the page's hash route: `#dashboard/addListings/single?vertical=…&requestId=…`. */
export function hashParams(page: URL): URLSearchParams {
  const i = page.hash.indexOf('?');
  return new URLSearchParams(i >= 0 ? page.hash.slice(i + 1) : '');
}

/** A list that may arrive as one bare entry. */
export const listOf = (x: unknown): unknown[] => (Array.isArray(x) ? x : typeof x === 'string' || isObj(x) ? [x] : []);

/** A scalar worth showing as a change value (trimmed text, a finite number, a boolean). */
export function scalar(v: unknown): string | number | boolean | undefined {
  if (typeof v === 'string') return text(v, 500);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  return typeof v === 'boolean' ? v : undefined;
}

/** An attribute value as the portal wraps it: `[{"value": "967"}]` → `"967"`; several → an array. */
export function unwrap(x: unknown): unknown {
  const one = (v: unknown): unknown => (isObj(v) ? scalar(v.value) : scalar(v));
  if (!Array.isArray(x)) return one(x);
  const values = x
    .slice(0, 20)
    .map(one)
    .filter((v) => v !== undefined);
  return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
}

export const unwrapId = (x: unknown): string | undefined => {
  const v = unwrap(x);
  return typeof v === 'string' || typeof v === 'number' ? idStr(v) : undefined;
};

/** The allowlisted attributes, unwrapped, in allowlist order. */
export function attributeChanges(attrs: unknown, allow: readonly string[]): Change[] {
  const a = obj(attrs);
  const out: Change[] = [];
  for (const field of allow) {
    const value = unwrap(a[field]);
    if (value !== undefined) out.push({ field, value });
  }
  return out;
}

/** Without repeats, and few enough that the background never refuses the whole capture (LIMITS.errorsPerRecord). */
export function tidy(errors: RecordError[]): RecordError[] {
  const seen = new Set<string>();
  const out = errors.filter((e) => {
    const k = `${e.field ?? ''}\u0000${e.code ?? ''}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (out.length <= MAX_ERRORS) return out;
  const more = out.length - (MAX_ERRORS - 1);
  return [...out.slice(0, MAX_ERRORS - 1), { message: `…and ${more} more errors: see them in the Makro portal.`, code: 'MORE_ERRORS' }];
}

export const unknownShape = (what: string): RecordError => ({
  message: `Makro answered, but not in a shape this extension knows: check the ${what} in the Makro portal.`,
  code: 'UNKNOWN_RESPONSE',
});

export const statusWord = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
export const saysFailure = (w: string | undefined): boolean => !!w && /^(fail|failed|failure|error)$/i.test(w);

/**
 * The seller id of the request (the `sellerId` query parameter first, then the body's), else the
 * one the page keeps (`__appData.sellerConfig.sellerId`, read by the tap for the routes that ask).
 * Only that: other query parameters, such as the price edit's `userName` (the seller's login), are
 * never read.
 */
export function sellerOf({ url, ex }: RuleInput): string | undefined {
  return idStr(url.searchParams.get('sellerId')) ?? idStr(obj(ex.requestBody).sellerId) ?? idStr(ex.pageStoreId);
}

function learnedFrom(input: RuleInput): PageContext | undefined {
  const seller = sellerOf(input);
  return seller && SELLER_ID.test(seller) ? { storeId: seller } : undefined;
}

export type Ids = Partial<Pick<RecordDraft, 'storeId' | 'productId' | 'draftId' | 'categoryId' | 'sku' | 'title' | 'listingUrl'>>;

export function draftOf(input: RuleInput, key: string, status: Status, errors: RecordError[], changes: Change[], ids: Ids): RecordDraft {
  const d: RecordDraft = {
    key,
    platform: 'makro',
    kind: 'publish',
    status,
    observedAt: input.ex.observedAt,
    errors: tidy(errors),
    changes,
  };
  const seller = sellerOf(input);
  const storeId = ids.storeId ?? (seller && SELLER_ID.test(seller) ? seller : undefined) ?? input.ctx.storeId;
  if (storeId) d.storeId = storeId;
  for (const f of ['productId', 'draftId', 'categoryId', 'sku', 'title', 'listingUrl'] as const) {
    const v = ids[f];
    if (v !== undefined) d[f] = v;
  }
  return d;
}

export const withLearned = (input: RuleInput, out: RuleOutput): RuleOutput => {
  const learned = learnedFrom(input);
  return learned ? { ...out, learned } : out;
};
