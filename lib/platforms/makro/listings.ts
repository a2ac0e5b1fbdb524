import type { Change, RecordDraft, RecordError, Status } from '../../records/record';
import type { RuleInput, RuleOutput } from '../types';
import { arr, idStr, isObj, obj, text, transportErrors, transportStatus } from '../util';
import { bodyErrors, entries, failureErrors, groupErrors } from './errors';
import {
  attributeChanges,
  draftOf,
  fsnOf,
  type Ids,
  listingIdOf,
  listingUrlOf,
  PORTAL,
  statusWord,
  unknownShape,
  unwrapId,
  withLearned,
} from './shared';

/**
 * Listing attributes a seller would recognise from the "Selling information" form (SKU, status,
 * base price = `mrp`, selling price, order quantities, fulfilment, pick-pack SLA, stock).
 * Anything else in `attributeValues` (manufacturer/packer addresses, HSN, packages…) is dropped.
 */
export const LISTING_FIELDS = [
  'sku_id',
  'listing_status',
  'mrp',
  'flipkart_selling_price',
  'selling_price',
  'minimum_order_quantity',
  'maximum_order_quantity',
  'stock_size',
  'fulfilled_by',
  'service_profile',
  'procurement_type',
  'procurement_sla',
  'shipping_days',
] as const;

/** Catalogue attributes of a new product that name it for the seller. */
export const CATALOG_FIELDS = ['brand', 'model_name', 'model_number', 'color'] as const;

/* ------------------------------------------------------------------------------------------ */
/* POST /napi/listing/create-update-listings: one record per item (PORTALS.md, M).            */
/* ------------------------------------------------------------------------------------------ */

interface SentItem {
  index: number;
  sku?: string;
  productId?: string;
  changes: Change[];
}

interface ReportedItem {
  index: number;
  sku?: string;
  listingId?: string;
  fsn?: string;
  title?: string;
  status?: string;
  errors: RecordError[];
}

/** What the seller sent; undefined when the tap could not read the request (we do not know). */
function sentItems(body: unknown): SentItem[] | undefined {
  if (body === undefined) return undefined;
  const list = Array.isArray(body) ? body : arr(obj(body).bulkRequests);
  return list.flatMap((x, index): SentItem[] => {
    if (!isObj(x)) return [];
    const attrs = obj(x.attributeValues);
    const item: SentItem = { index, changes: attributeChanges(attrs, LISTING_FIELDS) };
    const sku = idStr(x.skuId) ?? unwrapId(attrs.sku_id);
    const productId = idStr(x.productId);
    if (sku) item.sku = sku;
    if (productId) item.productId = productId;
    return [item];
  });
}

function reportedItem(r: Record<string, unknown>, index: number): ReportedItem {
  const item: ReportedItem = { index, errors: [...entries(r.globalErrors), ...groupErrors(r.attributeErrors), ...entries(r.errors)] };
  const sku = idStr(r.skuID) ?? idStr(r.skuId) ?? idStr(r.sku_id);
  const listingId = listingIdOf(r.listingID) ?? listingIdOf(r.listingId);
  const fsn = fsnOf(r.productId) ?? fsnOf(r.fsn);
  const title = text(r.title, 500);
  const status = statusWord(r.status);
  if (sku) item.sku = sku;
  if (listingId) item.listingId = listingId;
  if (fsn) item.fsn = fsn;
  if (title) item.title = title;
  if (status) item.status = status;
  return item;
}

/** Item statuses that mean the listing was written (`created` / `updated` per PORTALS.md). */
const ITEM_OK = /^(created|updated|success|successful|ok|no_change|unchanged)$/i;
/** Request statuses whose items carry their own outcome. */
const REQUEST_OK = /^(success|partial_success|partial)$/i;

