import type { PlatformPages, RecordLinkFields } from '../types';
import { PAGE, VERTICAL } from './shared';

/** Makro's pages as the views use them (no parsers: lib/platforms/pages.ts). */
export const makroPages: PlatformPages = {
  platform: 'makro',
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
