import type { Change, JobSettlement, RecordDraft, RecordError, Status } from '../../records/record';
import type { CaptureRule, PlatformModule, RecordLinkFields, RuleInput, RuleOutput } from '../types';
import { arr, errorList, idStr, isObj, obj, text, transportErrors, transportStatus } from '../util';
import { shopifyIdentity } from './identity';
import { ADMIN_GRAPHQL, ADMIN_HOST, ROUTES, STORE_HOST, shopifyRoutes } from './routes';

/**
 * Shopify capture rules. Shapes: docs/PORTALS.md "Shopify" and the GraphQL Admin API
 * reference (shopify.dev/docs/api/admin-graphql: productCreate, productUpdate, productSet,
 * ProductSetOperation, productVariantsBulkUpdate, bulkOperationRunMutation, BulkOperation);
 * fixtures in tests/fixtures/shopify/ reproduce each scenario.
 *
 * The admin talks GraphQL over several URLs, so a write is recognised by the mutation field
 * in the response `data` (and in the query text), never by the URL alone (PORTALS.md, M).
 */
const PORTAL = 'Shopify';
const HANDLE = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The product writes we record. Anything else a mutation returns is counted as unrecognised. */
const FIELDS = ['productCreate', 'productUpdate', 'productSet', 'productVariantsBulkUpdate', 'bulkOperationRunMutation'] as const;
type Field = (typeof FIELDS)[number];
const isField = (x: string): x is Field => (FIELDS as readonly string[]).includes(x);

/** Product input fields a seller recognises. Anything else in `variables` is dropped. */
const PRODUCT_FIELDS = ['title', 'handle', 'status', 'vendor', 'productType', 'tags', 'descriptionHtml', 'category'] as const;
const VARIANT_FIELDS = ['sku', 'price', 'compareAtPrice', 'barcode', 'inventoryQuantity'] as const;
/** Keeps a `variants` change under the 4 000-byte cap lib/records/validate.ts puts on one change value. */
const MAX_CHANGE_JSON = 3000;
const MAX_ERRORS = 100;

const RATE_LIMITED: RecordError = {
  message: 'Shopify is limiting how fast changes can be saved (throttled): wait a moment, then save again.',
  code: 'RATE_LIMITED',
};
const UNEXPECTED: RecordError = {
  message:
    'Shopify answered, but not in a shape Sync History knows, so it cannot tell whether the product was saved: check it in the admin.',
  code: 'UNEXPECTED_RESPONSE',
};
const NO_OPERATION_ID: RecordError = {
  message: 'Shopify accepted the change to run in the background but sent no operation id: its result cannot be followed here.',
  code: 'NO_OPERATION_ID',
};

// ---------------------------------------------------------------------------------------------
// Ids and links

/** `gid://shopify/Product/8123456789012` → `8123456789012` (a bare number is accepted too). */
function productNum(x: unknown): string | undefined {
  const id = idStr(x);
  if (!id) return undefined;
  const n = /^gid:\/\/shopify\/Product\/(\d+)(?:\?.*)?$/.exec(id)?.[1] ?? (/^\d+$/.test(id) ? id : undefined);
  return n && n.length <= 30 ? n : undefined;
}

/** A gid of one type (`gid://shopify/BulkOperation/123`), else undefined. */
const gidOf = (x: unknown, type: string): string | undefined => {
  const id = idStr(x);
  return id && new RegExp(`^gid://shopify/${type}/\\d+$`).test(id) ? id : undefined;
};

/** `gid://shopify/TaxonomyCategory/aa-8-8` → `aa-8-8`: the Standard Product Taxonomy id. */
function categoryOf(x: unknown): string | undefined {
  const id = idStr(isObj(x) ? x.id : x);
  const tail = id?.split('/').pop();
  return tail && /^[A-Za-z0-9_-]{1,100}$/.test(tail) ? tail : undefined;
}

