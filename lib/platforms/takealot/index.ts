import type { CaptureRule, PlatformModule } from '../types';
import { batchCreate, batchStatusPoll } from './batches';
import { takealotIdentity } from './identity';
import { loadsheetPoll, loadsheetSubmit } from './loadsheets';
import { v1OfferCreate, v1OfferUpdate, v2OfferWrite } from './offers';
import { takealotPages } from './pages';
import { ROUTES, takealotRoutes } from './routes';
import { sellerIdentity } from './seller';

/**
 * Takealot: one file per operation family (seller, offers, batches, loadsheets), the routing
 * table in routes.ts, the name, prefix, links and guidance in identity.ts, what the views ask of
 * its pages in pages.ts.
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
  ...takealotPages,
};
