import type { PlatformModule } from '../types';
import { shopifyIdentity } from './identity';
import { shopifyPages } from './pages';
import { shopifyRules } from './portal';
import { shopifyRoutes } from './routes';

/**
 * Shopify: one GraphQL parser (graphql.ts) behind every admin transport (routes.ts), with one file
 * per operation family: document.ts (transports and reading a request), products.ts, variants.ts,
 * bulk.ts (bulk imports), jobs.ts (background operations, jobs and their polls), common.ts (ids,
 * links, errors, drafts); the rules in portal.ts (its own content script runs them), what the
 * views ask of its pages in pages.ts. Shapes: docs/PORTALS.md "Shopify"; fixtures in tests/fixtures/shopify/.
 */
export const shopify: PlatformModule = {
  ...shopifyIdentity,
  routes: shopifyRoutes,
  rules: shopifyRules,
  ...shopifyPages,
};