/** The store handle: from the request URL, then the page URL, then what the page taught us. */
function storeOf({ url, page, ctx }: RuleInput): string | undefined {
  const fromUrl = (u: URL): string | undefined =>
    (ADMIN_HOST.test(u.hostname)
      ? (ADMIN_GRAPHQL.exec(u.pathname) ?? /^\/store\/([a-z0-9][a-z0-9-]*)(?:\/|$)/.exec(u.pathname))?.[1]
      : undefined) ?? STORE_HOST.exec(u.hostname)?.[1];
  const h = (fromUrl(url) ?? fromUrl(page) ?? ctx.storeId)?.toLowerCase();
  return h && HANDLE.test(h) ? h : undefined;
}

const adminBase = (handle: string | undefined): string | undefined =>
  handle && HANDLE.test(handle) ? `https://admin.shopify.com/store/${handle}` : undefined;

const productPage = (handle: string | undefined, productId: string | undefined): string | undefined => {
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

const userErrors = (x: unknown): RecordError[] => errorList(x, userError).slice(0, MAX_ERRORS);

/** Top-level GraphQL errors: `[{message, extensions: {code}}]`; an HTTP error may carry a plain string. */
function graphqlErrors(body: Record<string, unknown>): RecordError[] {
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
const isThrottled = (ex: RuleInput['ex'], body: Record<string, unknown>): boolean =>
  ex.status === 429 || arr(body.errors).some((e) => obj(obj(e).extensions).code === 'THROTTLED');

// ---------------------------------------------------------------------------------------------
// The request: `{query, variables, operationName}`

/** One known mutation field the document calls: `alias: productUpdate(input: $input)`. */
interface Call {
  field: Field;
  /** The key it answers under in `data` (the alias, else the field name). */
  key: string;
  /** Argument name → `$variable` or a bare literal (`true`, `false`), when read from the query text. */
  args?: Record<string, string>;
}

interface GqlRequest {
  operation?: string;
  mutation: boolean;
  /** Known fields the query text calls (empty when there is no text, e.g. a persisted query). */
  calls: Call[];
  variables: Record<string, unknown>;
}

/** The query text with string literals emptied and comments removed, so neither can fake a field. */
const stripDocument = (q: string): string =>
  q.replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, (m) => (m.startsWith('#') ? '' : '""'));

/** The argument list of a call starting at `open` (a `(`), or '' when unbalanced. */
function argText(doc: string, open: number): string {
  let depth = 0;
  for (let i = open; i < doc.length && i < open + 5000; i++) {
    if (doc[i] === '(') depth++;
    else if (doc[i] === ')' && --depth === 0) return doc.slice(open + 1, i);
  }
  return '';
}

function callsOf(doc: string): Call[] {
  const out = new Map<string, Call>();
  const re = new RegExp(`(?:\\b([A-Za-z_]\\w*)\\s*:\\s*)?\\b(${FIELDS.join('|')})\\b\\s*([({])`, 'g');
  for (const m of doc.matchAll(re)) {
    // `mutation productUpdate($input: …)` names the operation, not a field.
    if (/\b(mutation|query|subscription)\s*$/.test(doc.slice(Math.max(0, (m.index ?? 0) - 20), m.index))) continue;
    const field = m[2] as Field;
    const args: Record<string, string> = {};
    if (m[3] === '(') {
      const inner = argText(doc, (m.index ?? 0) + m[0].length - 1);
      for (const a of inner.matchAll(/(\w+)\s*:\s*(\$\w+|true|false)\b/g)) {
        if (a[1] && a[2] && !(a[1] in args)) args[a[1]] = a[2];
      }
    }
    const key = m[1] ?? field;
    out.set(key, { field, key, args });
  }
  return [...out.values()];
}

const OPERATION_NAME = /^[A-Za-z0-9_]{1,100}$/;

function readRequest({ ex, url }: RuleInput): GqlRequest {
  const body = obj(ex.requestBody);
  const op = url.searchParams.get('operation') ?? (typeof body.operationName === 'string' ? body.operationName : undefined);
  let variables = body.variables;
  if (typeof variables === 'string' && variables.length < 1_000_000) {
    try {
      variables = JSON.parse(variables) as unknown;
    } catch {
      variables = undefined;
    }
  }
  const doc = typeof body.query === 'string' ? stripDocument(body.query) : '';
  const calls = callsOf(doc);
  const mutation = url.searchParams.get('type') === 'mutation' || /(?:^|\})\s*mutation\b(?!\s*:)/.test(doc) || calls.length > 0;
  const req: GqlRequest = { mutation, calls, variables: obj(variables) };
  if (op && OPERATION_NAME.test(op)) req.operation = op;
  return req;
}

