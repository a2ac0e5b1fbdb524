import type { PlatformRoutes, RouteSpec } from '../routing';

/** Shopify's admin hosts and GraphQL endpoints (docs/PORTALS.md "Shopify"). */
export const ADMIN_HOST = /^admin\.shopify\.com$/;
export const STORE_HOST = /^([a-z0-9][a-z0-9-]*)\.myshopify\.com$/;
/** The admin web app's GraphQL endpoint: `/api/shopify/{handle}?operation=…&type=mutation|query`. */
export const ADMIN_GRAPHQL = /^\/api\/shopify\/([a-z0-9][a-z0-9-]*)\/?$/;
/** The legacy admin's GraphQL endpoint on `{handle}.myshopify.com`. */
export const CORE_GRAPHQL = /^\/admin\/internal\/web\/graphql\/core\/?$/;
/** The public Admin API GraphQL endpoint (either host). */
export const PUBLIC_GRAPHQL = /^\/admin\/api\/(?:\d{4}-\d{2}|unstable)\/graphql\.json$/;

/**
 * Which admin GraphQL requests have their bodies read. The admin fires a great many queries
 * (`type=query`), and reading each body costs the page a clone and a parse, so a query is read
 * only when its operation name plausibly polls an operation (`ProductOperation`, `BulkOperation…`,
 * `CurrentBulkOperation`, `Node…`). Trade-off: a status poll under another name is not read, and
 * its pending record stays pending until the seller revisits a page that polls by a known name.
 * Without `type`, the body decides.
 */
function readsAdminRequest(url: URL): boolean {
  if (url.searchParams.get('type') !== 'query') return true;
  const op = url.searchParams.get('operation') ?? '';
  return /operation|bulk|node/i.test(op);
}

export const ROUTES = {
  adminGraphql: { name: 'shopify/admin-graphql', methods: ['POST'], host: ADMIN_HOST, path: ADMIN_GRAPHQL, accept: readsAdminRequest },
  legacyAdminGraphql: { name: 'shopify/legacy-admin-graphql', methods: ['POST'], host: STORE_HOST, path: CORE_GRAPHQL },
  adminApiGraphql: {
    name: 'shopify/admin-api-graphql',
    methods: ['POST'],
    host: /^(admin\.shopify\.com|[a-z0-9][a-z0-9-]*\.myshopify\.com)$/,
    path: PUBLIC_GRAPHQL,
  },
} as const satisfies Record<string, RouteSpec>;

/**
 * The portal API, where a write no rule took is counted as unrecognised. Narrow on purpose:
 * the admin also POSTs analytics and telemetry, which are not listing writes. Queries
 * (`type=query`) that `readsAdminRequest` skips are reads, never counted.
 */
function isApi(url: URL): boolean {
  if (ADMIN_HOST.test(url.hostname)) {
    return (ADMIN_GRAPHQL.test(url.pathname) && url.searchParams.get('type') !== 'query') || PUBLIC_GRAPHQL.test(url.pathname);
  }
  return STORE_HOST.test(url.hostname) && (url.pathname.startsWith('/admin/api/') || CORE_GRAPHQL.test(url.pathname));
}

export const shopifyRoutes: PlatformRoutes = {
  platform: 'shopify',
  portalMatches: ['https://admin.shopify.com/*', 'https://*.myshopify.com/admin*'],
  hosts: ['admin.shopify.com'],
  hostSuffixes: ['myshopify.com'],
  routes: Object.values(ROUTES),
  isApi,
};
