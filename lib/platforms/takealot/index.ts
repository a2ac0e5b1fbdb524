import type { PlatformModule } from '../types';
import { takealotIdentity } from './identity';
import { takealotPages } from './pages';
import { takealotRules } from './portal';
import { takealotRoutes } from './routes';

/**
 * Takealot: the routing table in routes.ts, the rules in portal.ts (its own content script runs
 * them), the name, prefix, links and guidance in identity.ts, what the views ask of its pages in
 * pages.ts; one file per operation family beside them.
 */
export const takealot: PlatformModule = {
  ...takealotIdentity,
  routes: takealotRoutes,
  rules: takealotRules,
  ...takealotPages,
};
