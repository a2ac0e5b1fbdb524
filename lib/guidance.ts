import type { Platform, RecordError } from './records/record';

/**
 * Plain guidance for the failure reasons sellers meet most (PORTALS.md "Failure reasons").
 * Matched on the error code first, then on the message; the first match wins.
 */
interface Guide {
  test: (e: RecordError) => boolean;
  advice: (p: Platform) => string;
}

const has = (re: RegExp) => (e: RecordError) => re.test(`${e.code ?? ''} ${e.message} ${e.field ?? ''}`);

const brandAdvice = (p: Platform): string =>
  p === 'makro'
    ? 'The brand needs approval before you can list it, or it does not match the product. Apply for brand approval in the seller portal (with an invoice or authorisation letter), or correct the brand.'
    : 'The brand is restricted or does not match the product. Check the brand name and apply for approval in the portal if it is gated.';

const GUIDES: Guide[] = [
  {
    test: has(/RATE_LIMIT|THROTTL|too many requests|rate limit/i),
    advice: () =>
      'The portal is limiting how fast changes can be saved. Wait a minute, then save again; bulk tools should send fewer requests at once.',
  },
  {
    // Before the image and missing-field rules: "Brand Mismatch … product images", BRAND_APPROVAL_REQUIRED.
    test: has(/brand (approval|abuse|mismatch)|BRAND_(NOT_)?APPROV|gated brand|brand not approved|brand \S+ needs approval/i),
    advice: (p) => brandAdvice(p),
  },
  {
    test: has(/image|photo|picture/i),
    advice: () =>
      'Image links must be direct, public https links to the image file itself (ending in .jpg or .png), not a page, a Google Drive or Dropbox share link. Open the link in a private window to check it loads.',
  },
  {
    test: has(/duplicate|already exists|not unique|DUPLICATE|HANDLE_NOT_UNIQUE|TAKEN/i),
    advice: (p) =>
      p === 'shopify'
        ? 'Another product or variant already uses this handle, SKU or barcode. Search the admin for it, then change one of them.'
        : 'Another listing already uses this SKU or barcode. Search your listings for it: update that listing instead, or use a unique SKU.',
  },
  {
    test: has(/mandatory|required|missing|blank|can't be blank|fill all|MISSING_FIELD/i),
    advice: () =>
      'A required attribute is empty. Open the listing in the portal; the form marks the missing fields. Fill them in and submit again.',
  },
  {
    test: has(/brand/i),
    advice: (p) => brandAdvice(p),
  },
  {
    test: has(/price|rrp|mrp|PRICE/i),
    advice: () => 'Check the prices: the selling price must be above zero and not higher than the RRP/MRP (list price).',
  },
  {
    test: has(/description.*(short|characters)|too short/i),
    advice: () => 'The description is too short for the category: write at least 200 characters describing the product.',
  },
  {
    test: has(/ICASA|NRCS|certificate|compliance|invoice request/i),
    advice: () =>
      'This product needs a compliance document (for example an ICASA or NRCS certificate, or an invoice). Upload it in the portal, then ask for the listing to be re-enabled.',
  },
  {
    test: has(/HTTP_401|HTTP_403|forbidden|unauthori[sz]ed|api key/i),
    advice: () => 'The portal refused the request: your session may have expired. Sign in to the portal again, then repeat the change.',
  },
  {
    test: has(/HTTP_404|not found|unknown identifier/i),
    advice: () => 'The portal does not know this listing. Check the SKU, barcode or offer id, or create the listing first.',
  },
  {
    test: has(/HTTP_5\d\d|Bad Gateway|Service Unavailable|internal server/i),
    advice: () =>
      'The portal had a problem of its own. Wait a few minutes and try again; if it keeps failing, contact the platform’s seller support with the Record ID.',
  },
  {
    test: has(/NETWORK_ERROR/),
    advice: () =>
      'The request never reached the portal (no connection, or blocked). Check your connection and open the listing to see whether the change was saved.',
  },
  {
    test: has(/UNREADABLE_RESPONSE/),
    advice: () =>
      'The portal answered in a way Sync History could not read. Open the listing in the portal to see whether the change was saved.',
  },
];

export function guidanceFor(platform: Platform, e: RecordError): string | undefined {
  return GUIDES.find((g) => g.test(e))?.advice(platform);
}
