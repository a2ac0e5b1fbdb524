import type { RecordDraft, Status } from '../../records/record';
import type { RuleInput, RuleOutput } from '../types';
import { arr, idStr, obj, pickChanges, text, transportErrors, transportStatus } from '../util';
import { bodyErrors, CHANGE_FIELDS, listingUrl, PORTAL, seg, validationErrors } from './shared';

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

export function batchCreate({ ex, ctx }: RuleInput): RuleOutput {
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

/**
 * A batch's status. v2: `{id, description}`, id 4 "Success" and 5 "Failed" seen in a client (L
 * for other ids). Marketplace API v1: a plain string, `pending`, `processing`, `success` or
 * `failed` (PORTALS.md "What third parties saw… Takealot", M-). Anything else is still running.
 */
export function batchStatus(status: unknown): Status {
  const s = obj(status);
  const word = typeof status === 'string' ? status : typeof s.description === 'string' ? s.description : '';
  const w = word.toLowerCase();
  if (s.id === 5 || /fail|error/.test(w)) return 'failed';
  if (s.id === 4 || /success|complete/.test(w)) return 'success';
  return 'pending';
}

/** What the status calls itself, for a reason: `"Failed"`, `"failed"`. */
const statusName = (status: unknown): string | undefined => text(status, 100) ?? text(obj(status).description, 100);

function batchResult({ ex, ctx }: RuleInput, batchIdFromUrl: string): RuleOutput {
  if (transportErrors(ex, PORTAL, bodyErrors)) return {}; // a failed poll says nothing about the batch
  const body = obj(ex.responseBody);
  const batchId = idStr(body.batch_id) ?? batchIdFromUrl;
  const jobStatus = batchStatus(body.status);
  const results = arr(body.result ?? body.results).map(obj);
  if (results.length === 0) {
    if (jobStatus === 'pending') return {};
    const why = statusName(body.status) ?? 'Failed';
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

export const batchStatusPoll = (i: RuleInput): RuleOutput => batchResult(i, seg(i, /\/batch\/([^/]+)/) ?? '');
