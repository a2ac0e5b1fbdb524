import type { RuleInput, RuleOutput } from '../types';
import { idStr, isObj, type Outcome, obj, writeOutcome } from '../util';
import { bodyErrors, errorDetailsErrors, listedErrors } from './errors';
import { CATALOG_FIELDS, LISTING_FIELDS } from './listings';
import {
  attributeChanges,
  draftOf,
  fsnOf,
  hashParams,
  type Ids,
  listingUrlOf,
  PORTAL,
  saysFailure,
  statusWord,
  unknownShape,
  unwrapId,
  VERTICAL,
  withLearned,
} from './shared';

/* ------------------------------------------------------------------------------------------ */
/* New catalogue product: create (draft) → submit (quality control) → QC outcome.             */
/* ------------------------------------------------------------------------------------------ */

/** `requestId` at the top of a body, or inside `result`/`data`. */
const requestIdIn = (body: unknown): string | undefined => {
  const b = obj(body);
  return idStr(b.requestId) ?? idStr(obj(b.result).requestId) ?? idStr(obj(b.data).requestId);
};

/** The vertical slug (from the body or the page's hash), else the numeric `vid` if that is all there is. */
function categoryOf({ ex, url, page }: RuleInput): string | undefined {
  const hash = hashParams(page);
  const vertical = [obj(ex.requestBody).vertical, hash.get('vertical')].map(idStr).find((v) => v !== undefined && VERTICAL.test(v));
  return vertical ?? idStr(url.searchParams.get('vid')) ?? idStr(hash.get('vid')) ?? idStr(obj(ex.requestBody).vid);
}

const listingAttrsOf = (req: Record<string, unknown>): Record<string, unknown> => obj(obj(req.listingRequestEntity).listingAttributes);
const catalogAttrsOf = (req: Record<string, unknown>): Record<string, unknown> => obj(obj(req.catalogRequestEntity).catalogAttributes);

/**
 * `POST /napi/createProductV2/create?vid=…` opens a draft and answers its `requestId`
 * (fixture product-draft-create-*.json). The draft is pending: nothing is submitted yet.
 * A fresh draft lists the attributes still to fill in under `errorDetails.attributeErrors`
 * (image, size-chart and custom-attribute groups alike): that is a draft's normal state, not a
 * failure (PORTALS.md "What third parties saw… Makro", M-). Only `globalErrors`, a failure status
 * or an HTTP refusal (a 412 with `error.errorDetails`) fail it.
 */
export function draftCreate(input: RuleInput): RuleOutput {
  const { ex } = input;
  const req = obj(ex.requestBody);
  const body = obj(ex.responseBody);
  const requestId = requestIdIn(body);
  const { status, errors } = writeOutcome(ex, PORTAL, bodyErrors, (): Outcome => {
    // e.g. a gated brand refused at the start of the flow (PORTALS.md failure reasons).
    const found = [...errorDetailsErrors(body.errorDetails, false), ...listedErrors(body)];
    if (found.length > 0) return { status: 'failed', errors: found };
    if (saysFailure(statusWord(body.status))) {
      return {
        status: 'failed',
        errors: [{ message: 'Makro did not create the product draft and gave no reason.', code: 'REQUEST_FAILED' }],
      };
    }
    if (!requestId) {
      return {
        status: 'pending',
        errors: [
          isObj(ex.responseBody)
            ? { message: 'Makro answered without a draft id: this product cannot be followed to quality control.', code: 'NO_REQUEST_ID' }
            : unknownShape('product'),
        ],
      };
    }
    return { status: 'pending', errors: [] };
  });
  const ids: Ids = {};
  const categoryId = categoryOf(input);
  const sku = unwrapId(listingAttrsOf(req).sku_id);
  if (requestId) ids.draftId = requestId;
  if (categoryId) ids.categoryId = categoryId;
  if (sku) ids.sku = sku;
  // No changes here: the submit carries the attributes the seller actually sent, and the
  // store keeps the first non-empty changes it sees (lib/records/merge.ts).
  return withLearned(input, {
    drafts: [draftOf(input, requestId ? `draft:${requestId}` : `cap:${ex.captureId}`, status, errors, [], ids)],
  });
}

/**
 * `POST /napi/createProductV2/submit`: errors anywhere in `errorDetails` mean failed, in a 200 or
 * in a 412 refusal's `error.errorDetails` (M-); none means the product went to quality control,
 * which is pending, not success (PORTALS.md, M).
 * Same key as the create, so the submit updates the draft's record.
 */
export function draftSubmit(input: RuleInput): RuleOutput {
  const { ex, url, page } = input;
  const req = obj(ex.requestBody);
  const body = obj(ex.responseBody);
  const requestId =
    idStr(req.requestId) ?? idStr(url.searchParams.get('requestId')) ?? requestIdIn(body) ?? idStr(hashParams(page).get('requestId'));
  const { status, errors } = writeOutcome(ex, PORTAL, bodyErrors, (): Outcome => {
    if (!isObj(ex.responseBody)) return { status: 'pending', errors: [unknownShape('product')] };
    const found = [...errorDetailsErrors(body.errorDetails ?? obj(body.result).errorDetails), ...listedErrors(body)];
    if (found.length > 0) return { status: 'failed', errors: found };
    if (saysFailure(statusWord(body.status))) {
      return {
        status: 'failed',
        errors: [{ message: 'Makro did not accept the product for quality control and gave no reason.', code: 'REQUEST_FAILED' }],
      };
    }
    return { status: 'pending', errors: [] };
  });
  const ids: Ids = {};
  const categoryId = categoryOf(input);
  const listingAttrs = listingAttrsOf(req);
  const sku = unwrapId(listingAttrs.sku_id);
  const fsn = fsnOf(body.fsn) ?? fsnOf(body.productId);
  const listingUrl = listingUrlOf(fsn);
  if (requestId) ids.draftId = requestId;
  if (categoryId) ids.categoryId = categoryId;
  if (sku) ids.sku = sku;
  if (fsn) ids.productId = fsn;
  if (listingUrl) ids.listingUrl = listingUrl;
  const changes = [...attributeChanges(catalogAttrsOf(req), CATALOG_FIELDS), ...attributeChanges(listingAttrs, LISTING_FIELDS)];
  const draft = draftOf(input, requestId ? `draft:${requestId}` : `cap:${ex.captureId}`, status, errors, changes, ids);
  // A submit is a new attempt: submitted again after a failure, the draft is in QC again.
  draft.attempt = true;
  return withLearned(input, { drafts: [draft] });
}
