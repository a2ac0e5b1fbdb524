import { SHOPIFY_PAGES } from '../portalPages';
import { named, type PlatformMatch, platformRoutes, type RouteMatch } from '../routing';

/** Shopify's admin hosts and GraphQL endpoints (docs/PORTALS.md "Shopify"). */
export const ADMIN_HOST = /^admin\.shopify\.com$/;
export const STORE_HOST = /^([a-z0-9][a-z0-9-]*)\.myshopify\.com$/;
/**
 * The current admin's persisted operations: `/api/operations/{sha256}/{OperationName}/{service}/{store}`
 * (PORTALS.md "Shopify admin: persisted operations", M). Groups: hash, operation, service, store.
 */
export const PERSISTED = /^\/api\/operations\/([0-9a-f]{16,128})\/([A-Za-z_]\w{0,99})\/([a-z0-9_-]{1,40})\/([a-z0-9][a-z0-9-]*)\/?$/;
/** The admin web app's GraphQL endpoint: `/api/shopify/{handle}?operation=…&type=mutation|query`. */
export const ADMIN_GRAPHQL = /^\/api\/shopify\/([a-z0-9][a-z0-9-]*)\/?$/;
/** The legacy admin's GraphQL endpoint on `{handle}.myshopify.com`. */
export const CORE_GRAPHQL = /^\/admin\/internal\/web\/graphql\/core\/?$/;
/** The public Admin API GraphQL endpoint (either host). */
export const PUBLIC_GRAPHQL = /^\/admin\/api\/(?:\d{4}-\d{2}|unstable)\/graphql\.json$/;

/** An operation name that plausibly polls a background operation or job (a read worth reading). */
const POLL = /operation|bulk|node|job/i;

/**
 * Which admin GraphQL requests have their bodies read. The admin fires a great many queries
 * (`type=query`), and reading each body costs the page a clone and a parse, so a query is read
 * only when its operation name plausibly polls an operation (`ProductOperation`, `BulkOperation…`,
 * `CurrentBulkOperation`, `Node…`, `JobPoller`). Trade-off: a status poll under another name is not
 * read, and its pending record stays pending until the seller revisits a page that polls by a
 * known name. Without `type`, the body decides.
 */
function readsAdminRequest(url: URL): boolean {
  if (url.searchParams.get('type') !== 'query') return true;
  return POLL.test(url.searchParams.get('operation') ?? '');
}

/**
 * Persisted operations of the core admin (service `shopify`). A POST may be a query or a
 * mutation (nothing in the URL says which), so every POST is read and the answer decides: a
 * payload with `userErrors` is a write. A GET is a read: only a poll's name is read.
 */
const persisted =
  (poll: boolean) =>
  (url: URL): boolean => {
    const m = PERSISTED.exec(url.pathname);
    return m?.[3] === 'shopify' && (!poll || POLL.test(m[2]!));
  };

/** The requests its rules read, one match each (what the MAIN-world tap loads, by value: no names). */
const persistedOperation: RouteMatch = { methods: ['POST'], host: ADMIN_HOST, path: PERSISTED, accept: persisted(false) };
const persistedPoll: RouteMatch = { methods: ['GET'], host: ADMIN_HOST, path: PERSISTED, accept: persisted(true) };
const adminGraphql: RouteMatch = { methods: ['POST'], host: ADMIN_HOST, path: ADMIN_GRAPHQL, accept: readsAdminRequest };
const legacyAdminGraphql: RouteMatch = { methods: ['POST'], host: STORE_HOST, path: CORE_GRAPHQL };
const adminApiGraphql: RouteMatch = {
  methods: ['POST'],
  host: /^(admin\.shopify\.com|[a-z0-9][a-z0-9-]*\.myshopify\.com)$/,
  path: PUBLIC_GRAPHQL,
};

/** The routes with their capture rules' names. */
export const ROUTES = named({
  persistedOperation: [persistedOperation, 'shopify/persisted-operation'],
  persistedPoll: [persistedPoll, 'shopify/persisted-poll'],
  adminGraphql: [adminGraphql, 'shopify/admin-graphql'],
  legacyAdminGraphql: [legacyAdminGraphql, 'shopify/legacy-admin-graphql'],
  adminApiGraphql: [adminApiGraphql, 'shopify/admin-api-graphql'],
});

/**
 * The portal API, where a write no rule took is counted as unrecognised. Narrow on purpose:
 * the admin also POSTs analytics and telemetry, which are not listing writes. Queries
 * (`type=query`) that `readsAdminRequest` skips are reads, never counted. Persisted operations
 * of other services (apps) are not the seller's listings: neither read nor counted.
 */
function isApi(url: URL): boolean {
  if (ADMIN_HOST.test(url.hostname)) {
    return (ADMIN_GRAPHQL.test(url.pathname) && url.searchParams.get('type') !== 'query') || PUBLIC_GRAPHQL.test(url.pathname);
  }
  return STORE_HOST.test(url.hostname) && (url.pathname.startsWith('/admin/api/') || CORE_GRAPHQL.test(url.pathname));
}

/** What the tap knows of Shopify (lib/platforms/tapRoutes.ts). */
export const shopifyTap: PlatformMatch = {
  hosts: ['admin.shopify.com', '*.myshopify.com'],
  // In the order of ROUTES (tests/unit/platforms/tap-routes.test.ts).
  routes: [persistedOperation, persistedPoll, adminGraphql, legacyAdminGraphql, adminApiGraphql],
  isApi,
};

// The admin's pages (exactly the admin, issue #10): lib/platforms/portalPages.ts.
export const shopifyRoutes = platformRoutes('shopify', SHOPIFY_PAGES, shopifyTap, ROUTES);
