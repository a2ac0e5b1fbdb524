import type { RecordDraft, RecordError, Status } from '../../records/record';
import type { CaptureRule, PlatformModule, RuleInput, RuleOutput } from '../types';
import { arr, errorList, idStr, isObj, messageCode, obj, pickChanges, text, transportErrors, transportStatus, writeOutcome } from '../util';
import { ROUTES, takealotRoutes } from './routes';

/**
 * Takealot capture rules. Shapes: docs/PORTALS.md "Takealot" and the seller-api v2
 * Swagger; fixtures in tests/fixtures/takealot/ reproduce each scenario.
 */
const PORTAL = 'Takealot';

/** Fields of an offer write a seller would want to see again. Anything else is dropped. */
const CHANGE_FIELDS = [
  'sku',
  'barcode',
  'selling_price',
  'rrp',
  'leadtime_days',
  'leadtime_stock',
  'status_action',
  'minimum_leadtime_days',
] as const;

/** The PLID of an `offer_url`, only when it is an https link on www.takealot.com. */
function plidOfUrl(x: unknown): string | undefined {
  if (typeof x !== 'string') return undefined;
  try {
    const u = new URL(x);
    return u.protocol === 'https:' && u.hostname === 'www.takealot.com' ? /\/PLID(\d+)\/?$/i.exec(u.pathname)?.[1] : undefined;
  } catch {
    return undefined;
  }
}

const listingUrl = (offer: Record<string, unknown>): string | undefined => {
  const fromUrl = plidOfUrl(offer.offer_url);
  const plid = fromUrl ?? idStr(offer.productline_id)?.replace(/^PLID/i, '');
  return plid && /^\d+$/.test(plid) ? `https://www.takealot.com/x/PLID${plid}` : undefined;
};

const draftIdOf = (page: URL): string | undefined => /\/single-product\/(\d+)/.exec(page.pathname)?.[1];

/** v1 error bodies: `{"errors":[{"status":429,"title":"Too Many Requests"}]}`; v2: `{"message": …}`. */
const bodyErrors = (b: Record<string, unknown>): RecordError[] => {
  const list = errorList(b.errors, messageCode);
  const m = text(b.message);
  return m ? [{ message: m }, ...list] : list;
};

const validationErrors = (x: unknown): RecordError[] => errorList(x, messageCode);

/** The offer inside a response: v2 wraps it in `offer`, v1 may return it bare. */
const offerOf = (body: unknown): Record<string, unknown> => {
  const b = obj(body);
  if (isObj(b.offer)) return b.offer;
  return b.offer_id !== undefined || b.tsin_id !== undefined ? b : {};
};

/** What the URL's identifier tells about the offer: `ID123`, `SKUABC-1`, `BARCODE600…`, or a bare offer id. */
function identifierIds(
  raw: string | undefined,
  style: 'v2' | 'v1-id' | 'v1-sku' | 'v1-barcode',
): { productId?: string; sku?: string; barcode?: string } {
  if (!raw) return {};
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    return {};
  }
  if (style === 'v1-sku') return { sku: id };
  if (style === 'v1-barcode') return { barcode: id };
  if (style === 'v1-id') return { productId: id };
  if (/^ID\d+$/.test(id)) return { productId: id.slice(2) };
  if (id.startsWith('SKU')) return { sku: id.slice(3) };
  if (id.startsWith('BARCODE')) return { barcode: id.slice(7) };
  if (/^\d+$/.test(id)) return { productId: id };
  return {};
}

function offerWrite(input: RuleInput, style: Parameters<typeof identifierIds>[1], identifier?: string): RuleOutput {
  const { ex, page, ctx } = input;
  const fromUrl = identifierIds(identifier, style);
  const offer = offerOf(ex.responseBody);
  const req = obj(ex.requestBody);
  const { status, errors } = writeOutcome(ex, PORTAL, bodyErrors, () => {
    const found = validationErrors(obj(ex.responseBody).validation_errors);
    return { status: found.length > 0 ? 'failed' : 'success', errors: found };
  });
  const draft: RecordDraft = {
    key: `cap:${ex.captureId}`,
    platform: 'takealot',
    kind: 'publish',
    status,
    observedAt: ex.observedAt,
    errors,
    changes: pickChanges(req, CHANGE_FIELDS),
  };
  const productId = idStr(offer.offer_id) ?? fromUrl.productId;
  const sku = idStr(offer.sku) ?? idStr(req.sku) ?? fromUrl.sku;
  const title = text(offer.title, 500);
  const link = listingUrl(offer);
  const draftId = draftIdOf(page);
  if (ctx.storeId) draft.storeId = ctx.storeId;
  if (productId) draft.productId = productId;
  if (sku) draft.sku = sku;
  if (title) draft.title = title;
  if (link) draft.listingUrl = link;
  if (draftId) draft.draftId = draftId;
  return { drafts: [draft] };
}

/** How a batch item is matched between the request and the later status response. */
function itemKey(item: Record<string, unknown>, offer: Record<string, unknown>, index: number): string {
  const sku = idStr(offer.sku) ?? idStr(item.sku);
  if (sku) return `sku:${sku}`;
  const barcode = idStr(offer.barcode) ?? idStr(item.barcode);
  if (barcode) return `barcode:${barcode}`;
  const id = idStr(offer.offer_id) ?? idStr(item.offer_id);
  return id ? `id:${id}` : `#${index}`;
}

const batchItems = (body: unknown): Record<string, unknown>[] => {
  const b = obj(body);
  const list = Array.isArray(body) ? body : arr(b.requests ?? b.offers ?? b.items);
  return list.map(obj);
};

