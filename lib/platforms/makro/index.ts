import type { CaptureRule, PlatformModule } from '../types';
import { draftCreate, draftSubmit } from './drafts';
import { makroIdentity } from './identity';
import { listingsWrite } from './listings';
import { makroPages } from './pages';
import { priceEdit } from './price';
import { qcPoll } from './qc';
import { makroRoutes, ROUTES } from './routes';
import { stockEdit } from './stock';

/**
 * Makro Marketplace: one file per operation family (errors, listings, drafts, qc, price, stock),
 * the routing table in routes.ts, the name, prefix, links and guidance in identity.ts, what the
 * views ask of its pages in pages.ts.
 */
const rules: CaptureRule[] = [
  { ...ROUTES.createUpdateListings, parse: listingsWrite },
  { ...ROUTES.productDraftCreate, parse: draftCreate },
  { ...ROUTES.productSubmit, parse: draftSubmit },
  { ...ROUTES.qcPoll, parse: qcPoll },
  { ...ROUTES.priceEdit, parse: priceEdit },
  { ...ROUTES.stockEdit, parse: stockEdit },
];

export const makro: PlatformModule = {
  ...makroIdentity,
  routes: makroRoutes,
  rules,
  ...makroPages,
};
