import type { Change, RecordDraft, RecordError, Status } from '../../records/record';
import type { RuleInput } from '../types';
import { arr, errorList, idStr, isObj, obj, text } from '../util';
import { ADMIN_GRAPHQL, ADMIN_HOST, PERSISTED, STORE_HOST } from './routes';

/**
 * What every Shopify rule shares: ids, links, error reading and the draft a write becomes.
 * Shapes: docs/PORTALS.md "Shopify" and the GraphQL Admin API reference (shopify.dev).
 */
export const PORTAL = 'Shopify';
export const HANDLE = /^[a-z0-9][a-z0-9-]{0,99}$/;
export const MAX_ERRORS = 100;

export const RATE_LIMITED: RecordError = {
  message: 'Shopify is limiting how fast changes can be saved (throttled): wait a moment, then save again.',
  code: 'RATE_LIMITED',
};
export const UNEXPECTED: RecordError = {
  message:
    'Shopify answered, but not in a shape Sync History knows, so it cannot tell whether the product was saved: check it in the admin.',
  code: 'UNEXPECTED_RESPONSE',
};
export const NO_OPERATION_ID: RecordError = {
  message: 'Shopify accepted the change to run in the background but sent no operation id: its result cannot be followed here.',
  code: 'NO_OPERATION_ID',
};

// ---------------------------------------------------------------------------------------------
// Ids and links

/** `gid://shopify/Product/8123456789012` → `8123456789012` (a bare number is accepted too). */
export function productNum(x: unknown): string | undefined {
  const id = idStr(x);
  if (!id) return undefined;
  const n = /^gid:\/\/shopify\/Product\/(\d+)(?:\?.*)?$/.exec(id)?.[1] ?? (/^\d+$/.test(id) ? id : undefined);
  return n && n.length <= 30 ? n : undefined;
}

/** A gid of one type (`gid://shopify/BulkOperation/123`), else undefined. Job ids are UUIDs. */
export const gidOf = (x: unknown, type: string): string | undefined => {
  const id = idStr(x);
  const tail = type === 'Job' ? '[0-9A-Za-z-]{1,64}' : '\\d{1,30}';
  return id && new RegExp(`^gid://shopify/${type}/${tail}$`).test(id) ? id : undefined;
};

/** `gid://shopify/TaxonomyCategory/aa-8-8` → `aa-8-8`: the Standard Product Taxonomy id. */
export function categoryOf(x: unknown): string | undefined {
  const id = idStr(isObj(x) ? x.id : x);
  const tail = id?.split('/').pop();
  return tail && /^[A-Za-z0-9_-]{1,100}$/.test(tail) ? tail : undefined;
}

/** The store handle a URL names: the persisted operation's last segment, `/api/shopify/{h}`, `/store/{h}`, `{h}.myshopify.com`. */
function handleIn(u: URL): string | undefined {
  if (ADMIN_HOST.test(u.hostname)) {
    return (
      PERSISTED.exec(u.pathname)?.[4] ??
      ADMIN_GRAPHQL.exec(u.pathname)?.[1] ??
      /^\/store\/([a-z0-9][a-z0-9-]*)(?:\/|$)/.exec(u.pathname)?.[1]
    );
  }
  return STORE_HOST.exec(u.hostname)?.[1];
}

/** The store handle: from the request URL, then the page URL, then what the page taught us. */
export function storeOf({ url, page, ctx }: RuleInput): string | undefined {
  const h = (handleIn(url) ?? handleIn(page) ?? ctx.storeId)?.toLowerCase();
  return h && HANDLE.test(h) ? h : undefined;
}

export const adminBase = (handle: string | undefined): string | undefined =>
  handle && HANDLE.test(handle) ? `https://admin.shopify.com/store/${handle}` : undefined;

export const productPage = (handle: string | undefined, productId: string | undefined): string | undefined => {
  const base = adminBase(handle);
  return base && productId && /^\d{1,30}$/.test(productId) ? `${base}/products/${productId}` : undefined;
};

// ---------------------------------------------------------------------------------------------
// Errors

/** A `userErrors` item: `{field: ["variants","0","barcode"], message, code}`; the field path joined with '.'. */
function userError(e: Record<string, unknown>): RecordError | undefined {
  const message = text(e.message);
  if (!message) return undefined;
  const r: RecordError = { message };
  const code = idStr(e.code);
  if (code) r.code = code;
  const path = Array.isArray(e.field) ? e.field.filter((s) => typeof s === 'string' || typeof s === 'number').join('.') : e.field;
  const field = text(path, 200);
  if (field) r.field = field;
  return r;
}

export const userErrors = (x: unknown): RecordError[] => errorList(x, userError).slice(0, MAX_ERRORS);

/** Top-level GraphQL errors: `[{message, extensions: {code}}]`; an HTTP error may carry a plain string. */
export function graphqlErrors(body: Record<string, unknown>): RecordError[] {
  if (typeof body.errors === 'string') {
    const m = text(body.errors);
    return m ? [{ message: m }] : [];
  }
  const list = errorList(body.errors, (e) => {
    const message = text(e.message);
    if (!message) return undefined;
    const code = idStr(obj(e.extensions).code) ?? idStr(e.code);
    return code ? { message, code } : { message };
  });
  const m = text(body.error) ?? text(body.message);
  return (m ? [{ message: m }, ...list] : list).slice(0, MAX_ERRORS);
}

/** Throttling comes as HTTP 200 or 429 with `errors[].extensions.code: "THROTTLED"` (PORTALS.md, H/M). */
export const isThrottled = (ex: RuleInput['ex'], body: Record<string, unknown>): boolean =>
  ex.status === 429 || arr(body.errors).some((e) => obj(obj(e).extensions).code === 'THROTTLED');

// ---------------------------------------------------------------------------------------------
// Drafts

/** What a request or an answer says about the product written. */
export interface Facts {
  productId?: string;
  title?: string;
  categoryId?: string;
  skus: string[];
  changes: Change[];
}
export type Found = Omit<Facts, 'changes'>;

export interface Outcome {
  status: Status;
  errors: RecordError[];
  key: string;
  kind: 'publish' | 'import';
  jobId?: string;
}

export const short = (x: unknown, max: number): string | number | boolean | undefined =>
  typeof x === 'string' ? text(x, max) : typeof x === 'number' && Number.isFinite(x) ? x : typeof x === 'boolean' ? x : undefined;

/** A draft from the request's and the response's facts; the response wins where both say. */
export function draftOf(input: RuleInput, o: Outcome, req: Facts, res: Found = { skus: [] }): RecordDraft {
  const d: RecordDraft = {
    key: o.key,
    platform: 'shopify',
    kind: o.kind,
    status: o.status,
    observedAt: input.ex.observedAt,
    errors: o.errors,
    changes: req.changes,
  };
  const storeId = storeOf(input);
  const productId = res.productId ?? req.productId;
  const title = res.title ?? req.title;
  const categoryId = res.categoryId ?? req.categoryId;
  // One SKU only when it is evident: a single distinct SKU across the variants involved.
  const skus = [...new Set([...res.skus, ...req.skus])];
  const link = productPage(storeId, productId);
  if (storeId) d.storeId = storeId;
  if (productId) d.productId = productId;
  if (title) d.title = title;
  if (categoryId) d.categoryId = categoryId;
  if (skus.length === 1 && skus[0]) d.sku = skus[0];
  if (o.jobId) d.jobId = o.jobId;
  if (link) d.listingUrl = link;
  return d;
}
