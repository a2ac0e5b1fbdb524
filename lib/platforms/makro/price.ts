import type { Change } from '../../records/record';
import type { RuleInput, RuleOutput } from '../types';
import { arr, idStr, obj } from '../util';
import { amount, type EditItem, editRecords, fsnIn, skuMap } from './edits';
import { withLearned } from './shared';

/**
 * A price edit (Listings › Edit › Change price › Save):
 * `POST /napi/listing/updateSellingPrice?warningConfirmed=false&userName=…` with
 * `{listingUpdate: {<sku>: {product_id: <FSN>, price: {mrp, selling_price, currency}}}, priceRecoUpdate: {}}`
 * (docs/PORTALS.md "What third parties saw… Makro", M-). The `sfx/` variant of the path is the same
 * service behind the newer listings pages (the stock edit lives there); its body is assumed to be
 * the same (L). `userName` is the seller's login (an email): this rule reads the body and the
 * `sellerId` parameter only, never `userName`.
 *
 * HYPOTHESIS (L): the success body is not documented. A 2xx with no error groups is a success;
 * an answer keyed by SKU (`{<sku>: {status | message}}`) is read per SKU when present; a 2xx that
 * lists `warnings` (the `warningConfirmed=false` round trip) is pending, since the portal saves
 * only once the seller confirms.
 */
const PRICE_FIELDS = ['mrp', 'selling_price', 'currency'] as const;

function priceItems(body: unknown): EditItem[] {
  return skuMap(obj(body).listingUpdate).map(([sku, v]) => {
    const price = obj(v.price);
    const changes: Change[] = [];
    for (const field of PRICE_FIELDS) {
      const value = field === 'currency' ? idStr(price[field]) : amount(price[field]);
      if (value !== undefined && (field !== 'currency' || /^[A-Z]{3}$/.test(String(value)))) changes.push({ field, value });
    }
    const item: EditItem = { sku, changes };
    const fsn = fsnIn(v);
    if (fsn) item.fsn = fsn;
    return item;
  });
}

export function priceEdit(input: RuleInput): RuleOutput {
  const items = priceItems(input.ex.requestBody);
  const drafts = editRecords(input, items, 'price', (body) =>
    arr(body.warnings).length > 0 || arr(body.warningMessages).length > 0
      ? {
          status: 'pending',
          errors: [
            { message: 'Makro asked to confirm this price before saving it: check the listing in the portal.', code: 'PRICE_WARNING' },
          ],
        }
      : { status: 'success', errors: [] },
  );
  return withLearned(input, { drafts });
}
