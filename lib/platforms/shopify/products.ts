import type { Change } from '../../records/record';
import { arr, idStr, isObj, obj, text } from '../util';
import { categoryOf, type Facts, type Found, productNum, short } from './common';
import { argValue, type Call } from './document';
import { skuOfVariant, variantFacts, variantList, variantsChange } from './variants';

/**
 * Product writes: `productCreate`, `productUpdate`, `productSet` (H), and the current admin's
 * persisted operations `ProductSaveUpdate` (answers `productUpdate`), `CreateProduct` (answers
 * `productCreate`) and `ProductVariantUpdate` (M-, PORTALS.md "Shopify admin: persisted operations").
 */

/** Product input fields a seller recognises. Anything else in `variables` is dropped. */
const PRODUCT_FIELDS = ['title', 'handle', 'status', 'vendor', 'productType', 'tags', 'descriptionHtml', 'category'] as const;
const MAX_PRODUCT_IDS = 50;

export function productChanges(input: Record<string, unknown>): Change[] {
  const out: Change[] = [];
  for (const f of PRODUCT_FIELDS) {
    const v = input[f];
    if (f === 'tags') {
      const tags = (typeof v === 'string' ? v.split(',') : arr(v)).map((t) => text(t, 100)).filter((t): t is string => !!t);
      if (tags.length > 0) out.push({ field: f, value: tags.slice(0, 50) });
    } else if (f === 'descriptionHtml') {
      const d = text(v, 300);
      if (d) out.push({ field: f, value: d });
    } else {
      const val = short(v, 300);
      if (val !== undefined) out.push({ field: f, value: val });
    }
  }
  const variants = variantsChange(input.variants);
  if (variants) out.push(variants);
  return out;
}

/** A product input (`product:`/`input:`): its id, title, category, SKUs and allowlisted changes. */
function inputFacts(input: Record<string, unknown>, otherId?: unknown): Facts {
  const f: Facts = {
    skus: arr(input.variants)
      .map(obj)
      .map(skuOfVariant)
      .filter((s): s is string => !!s),
    changes: productChanges(input),
  };
  const productId = productNum(input.id) ?? productNum(otherId);
  const title = text(input.title, 500);
  const categoryId = categoryOf(input.category);
  if (productId) f.productId = productId;
  if (title) f.title = title;
  if (categoryId) f.categoryId = categoryId;
  return f;
}

/** What the request of a documented field says: the product written, and the allowlisted fields sent. */
export function requestFacts(call: Call, vars: Record<string, unknown>): Facts {
  if (call.field === 'bulkOperationRunMutation') return { skus: [], changes: [] };
  if (call.field === 'other') return variablesFacts(vars);
  if (call.field === 'productVariantsBulkUpdate') return variantFacts(argValue(call, 'variants', vars), argValue(call, 'productId', vars));
  // productCreate/productUpdate take `product:` (2024-10+) or `input:` (older); productSet takes `input:`.
  const input = obj(
    argValue(call, call.field === 'productSet' ? 'input' : 'product', vars) ??
      argValue(call, call.field === 'productSet' ? 'product' : 'input', vars),
  );
  return inputFacts(input, obj(argValue(call, 'identifier', vars)).id);
}

/**
 * Without query text (a persisted operation), "what was sent" is read from `variables` by the
 * names the admin uses (M-): `product`/`input` (a product input), `variants` or `productVariant`
 * (variant inputs), `productId`, and for a bulk status change `productIds` with `status`.
 * The same allowlists apply: `workflow`, `publicationsToPublish`, metafields and the rest are dropped.
 */
export function variablesFacts(vars: Record<string, unknown>): Facts {
  const input = obj(vars.product ?? vars.input);
  const single = vars.productVariant ?? vars.variant;
  const variants = vars.variants ?? (isObj(single) ? [single] : undefined);
  const ids = arr(vars.productIds)
    .map(productNum)
    .filter((id): id is string => !!id);
  if (Object.keys(input).length === 0 && variants !== undefined) {
    return variantFacts(variants, vars.productId ?? (isObj(single) ? (single.productId ?? obj(single.product).id) : undefined));
  }
  const f = inputFacts(input, vars.productId ?? (ids.length === 1 ? ids[0] : undefined));
  const status = short(vars.status, 50);
  if (status !== undefined && !f.changes.some((c) => c.field === 'status')) f.changes.push({ field: 'status', value: status });
  if (ids.length > 0) f.changes.push({ field: 'products', value: ids.slice(0, MAX_PRODUCT_IDS) });
  return f;
}

/** What a returned product says. */
export function productFacts(product: unknown, variants?: unknown): Found {
  const p = obj(product);
  const f: Found = {
    skus: [...variantList(p.variants), ...arr(variants).map(obj)].map(skuOfVariant).filter((s): s is string => !!s),
  };
  const productId =
    productNum(p.id) ??
    arr(variants)
      .map((v) => productNum(obj(obj(v).product).id))
      .find(Boolean);
  const title = text(p.title, 500);
  const categoryId = categoryOf(p.category);
  if (productId) f.productId = productId;
  if (title) f.title = title;
  if (categoryId) f.categoryId = categoryId;
  return f;
}

/** What a product write's payload returns: `product`, `productVariant` (with its `product`) or `productVariants`. */
export function payloadFacts(payload: Record<string, unknown>): Found {
  const variant = obj(payload.productVariant);
  const variants = [...arr(payload.productVariants), ...(isObj(payload.productVariant) ? [variant] : [])];
  return productFacts(payload.product ?? variant.product, variants);
}

/** Objects that carry what a product write wrote. */
const CARRIERS = ['product', 'productVariant', 'productVariants', 'job'] as const;
const WRITTEN_GID = /^gid:\/\/shopify\/(?:Product|ProductVariant|Job)\/[0-9A-Za-z-]{1,64}$/;
const ABOUT_PRODUCTS = /product|variant/i;

/**
 * Whether `data[key]` is a product write, by what the answer says (PORTALS.md, M-): an object
 * holding `userErrors` beside a `product`, `productVariant`, `productVariants` or `job` whose id is
 * a `gid://shopify/…` of a product, variant or job. The field or operation name is the second
 * signal: it must be about products for a `job` (other mutations run jobs too; a job with a bad
 * id is then still a product write, pending with the reason), and it alone vouches for a carrier
 * that is `null` (a refused write returns no product).
 */
export function isProductWrite(key: string, payload: unknown, operation: string | undefined): boolean {
  if (!isObj(payload) || !Array.isArray(payload.userErrors)) return false;
  const named = ABOUT_PRODUCTS.test(key) || ABOUT_PRODUCTS.test(operation ?? '');
  for (const c of CARRIERS) {
    if (!(c in payload)) continue;
    const v = payload[c];
    const ids = (Array.isArray(v) ? v : [v]).map((x) => idStr(obj(x).id));
    const hasGid = ids.some((id) => id !== undefined && WRITTEN_GID.test(id));
    if (c === 'job' ? named && (hasGid || v === null || isObj(v)) : hasGid || (v === null && named)) return true;
  }
  return false;
}

/** A payload holding `userErrors`: the Admin API's mark of a mutation's answer (H). */
export const isMutationPayload = (payload: unknown): boolean => isObj(payload) && Array.isArray(payload.userErrors);
