import type { CaptureRule, PlatformModule } from '../types';
import { graphql } from './graphql';
import { shopifyIdentity } from './identity';
import { shopifyPages } from './pages';
import { ROUTES, shopifyRoutes } from './routes';

/**
 * Shopify: one GraphQL parser (graphql.ts) behind every admin transport (routes.ts), with one file
 * per operation family: document.ts (transports and reading a request), products.ts, variants.ts,
 * bulk.ts (bulk imports), jobs.ts (background operations, jobs and their polls), common.ts (ids,
 * links, errors, drafts); pages.ts what the views ask of its pages. Shapes: docs/PORTALS.md "Shopify"; fixtures in tests/fixtures/shopify/.
 */
const rules: CaptureRule[] = Object.values(ROUTES).map((route) => ({ ...route, parse: graphql }));

export const shopify: PlatformModule = {
  ...shopifyIdentity,
  // The legacy admin lives under `/admin` on the store's myshopify host; the rest of that host is
  // the storefront, where nothing is captured, so the content scripts stay out of it.
  routes: shopifyRoutes,
  rules,
  ...shopifyPages,
};
