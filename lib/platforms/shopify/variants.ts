import type { Change } from '../../records/record';
import { arr, idStr, obj, text } from '../util';
import { type Facts, productNum, short } from './common';

/**
 * Variants: `productVariantsBulkUpdate` (H), the admin's `ProductVariantUpdate` persisted
 * operation (M-: its answer holds a `productVariant`), and the variants inside a product input.
 */

/** Variant input fields a seller recognises. Anything else in `variables` is dropped. */
const VARIANT_FIELDS = ['sku', 'price', 'compareAtPrice', 'barcode', 'inventoryQuantity'] as const;
/** Keeps a `variants` change under the 4 000-byte cap lib/records/validate.ts puts on one change value. */
const MAX_CHANGE_JSON = 3000;

export const skuOfVariant = (v: Record<string, unknown>): string | undefined => idStr(v.sku) ?? idStr(obj(v.inventoryItem).sku);

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
export function variantsChange(x: unknown): Change | undefined {
  const list = arr(x)
    .map(obj)
    .map(pickVariant)
    .filter((v) => Object.keys(v).length > 0)
    .slice(0, 100);
  while (list.length > 0 && JSON.stringify(list).length > MAX_CHANGE_JSON) list.pop();
  return list.length > 0 ? { field: 'variants', value: list } : undefined;
}

/** Variants of a returned product: `{nodes: […]}`, `{edges: [{node}]}` or a bare list. */
export const variantList = (x: unknown): Record<string, unknown>[] => {
  if (Array.isArray(x)) return x.map(obj);
  const v = obj(x);
  return [...arr(v.nodes).map(obj), ...arr(v.edges).map((e) => obj(obj(e).node))];
};

/** What a list of variant inputs says: their SKUs, the allowlisted change, and the product they belong to. */
export function variantFacts(variants: unknown, productId: unknown): Facts {
  const list = arr(variants).map(obj);
  const change = variantsChange(list);
  const f: Facts = { skus: list.map(skuOfVariant).filter((s): s is string => !!s), changes: change ? [change] : [] };
  const id = productNum(productId) ?? list.map((v) => productNum(v.productId) ?? productNum(obj(v.product).id)).find(Boolean);
  if (id) f.productId = id;
  return f;
}
