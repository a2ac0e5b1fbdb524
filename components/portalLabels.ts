import type { IdField, Platform, SyncRecord } from '@/lib/records/record';

/**
 * The names each portal gives its ids and fields, so the record reads like the portal the
 * seller just used (docs/PORTALS.md): Takealot's offer is an "Offer ID", Makro's listing a
 * "Listing ID" (LST…) with its "FSN", Shopify's a "Product ID".
 */
export const ID_LABEL: Record<Platform, Record<IdField, string>> = {
  takealot: {
    storeId: 'Seller ID',
    productId: 'Offer ID',
    draftId: 'Draft ID',
    categoryId: 'Category',
    sku: 'SKU',
    jobId: 'Batch ID',
  },
  makro: {
    storeId: 'Seller ID',
    productId: 'Listing ID',
    draftId: 'Request ID',
    categoryId: 'Vertical',
    sku: 'SKU ID',
    jobId: 'Job ID',
  },
  shopify: {
    storeId: 'Store',
    productId: 'Product ID',
    draftId: 'Draft ID',
    categoryId: 'Category',
    sku: 'SKU',
    jobId: 'Bulk operation',
  },
};

/** A Makro listing id is `LST` + the FSN + a suffix (docs/PORTALS.md): the FSN the product page shows. */
export function makroFsn(listingId: string | undefined): string | undefined {
  const m = listingId && /^LST([A-Z0-9]{16})[A-Z0-9]*$/.exec(listingId);
  return m ? m[1] : undefined;
}

/** Portal wording for the API field names the capture rules record (Makro's attribute names, Shopify's input). */
const FIELD_LABEL: Record<string, string> = {
  // Takealot
  selling_price: 'Selling price',
  rrp: 'RRP',
  leadtime_days: 'Leadtime (days)',
  leadtime_stock: 'Leadtime stock',
  status: 'Status',
  sku: 'SKU',
  barcode: 'Barcode',
  // Makro
  sku_id: 'SKU ID',
  listing_status: 'Listing status',
  mrp: 'MRP',
  flipkart_selling_price: 'Selling price',
  minimum_order_quantity: 'Minimum order quantity',
  maximum_order_quantity: 'Maximum order quantity',
  stock_size: 'Stock',
  fulfilled_by: 'Fulfilled by',
  service_profile: 'Service profile',
  procurement_type: 'Procurement type',
  procurement_sla: 'Procurement SLA (days)',
  shipping_days: 'Shipping days',
  brand: 'Brand',
  model_name: 'Model name',
  model_number: 'Model number',
  color: 'Colour',
  // Shopify
  title: 'Title',
  descriptionHtml: 'Description',
  productType: 'Product type',
  vendor: 'Vendor',
  handle: 'URL handle',
  tags: 'Tags',
  variants: 'Variants',
  category: 'Category',
  price: 'Price',
  compareAtPrice: 'Compare-at price',
  inventoryQuantity: 'Inventory',
};

/** "Selling price" for `flipkart_selling_price`; `variants.1.barcode` → "Variants 2: Barcode"; unknown names as sent. */
export function fieldLabel(field: string): string {
  const parts = field.split('.');
  return parts
    .map((p, i) => (/^\d+$/.test(p) && i > 0 ? String(Number(p) + 1) : (FIELD_LABEL[p] ?? p)))
    .join(' ')
    .replace(/ (\d+) /g, ' $1: ');
}

/** Does a reason name this field? (`variants.1.barcode` names `variants`; case and separators aside.) */
export function reasonNamesField(r: Pick<SyncRecord, 'errors'>, field: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const f = norm(field.split('.')[0] ?? field);
  return r.errors.some((e) => e.field !== undefined && (norm(e.field.split('.')[0] ?? e.field) === f || norm(e.field) === norm(field)));
}

const PRICE = /price|rrp|mrp/i;
const fmtValue = (field: string, v: unknown, platform: Platform): string | undefined => {
  if (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '')) {
    const s = String(v).trim();
    // Takealot and Makro sell in rand; a Shopify store's currency is not recorded.
    const rand = platform !== 'shopify' && PRICE.test(field) && /^\d+(\.\d+)?$/.test(s) ? 'R' : '';
    return `${rand}${s.length > 24 ? `${s.slice(0, 23)}…` : s}`;
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return `${v.length}`;
  return undefined;
};

/** "Selling price R199 · Stock 12": what a successful write set, in the portal's words (the first few fields). */
export function changeSummary(r: Pick<SyncRecord, 'changes' | 'platform'> & { title?: string | undefined }, max = 2): string | undefined {
  const out: string[] = [];
  for (const c of r.changes) {
    if (out.length >= max) break;
    // The SKU and the title already name the row; a description is too long for it.
    if (c.field === 'sku' || c.field === 'sku_id' || c.field === 'descriptionHtml' || (c.field === 'title' && r.title)) continue;
    const v = fmtValue(c.field, c.value, r.platform);
    if (v !== undefined) out.push(`${fieldLabel(c.field)} ${v}`);
  }
  return out.length > 0 ? out.join(' · ') : undefined;
}