/**
 * An argument's value: through the `$variable` the query text names, else (no text, e.g. a
 * persisted query) the conventional variable of the same name, as the admin and docs use it.
 */
function argValue(call: Call, name: string, vars: Record<string, unknown>): unknown {
  if (!call.args) return vars[name];
  const raw = call.args[name];
  if (raw === undefined) return undefined;
  if (raw.startsWith('$')) return vars[raw.slice(1)];
  return raw === 'true' ? true : raw === 'false' ? false : undefined;
}

/** Without query text, a mutation's operation name may still say what it writes (`ProductUpdate`). */
const guessCalls = (operation: string | undefined): Call[] => {
  const op = operation?.toLowerCase() ?? '';
  const f = FIELDS.find((name) => op.includes(name.toLowerCase()));
  return f ? [{ field: f, key: f }] : [];
};

// ---------------------------------------------------------------------------------------------
// What a write says about the product

interface Facts {
  productId?: string;
  title?: string;
  categoryId?: string;
  skus: string[];
  changes: Change[];
}

const short = (x: unknown, max: number): string | number | boolean | undefined =>
  typeof x === 'string' ? text(x, max) : typeof x === 'number' && Number.isFinite(x) ? x : typeof x === 'boolean' ? x : undefined;

const skuOfVariant = (v: Record<string, unknown>): string | undefined => idStr(v.sku) ?? idStr(obj(v.inventoryItem).sku);

/** One variant's allowlisted fields, with option values as `Size: 42` and stock as `{name, quantity}`. */
function pickVariant(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of VARIANT_FIELDS) {
    const val = f === 'sku' ? skuOfVariant(v) : short(v[f], 100);
    if (val !== undefined) out[f] = val;
  }
  const options = arr(v.optionValues)
    .map(obj)
    .map((o) => [text(o.optionName, 50), text(o.name, 50)].filter(Boolean).join(': '))
    .filter(Boolean);
  if (options.length > 0) out.options = options.slice(0, 5);
  const stock = arr(v.inventoryQuantities ?? v.quantities)
    .map(obj)
    .map((q) => {
      const s: Record<string, unknown> = {};
      const name = text(q.name, 50);
      const quantity = short(q.quantity ?? q.availableQuantity, 20);
      if (name) s.name = name;
      if (quantity !== undefined) s.quantity = quantity;
      return s;
    })
    .filter((s) => s.quantity !== undefined);
  if (stock.length > 0) out.inventoryQuantities = stock.slice(0, 10);
  return out;
}

/** `variants` as a change: allowlisted fields only, trimmed until it fits the stored size. */
function variantsChange(x: unknown): Change | undefined {
  const list = arr(x)
    .map(obj)
    .map(pickVariant)
    .filter((v) => Object.keys(v).length > 0)
    .slice(0, 100);
  while (list.length > 0 && JSON.stringify(list).length > MAX_CHANGE_JSON) list.pop();
  return list.length > 0 ? { field: 'variants', value: list } : undefined;
}

function productChanges(input: Record<string, unknown>): Change[] {
  const out: Change[] = [];
  for (const f of PRODUCT_FIELDS) {
    const v = input[f];
    if (f === 'tags') {
      const tags = (typeof v === 'string' ? v.split(',') : arr(v)).map((t) => text(t, 100)).filter((t): t is string => !!t);
      if (tags.length > 0) out.push({ field: f, value: tags.slice(0, 50) });
    } else if (f === 'descriptionHtml') {
      const d = text(v, 300);
      if (d) out.push({ field: f, value: d });
    } else {
      const val = short(v, 300);
      if (val !== undefined) out.push({ field: f, value: val });
    }
  }
  const variants = variantsChange(input.variants);
  if (variants) out.push(variants);
  return out;
}

/** Variants of a returned product: `{nodes: […]}`, `{edges: [{node}]}` or a bare list. */
const variantList = (x: unknown): Record<string, unknown>[] => {
  if (Array.isArray(x)) return x.map(obj);
  const v = obj(x);
  return [...arr(v.nodes).map(obj), ...arr(v.edges).map((e) => obj(obj(e).node))];
};

