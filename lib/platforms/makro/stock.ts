import type { Change } from '../../records/record';
import type { RuleInput, RuleOutput } from '../types';
import { arr, idStr, isObj } from '../util';
import { amount, type EditItem, editRecords, fsnIn, skuMap } from './edits';
import { unknownShape, withLearned } from './shared';

/**
 * A stock edit: `POST /napi/sfx/updateListingsInventory?sellerId=…&locationId=…` with
 * `{<sku>: {product_id, locations: [{id, inventory}]}}`, answered per SKU with `status: "SUCCESS"`
 * or a `message` (docs/PORTALS.md "What third parties saw… Makro", M-). One record per SKU; the
 * new stock is the change (`inventory`, or one `inventory@{location}` per location when the
 * seller has several). A 2xx that names no SKU is pending: it says nothing about them.
 */
function stockItems(body: unknown): EditItem[] {
  return skuMap(body).map(([sku, v]) => {
    const locations = arr(v.locations).filter(isObj).slice(0, 20);
    const changes: Change[] = [];
    for (const l of locations) {
      const inventory = amount(l.inventory);
      if (inventory === undefined) continue;
      const id = idStr(l.id);
      changes.push({ field: locations.length > 1 && id ? `inventory@${id}` : 'inventory', value: inventory });
    }
    const item: EditItem = { sku, changes };
    const fsn = fsnIn(v);
    if (fsn) item.fsn = fsn;
    return item;
  });
}

export function stockEdit(input: RuleInput): RuleOutput {
  const items = stockItems(input.ex.requestBody);
  const drafts = editRecords(input, items, 'stock', () => ({ status: 'pending', errors: [unknownShape('stock')] }));
  return withLearned(input, { drafts });
}
