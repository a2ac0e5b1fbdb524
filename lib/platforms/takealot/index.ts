import type { PlatformModule } from '../types';
import { takealotIdentity } from './identity';
import { takealotRules } from './portal';
import { takealotRoutes } from './routes';
import { draftIdOf } from './shared';

/**
 * Takealot: one file per operation family (seller, offers, batches, loadsheets), the routing
 * table in routes.ts, the rules in portal.ts, the name, prefix, links and guidance in identity.ts.
 */
export const takealot: PlatformModule = {
  ...takealotIdentity,
  routes: takealotRoutes,
  rules: takealotRules,
  pageListing: (page) => {
    const draftId = draftIdOf(page);
    return draftId ? { term: draftId, label: `Takealot draft ${draftId}` } : undefined;
  },
  // The single-product form is where a draft's errors are fixed (PORTALS.md, M).
  fixUrl: (r) => (r.draftId && /^\d+$/.test(r.draftId) ? `https://sellers.takealot.com/single-product/${r.draftId}` : undefined),
};