/** What the request says: the product written, and the allowlisted fields sent. */
function requestFacts(call: Call, vars: Record<string, unknown>): Facts {
  if (call.field === 'bulkOperationRunMutation') return { skus: [], changes: [] };
  if (call.field === 'productVariantsBulkUpdate') {
    const variants = arr(argValue(call, 'variants', vars)).map(obj);
    const change = variantsChange(variants);
    const f: Facts = { skus: variants.map(skuOfVariant).filter((s): s is string => !!s), changes: change ? [change] : [] };
    const productId = productNum(argValue(call, 'productId', vars));
    if (productId) f.productId = productId;
    return f;
  }
  // productCreate/productUpdate take `product:` (2024-10+) or `input:` (older); productSet takes `input:`.
  const input = obj(
    argValue(call, call.field === 'productSet' ? 'input' : 'product', vars) ??
      argValue(call, call.field === 'productSet' ? 'product' : 'input', vars),
  );
  const f: Facts = {
    skus: arr(input.variants)
      .map(obj)
      .map(skuOfVariant)
      .filter((s): s is string => !!s),
    changes: productChanges(input),
  };
  const productId = productNum(input.id) ?? productNum(obj(argValue(call, 'identifier', vars)).id);
  const title = text(input.title, 500);
  const categoryId = categoryOf(input.category);
  if (productId) f.productId = productId;
  if (title) f.title = title;
  if (categoryId) f.categoryId = categoryId;
  return f;
}

/** What a returned product says. */
function productFacts(product: unknown, variants?: unknown): Omit<Facts, 'changes'> {
  const p = obj(product);
  const f: Omit<Facts, 'changes'> = {
    skus: [...variantList(p.variants), ...arr(variants).map(obj)].map(skuOfVariant).filter((s): s is string => !!s),
  };
  const productId = productNum(p.id);
  const title = text(p.title, 500);
  const categoryId = categoryOf(p.category);
  if (productId) f.productId = productId;
  if (title) f.title = title;
  if (categoryId) f.categoryId = categoryId;
  return f;
}

interface Outcome {
  status: Status;
  errors: RecordError[];
  key: string;
  kind: 'publish' | 'import';
  jobId?: string;
}

