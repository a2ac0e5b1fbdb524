import type { PlatformPages, RecordLinkFields } from '../types';
import { adminBase, HANDLE, productPage } from './common';

const handleOf = (r: RecordLinkFields): string | undefined => (r.storeId && HANDLE.test(r.storeId) ? r.storeId : undefined);

/** Shopify's pages as the views use them (no parsers: lib/platforms/pages.ts). */
export const shopifyPages: PlatformPages = {
  platform: 'shopify',
  // A product page in the admin, current or legacy (PORTALS.md, H).
  pageListing: (page) => {
    const id =
      /^\/store\/[^/]+\/products\/(\d+)/.exec(page.pathname)?.[1] ??
      (page.hostname.endsWith('.myshopify.com') ? /^\/admin\/products\/(\d+)/.exec(page.pathname)?.[1] : undefined);
    return id ? { term: id, label: `Shopify product ${id}` } : undefined;
  },
  // The product's page in the admin, where the seller fixes it and saves again; else the list.
  fixUrl: (r) => {
    const base = adminBase(handleOf(r));
    return base ? (productPage(handleOf(r), r.productId) ?? `${base}/products`) : undefined;
  },
  // A report names no store: `{store}` for the handle in the host or the path.
  reportEndpoint: (endpoint) =>
    endpoint
      .replace(/^[a-z0-9][a-z0-9-]*\.myshopify\.com(?=\/|$)/, '{store}.myshopify.com')
      .replace(/^(admin\.shopify\.com\/api\/operations\/[^/]+\/[^/]+\/[^/]+\/)[^/]+/, '$1{store}')
      .replace(/^(admin\.shopify\.com\/(?:api\/shopify|store)\/)[^/]+/, '$1{store}'),
  // The admin has no page per bulk operation or job for sellers: its products list (or the
  // product, for a productSet operation) is where the result shows, and where the admin polls from.
  statusUrl: (r) => {
    const base = adminBase(handleOf(r));
    if (!base || !r.jobId) return undefined;
    return productPage(handleOf(r), r.productId) ?? `${base}/products`;
  },
};
