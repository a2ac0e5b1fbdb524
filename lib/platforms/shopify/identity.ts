import type { LinkShape, PlatformIdentity } from '../types';

const HANDLE = '[a-z0-9][a-z0-9-]{0,99}';

/** The Record ID prefix of Shopify records (`SHP-…`): shipped ids carry it, so it never changes. */
export const shopifyIdPrefix = 'SHP';

/** The links Shopify records may hold and the extension may open (lib/records/links.ts; the content script's check too). */
export const shopifyLinks: readonly LinkShape[] = [
  { kind: 'listing', host: /^admin\.shopify\.com$/, path: new RegExp(`^/store/${HANDLE}/products/\\d{1,30}$`) },
  { kind: 'listing', host: new RegExp(`^${HANDLE}\\.myshopify\\.com$`), path: /^\/admin\/products\/\d{1,30}$/ },
  // The product's page in the store's own storefront (`/products/{product-handle}`).
  { kind: 'listing', host: new RegExp(`^${HANDLE}\\.myshopify\\.com$`), path: /^\/products\/[a-z0-9][a-z0-9-]{0,254}$/ },
  { kind: 'portal', host: /^admin\.shopify\.com$/, path: new RegExp(`^/store/${HANDLE}/products$`) },
  { kind: 'portal', host: new RegExp(`^${HANDLE}\\.myshopify\\.com$`), path: /^\/admin\/products$/ },
];

/**
 * Shopify's name, Record ID prefix, link shapes and guidance (docs/PORTALS.md "Shopify", H):
 * a product (or the product list) in the admin, current (`admin.shopify.com/store/{handle}/…`)
 * or legacy (`{handle}.myshopify.com/admin/…`), and the product's storefront page. Nothing else
 * on a store's host is a link: not its login page, not its account pages.
 */
export const shopifyIdentity: PlatformIdentity = {
  platform: 'shopify',
  label: 'Shopify',
  idPrefix: shopifyIdPrefix,
  links: shopifyLinks,
  guidance: {
    overrides: {
      duplicate: 'Another product or variant already uses this handle, SKU or barcode. Search the admin for it, then change one of them.',
    },
  },
};