/** A draft from the request's and the response's facts; the response wins where both say. */
function draftOf(
  input: RuleInput,
  o: Outcome,
  req: Omit<Facts, 'changes'> & { changes: Change[] },
  res: Omit<Facts, 'changes'> = { skus: [] },
): RecordDraft {
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

const kindOf = (f: Field): 'publish' | 'import' => (f === 'bulkOperationRunMutation' ? 'import' : 'publish');

/**
 * A bulk mutation runs another mutation over a JSONL file: it is a listing import only when
 * that inner mutation writes products or stock. An unreadable inner mutation is given the benefit.
 */
function bulkIsProducts(call: Call, vars: Record<string, unknown>): boolean {
  const inner = argValue(call, 'mutation', vars);
  return typeof inner !== 'string' || /\b(product|inventory)\w*\s*\(/.test(stripDocument(inner));
}

// ---------------------------------------------------------------------------------------------
// Answers

const FINAL_FAILED = new Set(['FAILED', 'CANCELED', 'CANCELLED', 'EXPIRED']);

/** Plain-words reasons for a final bulk status (BulkOperationStatus / BulkOperationErrorCode docs). */
function bulkFailure(status: string, errorCode: string | undefined): RecordError {
  const why: Record<string, string> = {
    ACCESS_DENIED: 'it was denied access to something it needed',
    INTERNAL_SERVER_ERROR: 'of an internal Shopify error; try the import again',
    TIMEOUT: 'it took too long; try again with fewer items',
  };
  if (status === 'FAILED') {
    const reason = errorCode ? (why[errorCode] ?? `of ${errorCode}`) : 'of an error it did not name';
    return {
      message: `Shopify stopped the bulk import because ${reason}. Some products may not have been saved.`,
      code: errorCode ?? 'BULK_FAILED',
    };
  }
  if (status === 'EXPIRED') {
    // EXPIRED means the result file's URL expired (after 7 days): the outcome can no longer be read.
    return {
      message: 'Shopify no longer keeps the result of this bulk import (it expired): check the products in the admin.',
      code: 'EXPIRED',
    };
  }
  return { message: 'The bulk import was cancelled before it finished: some products may not have been saved.', code: 'CANCELED' };
}

/** One answered product write: `data[call.key]` is its payload. */
function answered(
  input: RuleInput,
  req: GqlRequest,
  call: Call,
  payload: unknown,
  topErrors: RecordError[],
  capKey: string,
): RecordDraft | undefined {
  const vars = req.variables;
  if (call.field === 'bulkOperationRunMutation' && !bulkIsProducts(call, vars)) return undefined;
  const asked = requestFacts(call, vars);
  const kind = kindOf(call.field);
  if (!isObj(payload)) {
    // `data.productUpdate: null` with top-level errors (e.g. ACCESS_DENIED), or a shape we do not know.
    const o: Outcome =
      topErrors.length > 0
        ? { status: 'failed', errors: topErrors, key: capKey, kind }
        : { status: 'pending', errors: [UNEXPECTED], key: capKey, kind };
    return draftOf(input, o, asked);
  }
  const errs = userErrors(payload.userErrors);
  const hasErrorList = Array.isArray(payload.userErrors);

  if (call.field === 'bulkOperationRunMutation') {
    const bulk = obj(payload.bulkOperation);
    const jobId = gidOf(bulk.id, 'BulkOperation');
    if (errs.length > 0) return draftOf(input, { status: 'failed', errors: errs, key: capKey, kind }, asked);
    if (!jobId)
      return draftOf(input, { status: 'pending', errors: [hasErrorList ? NO_OPERATION_ID : UNEXPECTED], key: capKey, kind }, asked);
    const status = typeof bulk.status === 'string' ? bulk.status.toUpperCase() : '';
    const o: Outcome = { status: 'pending', errors: [], key: `job:${jobId}`, kind, jobId };
    if (status === 'COMPLETED') o.status = 'success';
    else if (FINAL_FAILED.has(status)) {
      o.status = 'failed';
      o.errors = [bulkFailure(status, idStr(bulk.errorCode))];
    }
    return draftOf(input, o, asked);
  }

  if (call.field === 'productSet') {
    // Asynchronous mode answers `productSetOperation` to be polled with `productOperation` (ProductSetOperation docs).
    const op = obj(payload.productSetOperation);
    const jobId = gidOf(op.id, 'ProductSetOperation');
    const async = jobId !== undefined || argValue(call, 'synchronous', vars) === false;
    if (async) {
      const all = [...errs, ...userErrors(op.userErrors)].slice(0, MAX_ERRORS);
      const got = productFacts(op.product ?? payload.product);
      if (all.length > 0)
        return draftOf(
          input,
          { status: 'failed', errors: all, key: jobId ? `job:${jobId}` : capKey, kind, ...(jobId ? { jobId } : {}) },
          asked,
          got,
        );
      if (!jobId)
        return draftOf(input, { status: 'pending', errors: [hasErrorList ? NO_OPERATION_ID : UNEXPECTED], key: capKey, kind }, asked, got);
      const status = op.status === 'COMPLETE' ? 'success' : 'pending';
      return draftOf(input, { status, errors: [], key: `job:${jobId}`, kind, jobId }, asked, got);
    }
  }

  const got =
    call.field === 'productVariantsBulkUpdate' ? productFacts(payload.product, payload.productVariants) : productFacts(payload.product);
  if (errs.length > 0) return draftOf(input, { status: 'failed', errors: errs, key: capKey, kind }, asked, got);
  // Partial GraphQL errors alongside a returned product concern the selection, not the write.
  if (topErrors.length > 0 && !isObj(payload.product) && !Array.isArray(payload.productVariants)) {
    return draftOf(input, { status: 'failed', errors: topErrors, key: capKey, kind }, asked, got);
  }
  if (hasErrorList || isObj(payload.product) || Array.isArray(payload.productVariants)) {
    return draftOf(input, { status: 'success', errors: [], key: capKey, kind }, asked, got);
  }
  return draftOf(input, { status: 'pending', errors: [UNEXPECTED], key: capKey, kind }, asked, got);
}

/** A product write whose answer did not reach us in a usable form: say why, keep what was sent. */
function unanswered(input: RuleInput, req: GqlRequest, calls: Call[], status: Status, errors: RecordError[]): RuleOutput {
  const base = `cap:${input.ex.captureId}`;
  const drafts = calls
    .filter((c) => c.field !== 'bulkOperationRunMutation' || bulkIsProducts(c, req.variables))
    .map((c) =>
      draftOf(
        input,
        { status, errors, key: calls.length === 1 ? base : `${base}:${c.key}`, kind: kindOf(c.field) },
        requestFacts(c, req.variables),
      ),
    );
  return { drafts };
}

// ---------------------------------------------------------------------------------------------
// Polls: the admin's own status queries settle pending operations

/**
 * `productOperation(id:)` / `node(id:)` on a ProductSetOperation: COMPLETE settles the record the
 * productSet answer opened (same `job:` key); CREATED/ACTIVE say nothing new.
 * It is a draft, not a JobSettlement, because it carries per-product detail (ids, userErrors).
 */
function settleProductSet(input: RuleInput, op: Record<string, unknown>, jobId: string): RecordDraft | undefined {
  const status = typeof op.status === 'string' ? op.status.toUpperCase() : '';
  const errs = userErrors(op.userErrors);
  let o: Outcome;
  if (status === 'COMPLETE')
    o = { status: errs.length > 0 ? 'failed' : 'success', errors: errs, key: `job:${jobId}`, kind: 'publish', jobId };
  else if (FINAL_FAILED.has(status)) {
    const reason =
      errs.length > 0
        ? errs
        : [
            {
              message: `Shopify reports the product operation as ${status.toLowerCase()}: the product may not have been saved.`,
              code: status,
            },
          ];
    o = { status: 'failed', errors: reason, key: `job:${jobId}`, kind: 'publish', jobId };
  } else return undefined;
  return draftOf(input, o, { skus: [], changes: [] }, productFacts(op.product));
}

/**
 * `currentBulkOperation` / `bulkOperation(id:)` / `node(id:)` on a BulkOperation. A bulk
 * operation's answer holds no per-product detail (that is in a JSONL result file the admin
 * does not fetch), so it settles as a JobSettlement: only the pending record opened under this
 * job id moves, and a poll of an operation we never saw (an export, another app's job) creates
 * no row. COMPLETED means the job ran; per-line userErrors in the result file are not visible here.
 */
function settleBulk(input: RuleInput, op: Record<string, unknown>, jobId: string): JobSettlement | undefined {
  if (typeof op.type === 'string' && op.type !== 'MUTATION') return undefined; // a bulk export, not an import
  const status = typeof op.status === 'string' ? op.status.toUpperCase() : '';
  const job = (s: Status, errors: RecordError[]): JobSettlement => ({
    platform: 'shopify',
    jobId,
    status: s,
    errors,
    observedAt: input.ex.observedAt,
  });
  if (status === 'COMPLETED') return job('success', []);
  if (FINAL_FAILED.has(status)) return job('failed', [bulkFailure(status, idStr(op.errorCode))]);
  return undefined;
}

function polls(input: RuleInput, req: GqlRequest, data: Record<string, unknown>): RuleOutput {
  const drafts: RecordDraft[] = [];
  const jobs: JobSettlement[] = [];
  for (const field of ['productOperation', 'node', 'bulkOperation', 'currentBulkOperation'] as const) {
    if (!isObj(data[field])) continue;
    const op = data[field];
    // A query that did not select `id` still asked for one: `productOperation(id: $id)`.
    const id = op.id ?? (field === 'currentBulkOperation' ? undefined : req.variables.id);
    const setId = gidOf(id, 'ProductSetOperation');
    const bulkId = gidOf(id, 'BulkOperation');
    if (setId && field !== 'currentBulkOperation' && field !== 'bulkOperation') {
      const d = settleProductSet(input, op, setId);
      if (d) drafts.push(d);
    } else if (bulkId && field !== 'productOperation') {
      const j = settleBulk(input, op, bulkId);
      if (j) jobs.push(j);
    }
  }
  return { drafts, jobs };
}

// ---------------------------------------------------------------------------------------------
// The one parser every GraphQL endpoint shares

function graphql(input: RuleInput): RuleOutput {
  const { ex } = input;
  const req = readRequest(input);
  const body = obj(ex.responseBody);
  const data = obj(body.data);
  const topErrors = graphqlErrors(body);

  // Known fields in the answer, through the aliases the query text declares.
  const byKey = new Map(req.calls.map((c) => [c.key, c]));
  const inData: Call[] = [];
  for (const key of Object.keys(data)) {
    const c = byKey.get(key) ?? (isField(key) ? { field: key, key } : undefined);
    if (c) inData.push(c);
  }
  const mutation = req.mutation || inData.length > 0;

  const failure = isThrottled(ex, body) ? [RATE_LIMITED] : transportErrors(ex, PORTAL, graphqlErrors);
  if (failure) {
    // A failed poll or query says nothing; a failed product write is recorded with the reason.
    if (!mutation) return {};
    const attempted = inData.length > 0 ? inData : req.calls.length > 0 ? req.calls : guessCalls(req.operation);
    if (attempted.length > 0) return unanswered(input, req, attempted, isThrottled(ex, body) ? 'failed' : transportStatus(ex), failure);
    // A mutation we do not know, whose answer we could not read either: still counted (issue #3).
    return req.operation ? { unrecognised: { operation: req.operation } } : { unrecognised: {} };
  }

  if (inData.length > 0) {
    const base = `cap:${ex.captureId}`;
    const drafts = inData
      .map((c) => answered(input, req, c, data[c.key], topErrors, inData.length === 1 ? base : `${base}:${c.key}`))
      .filter((d): d is RecordDraft => d !== undefined);
    return { drafts };
  }

  if (mutation) {
    // The query text names a product write but the answer holds none: say what Shopify said.
    // Without text, an operation name like `ProductUpdate` counts only when the answer is an error.
    const attempted = req.calls.length > 0 ? req.calls : topErrors.length > 0 ? guessCalls(req.operation) : [];
    if (attempted.length > 0)
      return unanswered(
        input,
        req,
        attempted,
        topErrors.length > 0 ? 'failed' : 'pending',
        topErrors.length > 0 ? topErrors : [UNEXPECTED],
      );
    // A mutation we do not know: counted by operation name so a maintainer can add it (issue #3).
    return req.operation ? { unrecognised: { operation: req.operation } } : { unrecognised: {} };
  }

  return polls(input, req, data);
}

// ---------------------------------------------------------------------------------------------
// Rules

const rules: CaptureRule[] = [
  {
    ...ROUTES.adminGraphql,
    parse: graphql,
  },
  {
    ...ROUTES.legacyAdminGraphql,
    parse: graphql,
  },
  {
    ...ROUTES.adminApiGraphql,
    parse: graphql,
  },
];

const handleOf = (r: RecordLinkFields): string | undefined => (r.storeId && HANDLE.test(r.storeId) ? r.storeId : undefined);

export const shopify: PlatformModule = {
  ...shopifyIdentity,
  // The legacy admin lives under `/admin` on the store's myshopify host; the rest of that host is
  // the storefront, where nothing is captured, so the content scripts stay out of it.
  routes: shopifyRoutes,
  rules,
  // A product page in the admin, current or legacy (PORTALS.md, H).
  pageListing: (page) => {
    const id =
      /^\/store\/[^/]+\/products\/(\d+)/.exec(page.pathname)?.[1] ??
      (page.hostname.endsWith('.myshopify.com') ? /^\/admin\/products\/(\d+)/.exec(page.pathname)?.[1] : undefined);
    return id ? { term: id, label: `Shopify product ${id}` } : undefined;
  },
  // The product's page in the admin, where the seller fixes it and saves again; else the list.
  fixUrl: (r) => {
    const base = adminBase(handleOf(r));
    return base ? (productPage(handleOf(r), r.productId) ?? `${base}/products`) : undefined;
  },
  // The admin has no page per bulk operation for sellers: its products list (or the product,
  // for a productSet operation) is where the result shows, and where the admin polls from.
  statusUrl: (r) => {
    const base = adminBase(handleOf(r));
    if (!base || !r.jobId) return undefined;
    return productPage(handleOf(r), r.productId) ?? `${base}/products`;
  },
};
