import type { PlatformModule } from '../types';
import { makroIdentity } from './identity';
import { makroPages } from './pages';
import { makroRules } from './portal';
import { makroRoutes } from './routes';

/**
 * Makro: the routing table in routes.ts, the rules in portal.ts (its own content script runs
 * them), the name, prefix, links and guidance in identity.ts, what the views ask of its pages in
 * pages.ts; one file per operation family beside them.
 */
export const makro: PlatformModule = {
  ...makroIdentity,
  routes: makroRoutes,
  rules: makroRules,
  ...makroPages,
};
