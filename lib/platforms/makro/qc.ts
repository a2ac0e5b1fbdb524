import type { RecordDraft, RecordError, Status } from '../../records/record';
import type { RuleInput, RuleOutput } from '../types';
import { arr, idStr, isObj, obj, text, transportErrors } from '../util';
import { bodyErrors, entries, errorDetailsErrors } from './errors';
import { draftOf, fsnOf, type Ids, listingIdOf, listingUrlOf, MAX_ITEMS, PORTAL, statusWord, VERTICAL, withLearned } from './shared';

/**
 * The quality-control poll: `POST /napi/listing/inProgressSingle?sellerId=…`, the list behind
 * "Listings in progress" (docs/PORTALS.md "What third parties saw… Makro", M-). Items are under
 * `content[]`; an item's draft is its `groups[0]`, with `requestId` (or `groupId`), `state` and
 * `errorDetails`. The state map comes from the portal's own listings bundle (M-):
 * - in QC (`SUBMITTED`, `FSN_CREATION_*`, `LISTING_CREATION_IN_PROGRESS`, `LISTING_REQUEST_SUBMITTED`): pending;
 * - `QC_FAILED`, `LISTING_CREATION_ERROR`: failed, with the group's `errorDetails` as reasons;
 * - `LISTING_CREATION_COMPLETED`, `COMPLETED`: live, success.
 * `DRAFT`, the in-QC states and any state not in the map settle nothing: the poll lists every
 * request of the seller, and a record is only ever settled, never invented for a request still
 * in flight. Product ids beside the state (`productId`/`fsn`, `listingId`, `vertical`, `skuId`,
 * `title`) are read when present; where they sit is not observed (L).
 */
const QC_STATES: Readonly<Record<string, Status>> = {
  SUBMITTED: 'pending',
  FSN_CREATION_IN_PROGRESS: 'pending',
  FSN_CREATION_COMPLETED: 'pending',
  LISTING_CREATION_IN_PROGRESS: 'pending',
  LISTING_REQUEST_SUBMITTED: 'pending',
  QC_FAILED: 'failed',
  LISTING_CREATION_ERROR: 'failed',
  LISTING_CREATION_COMPLETED: 'success',
  COMPLETED: 'success',
};

export const qcState = (word: string): Status | undefined => QC_STATES[word.toUpperCase()];

/** The item's id or text: in its group first, then on the item itself. */
const either = <T>(group: Record<string, unknown>, item: Record<string, unknown>, read: (o: Record<string, unknown>) => T | undefined) =>
  read(group) ?? read(item);

export function qcPoll(input: RuleInput): RuleOutput {
  const { ex } = input;
  if (transportErrors(ex, PORTAL, bodyErrors)) return {}; // a failed poll says nothing about the products
  const drafts: RecordDraft[] = [];
  for (const x of arr(obj(ex.responseBody).content).slice(0, MAX_ITEMS)) {
    if (!isObj(x)) continue;
    const group = obj(arr(x.groups)[0]);
    const requestId = idStr(group.requestId) ?? idStr(group.groupId);
    const word = statusWord(group.state);
    if (!requestId || !word) continue;
    const status = qcState(word);
    if (status === undefined || status === 'pending') continue;
    let errors: RecordError[] = [];
    if (status === 'failed') {
      errors = [...errorDetailsErrors(group.errorDetails), ...entries(group.errors)];
      if (errors.length === 0) {
        errors = [{ message: `Makro's quality check stopped this product (state "${word}") without a reason.`, code: word.toUpperCase() }];
      }
    }
    const ids: Ids = { draftId: requestId };
    const fsn = either(group, x, (o) => fsnOf(o.fsn) ?? fsnOf(o.productId));
    const productId = either(group, x, (o) => listingIdOf(o.listingId) ?? listingIdOf(o.listingID)) ?? fsn;
    const vertical = either(group, x, (o) => idStr(o.vertical));
    const sku = either(group, x, (o) => idStr(o.skuId) ?? idStr(o.sku_id));
    const title = either(group, x, (o) => text(o.title, 500));
    const listingUrl = listingUrlOf(fsn);
    if (productId) ids.productId = productId;
    if (vertical && VERTICAL.test(vertical)) ids.categoryId = vertical;
    if (sku) ids.sku = sku;
    if (title) ids.title = title;
    if (listingUrl) ids.listingUrl = listingUrl;
    drafts.push(draftOf(input, `draft:${requestId}`, status, errors, [], ids));
  }
  return withLearned(input, { drafts });
}