export function listingsWrite(input: RuleInput): RuleOutput {
  const { ex } = input;
  const sent = sentItems(ex.requestBody);
  const failure = transportErrors(ex, PORTAL, bodyErrors);
  const result = obj(obj(ex.responseBody).result);
  const word = statusWord(result.status);
  const list = result.bulkResponse;
  const reported = Array.isArray(list) ? list.flatMap((r, i) => (isObj(r) ? [reportedItem(r, i)] : [])) : [];

  // Match each answer to the item it answers: by SKU (`skuID`), else by position when it names none.
  const answerOf = new Map<SentItem, ReportedItem>();
  const extras: ReportedItem[] = [];
  for (const got of reported) {
    const free = (s: SentItem): boolean => !answerOf.has(s);
    const match = got.sku ? sent?.find((s) => free(s) && s.sku === got.sku) : sent?.find((s) => free(s) && s.index === got.index && !s.sku);
    if (match) answerOf.set(match, got);
    else extras.push(got);
  }

  const outcome = (got: ReportedItem | undefined): { status: Status; errors: RecordError[] } => {
    if (failure) return { status: transportStatus(ex), errors: failure };
    if (word !== undefined && !REQUEST_OK.test(word)) {
      // The whole request was refused: every item sent failed (PORTALS.md "Across all three": a 200 can carry errors).
      const errors = [...(got?.errors ?? []), ...failureErrors(result)];
      return {
        status: 'failed',
        errors:
          errors.length > 0
            ? errors
            : [{ message: `Makro did not accept the request (status "${word}") and gave no reason.`, code: 'REQUEST_FAILED' }],
      };
    }
    if (word === undefined || (list !== undefined && list !== null && !Array.isArray(list))) {
      return { status: 'pending', errors: [unknownShape('listing')] };
    }
    if (!got) {
      // A success without per-item detail covers every item; one that leaves an item out says nothing about it.
      return Array.isArray(list)
        ? {
            status: 'pending',
            errors: [
              {
                message: 'Makro accepted the request but did not report on this SKU: check the listing in the portal.',
                code: 'NO_ITEM_RESULT',
              },
            ],
          }
        : { status: 'success', errors: [] };
    }
    if (got.errors.length > 0) return { status: 'failed', errors: got.errors };
    // The live latch-on answer is `{skuID}` alone (no status): no errors under a success is a success.
    if (!got.status || ITEM_OK.test(got.status)) return { status: 'success', errors: [] };
    return {
      status: 'failed',
      errors: [{ message: `Makro answered "${got.status}" for this SKU without a reason.`, code: 'ITEM_NOT_SAVED' }],
    };
  };

  const recordOf = (s: SentItem | undefined, got: ReportedItem | undefined, fallback: string): RecordDraft => {
    const sku = got?.sku ?? s?.sku;
    const fsn = fsnOf(s?.productId) ?? got?.fsn;
    const { status, errors } = outcome(got);
    const ids: Ids = {};
    const productId = got?.listingId ?? s?.productId ?? fsn;
    const listingUrl = listingUrlOf(fsn);
    if (productId) ids.productId = productId;
    if (sku) ids.sku = sku;
    if (got?.title) ids.title = got.title;
    if (listingUrl) ids.listingUrl = listingUrl;
    return draftOf(input, `cap:${ex.captureId}:${sku ? `sku:${sku}` : fallback}`, status, errors, s?.changes ?? [], ids);
  };

  const drafts = [
    ...(sent ?? []).map((s) => recordOf(s, answerOf.get(s), `#${s.index}`)),
    ...extras.map((got) => recordOf(undefined, got, `#r${got.index}`)),
  ];
  // A write whose body we could not read, with nothing per item to show: still say what went wrong.
  const wentWrong = failure !== undefined || word === undefined || !REQUEST_OK.test(word);
  if (drafts.length === 0 && (sent === undefined || sent.length === 0) && wentWrong) {
    const { status, errors } = outcome(undefined);
    drafts.push(draftOf(input, `cap:${ex.captureId}`, status, errors, [], {}));
  }
  return withLearned(input, { drafts });
}
