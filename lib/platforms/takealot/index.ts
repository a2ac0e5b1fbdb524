import type { CaptureRule, PlatformModule } from '../types';
import { batchCreate, batchStatusPoll } from './batches';
import { takealotIdentity } from './identity';
import { loadsheetPoll, loadsheetSubmit } from './loadsheets';
import { v1OfferCreate, v1OfferUpdate, v2OfferWrite } from './offers';
import { ROUTES, takealotRoutes } from './routes';
import { sellerIdentity } from './seller';
import { draftIdOf } from './shared';

/**
 * Takealot: one file per operation family (seller, offers, batches, loadsheets), the routing
 * table in routes.ts, the name, prefix, links and guidance in identity.ts.
 */
const rules: CaptureRule[] = [
  { ...ROUTES.sellerIdentity, parse: sellerIdentity },
  { ...ROUTES.v2OfferWrite, parse: v2OfferWrite },
  { ...ROUTES.v1OfferCreate, parse: v1OfferCreate },
  { ...ROUTES.v1OfferUpdate, parse: v1OfferUpdate },
  { ...ROUTES.batchCreate, parse: batchCreate },
  { ...ROUTES.batchStatus, parse: batchStatusPoll },
  { ...ROUTES.loadsheetSubmit, parse: loadsheetSubmit },
  { ...ROUTES.loadsheetPoll, parse: loadsheetPoll },
];

export const takealot: PlatformModule = {
  ...takealotIdentity,
  routes: takealotRoutes,
  rules,
  pageListing: (page) => {
    const draftId = draftIdOf(page);
    return draftId ? { term: draftId, label: `Takealot draft ${draftId}` } : undefined;
  },
  // The single-product form is where a draft's errors are fixed (PORTALS.md, M).
  fixUrl: (r) => (r.draftId && /^\d+$/.test(r.draftId) ? `https://sellers.takealot.com/single-product/${r.draftId}` : undefined),
};
