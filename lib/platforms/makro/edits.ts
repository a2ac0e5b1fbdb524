import type { Change, RecordDraft, RecordError, Status } from '../../records/record';
import type { RuleInput } from '../types';
import { idStr, isObj, obj, transportErrors, transportStatus } from '../util';
import { bodyErrors, errorDetailsErrors, failureErrors, listedErrors } from './errors';
import { draftOf, fsnOf, type Ids, listingUrlOf, MAX_ITEMS, PORTAL, saysFailure, statusWord } from './shared';

/**
 * What price and stock edits share: the request is a map from the seller's SKU to what changes
 * on that listing, and the answer (when it says anything per SKU) a map from the SKU to how it
 * went. One `publish` record per SKU, with the FSN as Product ID and the new values as changes.
 */
export interface EditItem {
  sku: string;
  fsn?: string;
  changes: Change[];
}

/** The SKU-keyed entries of a map, capped. */
export function skuMap(x: unknown): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  for (const [k, v] of Object.entries(obj(x))) {
    const sku = idStr(k);
    if (sku && isObj(v)) out.push([sku, v]);
    if (out.length >= MAX_ITEMS) break;
  }
  return out;
}

/** The answer for one SKU: at the top of the body, or under `result`/`response`/`data`. */
function answerFor(body: Record<string, unknown>, sku: string): Record<string, unknown> | undefined {
  for (const o of [body, obj(body.result), obj(body.response), obj(body.data)]) {
    const v = Object.hasOwn(o, sku) ? o[sku] : undefined;
    if (isObj(v)) return v;
  }
  return undefined;
}

const ITEM_OK = /^(success|successful|ok|updated|done)$/i;

/** One SKU's answer: `{status: "SUCCESS"}`, or a failure status, or a `message`/errors without one. */
function itemOutcome(a: Record<string, unknown>): { status: Status; errors: RecordError[] } | undefined {
  const word = statusWord(a.status);
  if (word && ITEM_OK.test(word)) return { status: 'success', errors: [] };
  const errors = [...errorDetailsErrors(a.errorDetails), ...failureErrors(a)];
  if (errors.length > 0) return { status: 'failed', errors };
  if (word)
    return { status: 'failed', errors: [{ message: `Makro answered "${word}" for this SKU without a reason.`, code: 'ITEM_NOT_SAVED' }] };
  return undefined;
}

/**
 * The records of an edit. The transport's failure (a 412 with `error.errorDetails` included) fails
 * every SKU sent; errors the body lists for the whole request fail them too; else each SKU takes
 * its own answer, and a 2xx that says nothing per SKU is a success (`whenSilent`).
 */
export function editRecords(
  input: RuleInput,
  items: EditItem[],
  what: string,
  whenSilent: (body: Record<string, unknown>) => { status: Status; errors: RecordError[] },
): RecordDraft[] {
  const { ex } = input;
  const failure = transportErrors(ex, PORTAL, bodyErrors);
  const body = obj(ex.responseBody);
  const whole = failure
    ? []
    : [...errorDetailsErrors(body.errorDetails), ...errorDetailsErrors(obj(body.error).errorDetails), ...listedErrors(body)];
  const refused = !failure && whole.length === 0 && saysFailure(statusWord(body.status));
  if (items.length === 0) {
    // The request could not be read: a refusal still leaves one record saying so (nothing per SKU to show).
    const why = failure ?? (whole.length > 0 ? whole : refused ? failureErrors(body) : undefined);
    if (!why) return [];
    const status = failure ? transportStatus(ex) : 'failed';
    const errors = why.length > 0 ? why : [{ message: `Makro did not save the ${what} and gave no reason.`, code: 'REQUEST_FAILED' }];
    return [draftOf(input, `cap:${ex.captureId}`, status, errors, [], {})];
  }
  return items.map((item) => {
    let outcome: { status: Status; errors: RecordError[] };
    if (failure) outcome = { status: transportStatus(ex), errors: failure };
    else if (whole.length > 0) outcome = { status: 'failed', errors: whole };
    else if (refused) {
      const why = failureErrors(body);
      outcome = {
        status: 'failed',
        errors: why.length > 0 ? why : [{ message: `Makro did not save the ${what} and gave no reason.`, code: 'REQUEST_FAILED' }],
      };
    } else {
      const own = answerFor(body, item.sku);
      outcome = (own && itemOutcome(own)) ?? whenSilent(body);
    }
    const ids: Ids = { sku: item.sku };
    if (item.fsn) {
      ids.productId = item.fsn;
      const link = listingUrlOf(item.fsn);
      if (link) ids.listingUrl = link;
    }
    return draftOf(input, `cap:${ex.captureId}:sku:${item.sku}`, outcome.status, outcome.errors, item.changes, ids);
  });
}

export const fsnIn = (o: Record<string, unknown>): string | undefined => fsnOf(o.product_id) ?? fsnOf(o.productId) ?? fsnOf(o.fsn);

/** A price or stock figure worth showing: a finite number, or a numeric string as the form sends it. */
export function amount(x: unknown): number | string | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? x : undefined;
  if (typeof x === 'string' && /^\s*-?\d{1,12}(\.\d{1,4})?\s*$/.test(x)) return x.trim();
  return undefined;
}
