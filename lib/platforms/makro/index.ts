import type { CaptureRule, PlatformModule, RecordLinkFields } from '../types';
import { draftCreate, draftSubmit } from './drafts';
import { makroIdentity } from './identity';
import { listingsWrite } from './listings';
import { priceEdit } from './price';
import { qcPoll } from './qc';
import { makroRoutes, ROUTES } from './routes';
import { PAGE, VERTICAL } from './shared';
import { stockEdit } from './stock';

/**
 * Makro Marketplace: one file per operation family (errors, listings, drafts, qc, price, stock),
 * the routing table in routes.ts, the name, prefix, links and guidance in identity.ts.
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
  // The hash-routed listing form: a draft carries `requestId`, an existing listing its
  // listing id or FSN (PORTALS.md route examples, M).
  pageListing: (page) => {
    const q = new URLSearchParams(page.hash.split('?')[1] ?? '');
    const requestId = q.get('requestId');
    if (requestId && /^[A-Za-z0-9-]{1,64}$/.test(requestId)) return { term: requestId, label: `Makro draft ${requestId}` };
    const listing = q.get('listingId') ?? q.get('fsn') ?? q.get('productId');
    if (listing && /^[A-Za-z0-9]{8,32}$/.test(listing)) return { term: listing, label: `Makro listing ${listing}` };
    return undefined;
  },
  // A draft is fixed in the single-listing form, which needs its vertical (PORTALS.md route, M);
  // a listing in listings management.
  fixUrl: (r: RecordLinkFields) => {
    if (r.draftId) {
      if (r.categoryId && VERTICAL.test(r.categoryId)) {
        return `${PAGE}addListings/single?${new URLSearchParams({ requestId: r.draftId, vertical: r.categoryId }).toString()}`;
      }
      return `${PAGE}listingsInProgress`;
    }
    return `${PAGE}listings-management?listingState=ACTIVE`;
  },
  // Products in quality control are followed on "Listings in progress"; listing writes in listings management.
  statusUrl: (r: RecordLinkFields) => (r.draftId ? `${PAGE}listingsInProgress` : `${PAGE}listings-management?listingState=ACTIVE`),
};
