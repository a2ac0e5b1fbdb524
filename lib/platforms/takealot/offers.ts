import type { RecordDraft } from '../../records/record';
import type { RuleInput, RuleOutput } from '../types';
import { idStr, isObj, obj, pickChanges, text, writeOutcome } from '../util';
import { bodyErrors, CHANGE_FIELDS, draftIdOf, listingUrl, PORTAL, seg, validationErrors } from './shared';

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

export function offerWrite(input: RuleInput, style: Parameters<typeof identifierIds>[1], identifier?: string): RuleOutput {
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

/** `PATCH /v2/offers/offer/{identifier}` (or `/1/…`, the portal's own path version), or a POST creating one. */
export const v2OfferWrite = (i: RuleInput): RuleOutput => offerWrite(i, 'v2', seg(i, /^\/(?:v2|1)\/offers\/offer\/([^/]+)/));

export const v1OfferCreate = (i: RuleInput): RuleOutput => offerWrite(i, 'v1-id');

export function v1OfferUpdate(i: RuleInput): RuleOutput {
  const bySku = seg(i, /^\/v1\/offers\/by_sku\/([^/]+)/);
  if (bySku) return offerWrite(i, 'v1-sku', bySku);
  const byBarcode = seg(i, /^\/v1\/offers\/by_barcode\/([^/]+)/);
  if (byBarcode) return offerWrite(i, 'v1-barcode', byBarcode);
  return offerWrite(i, 'v1-id', seg(i, /^\/v1\/offers\/([^/]+)/));
}
