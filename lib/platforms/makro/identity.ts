import type { LinkShape, PlatformIdentity } from '../types';

/** The portal's hash routes the extension opens (PORTALS.md "Makro", M). */
const PORTAL_HASH =
  /^#dashboard\/(addListings\/single\?requestId=[A-Za-z0-9%._~-]{1,200}&vertical=[a-z][a-z0-9_]{0,79}|listingsInProgress|listings-management\?listingState=ACTIVE)$/;

/** The Record ID prefix of Makro records (`MKR-…`): shipped ids carry it, so it never changes. */
export const makroIdPrefix = 'MKR';

/** The links Makro records may hold and the extension may open (lib/records/links.ts; the content script's check too). */
export const makroLinks: readonly LinkShape[] = [
  {
    kind: 'listing',
    host: /^www\.makro\.co\.za$/,
    path: /^\/(-|[a-z0-9][a-z0-9-]{0,199})\/p\/(itm[a-z0-9]{1,40}|[A-Z0-9]{16})$/,
    query: { pid: /^[A-Z0-9]{16}$/ },
  },
  { kind: 'portal', host: /^seller\.makro\.co\.za$/, path: /^\/index\.html$/, hash: PORTAL_HASH },
];

/**
 * Makro's name, Record ID prefix, link shapes and guidance (docs/PORTALS.md "Makro").
 * Listing: `https://www.makro.co.za/{slug}/p/{itm…|FSN}?pid={FSN}` (`-` as the slug resolves, M).
 * Portal: `seller.makro.co.za/index.html#dashboard/…`, hash-routed (M).
 */
export const makroIdentity: PlatformIdentity = {
  platform: 'makro',
  label: 'Makro',
  idPrefix: makroIdPrefix,
  links: makroLinks,
  guidance: {
    overrides: {
      brand:
        'The brand needs approval before you can list it, or it does not match the product. Apply for brand approval in the seller portal (with an invoice or authorisation letter), or correct the brand.',
    },
    extra: [
      {
        // The QC poll's failed states when Makro gave no reason (PORTALS.md QC states, M-).
        test: /QC_REJECTED|QC_FAILED|LISTING_CREATION_ERROR/,
        advice:
          'Makro’s quality check did not pass this product. Open Listings in progress in the seller portal to read the reasons, correct the product and submit it again.',
      },
    ],
  },
};