function batchCreate({ ex, ctx }: RuleInput): RuleOutput {
  const items = batchItems(ex.requestBody);
  const body = obj(ex.responseBody);
  const batchId = idStr(body.batch_id) ?? idStr(obj(body.batch).id);
  const failure = transportErrors(ex, PORTAL, bodyErrors);
  const drafts = items.map((item, i): RecordDraft => {
    const d: RecordDraft = {
      key: batchId && !failure ? `job:${batchId}:${itemKey(item, {}, i)}` : `cap:${ex.captureId}:${i}`,
      platform: 'takealot',
      kind: 'import',
      status: failure ? transportStatus(ex) : 'pending',
      observedAt: ex.observedAt,
      errors:
        failure ??
        (batchId
          ? []
          : [{ message: 'Takealot accepted the batch but sent no batch id: its result cannot be followed.', code: 'NO_BATCH_ID' }]),
      changes: pickChanges(item, CHANGE_FIELDS),
    };
    const sku = idStr(item.sku);
    const productId = idStr(item.offer_id);
    if (ctx.storeId) d.storeId = ctx.storeId;
    if (batchId) d.jobId = batchId;
    if (sku) d.sku = sku;
    if (productId) d.productId = productId;
    return d;
  });
  return { drafts };
}

/** Batch status ids seen in a client: 4 Success, 5 Failed; anything else is still running. */
function batchStatus(status: unknown): Status {
  const s = obj(status);
  const description = typeof s.description === 'string' ? s.description.toLowerCase() : '';
  if (s.id === 5 || /fail/.test(description)) return 'failed';
  if (s.id === 4 || /success|complete/.test(description)) return 'success';
  return 'pending';
}

function batchResult({ ex, ctx }: RuleInput, batchIdFromUrl: string): RuleOutput {
  if (transportErrors(ex, PORTAL, bodyErrors)) return {}; // a failed poll says nothing about the batch
  const body = obj(ex.responseBody);
  const batchId = idStr(body.batch_id) ?? batchIdFromUrl;
  const jobStatus = batchStatus(body.status);
  const results = arr(body.result ?? body.results).map(obj);
  if (results.length === 0) {
    if (jobStatus === 'pending') return {};
    const why = text(obj(body.status).description) ?? 'Failed';
    return {
      jobs: [
        {
          platform: 'takealot',
          jobId: batchId,
          status: jobStatus,
          observedAt: ex.observedAt,
          errors:
            jobStatus === 'failed'
              ? [{ message: `Takealot reports the batch as "${why}" without per-item reasons.`, code: 'BATCH_FAILED' }]
              : [],
        },
      ],
    };
  }
  const drafts = results.map((r, i): RecordDraft => {
    const offer = obj(r.offer);
    const errors = validationErrors(r.validation_errors);
    const d: RecordDraft = {
      key: `job:${batchId}:${itemKey({}, offer, i)}`,
      platform: 'takealot',
      kind: 'import',
      status: errors.length > 0 ? 'failed' : jobStatus === 'failed' ? 'failed' : 'success',
      observedAt: ex.observedAt,
      errors:
        errors.length > 0 || jobStatus !== 'failed'
          ? errors
          : [{ message: 'Takealot reports this batch as failed.', code: 'BATCH_FAILED' }],
      changes: [],
      jobId: batchId,
    };
    const productId = idStr(offer.offer_id);
    const sku = idStr(offer.sku);
    const title = text(offer.title, 500);
    const link = listingUrl(offer);
    if (ctx.storeId) d.storeId = ctx.storeId;
    if (productId) d.productId = productId;
    if (sku) d.sku = sku;
    if (title) d.title = title;
    if (link) d.listingUrl = link;
    return d;
  });
  return { drafts };
}

const seg = (input: RuleInput, re: RegExp): string | undefined => re.exec(input.url.pathname)?.[1];

const rules: CaptureRule[] = [
  {
    ...ROUTES.sellerIdentity,
    parse: ({ ex }) => {
      const storeId = idStr(obj(ex.responseBody).seller_id);
      return ex.status >= 200 && ex.status < 300 && storeId ? { learned: { storeId } } : {};
    },
  },
  {
    ...ROUTES.v2OfferWrite,
    parse: (i) => offerWrite(i, 'v2', seg(i, /^\/v2\/offers\/offer\/([^/]+)/)),
  },
  {
    ...ROUTES.v1OfferCreate,
    parse: (i) => offerWrite(i, 'v1-id'),
  },
  {
    ...ROUTES.v1OfferUpdate,
    parse: (i) => {
      const bySku = seg(i, /^\/v1\/offers\/by_sku\/([^/]+)/);
      if (bySku) return offerWrite(i, 'v1-sku', bySku);
      const byBarcode = seg(i, /^\/v1\/offers\/by_barcode\/([^/]+)/);
      if (byBarcode) return offerWrite(i, 'v1-barcode', byBarcode);
      return offerWrite(i, 'v1-id', seg(i, /^\/v1\/offers\/([^/]+)/));
    },
  },
  {
    ...ROUTES.batchCreate,
    parse: batchCreate,
  },
  {
    ...ROUTES.batchStatus,
    parse: (i) => batchResult(i, seg(i, /\/batch\/([^/]+)/) ?? ''),
  },
];

export const takealot: PlatformModule = {
  platform: 'takealot',
  routes: takealotRoutes,
  rules,
  pageListing: (page) => {
    const draftId = draftIdOf(page);
    return draftId ? { term: draftId, label: `Takealot draft ${draftId}` } : undefined;
  },
  // The single-product form is where a draft's errors are fixed (PORTALS.md, M).
  fixUrl: (r) => (r.draftId && /^\d+$/.test(r.draftId) ? `https://sellers.takealot.com/single-product/${r.draftId}` : undefined),
};
