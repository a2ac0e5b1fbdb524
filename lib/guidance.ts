import { identityOf } from './platforms/identities';
import type { GuideTopic } from './platforms/types';
import type { Platform, RecordError } from './records/record';

/**
 * Plain guidance for the failure reasons sellers meet most (PORTALS.md "Failure reasons").
 * Matched on the error code first, then on the message and field; the first match wins.
 * A platform's module (lib/platforms/<name>/identity.ts) may add reasons of its own, tested
 * first, and word a common topic its own way.
 */
interface Guide {
  topic: GuideTopic;
  test: RegExp;
  advice: string;
}

const BRAND =
  'The brand is restricted or does not match the product. Check the brand name and apply for approval in the portal if it is gated.';

const GUIDES: readonly Guide[] = [
  {
    topic: 'rateLimit',
    test: /RATE_LIMIT|THROTTL|too many requests|rate limit/i,
    advice:
      'The portal is limiting how fast changes can be saved. Wait a minute, then save again; bulk tools should send fewer requests at once.',
  },
  {
    // Before the image and missing-field rules: "Brand Mismatch … product images", BRAND_APPROVAL_REQUIRED.
    topic: 'brand',
    test: /brand (approval|abuse|mismatch)|BRAND_(NOT_)?APPROV|gated brand|brand not approved|brand \S+ needs approval/i,
    advice: BRAND,
  },
  {
    topic: 'image',
    test: /image|photo|picture/i,
    advice:
      'Image links must be direct, public https links to the image file itself (ending in .jpg or .png), not a page, a Google Drive or Dropbox share link. Open the link in a private window to check it loads.',
  },
  {
    topic: 'duplicate',
    test: /duplicate|already exists|not unique|DUPLICATE|HANDLE_NOT_UNIQUE|TAKEN/i,
    advice:
      'Another listing already uses this SKU or barcode. Search your listings for it: update that listing instead, or use a unique SKU.',
  },
  {
    topic: 'missing',
    test: /mandatory|required|missing|blank|can't be blank|fill all|MISSING_FIELD/i,
    advice:
      'A required attribute is empty. Open the listing in the portal; the form marks the missing fields. Fill them in and submit again.',
  },
  { topic: 'brand', test: /brand/i, advice: BRAND },
  {
    topic: 'price',
    test: /price|rrp|mrp|PRICE/i,
    advice: 'Check the prices: the selling price must be above zero and not higher than the RRP/MRP (list price).',
  },
  {
    topic: 'description',
    test: /description.*(short|characters)|too short/i,
    advice: 'The description is too short for the category: write at least 200 characters describing the product.',
  },
  {
    topic: 'compliance',
    test: /ICASA|NRCS|certificate|compliance|invoice request/i,
    advice:
      'This product needs a compliance document (for example an ICASA or NRCS certificate, or an invoice). Upload it in the portal, then ask for the listing to be re-enabled.',
  },
  {
    topic: 'auth',
    test: /HTTP_401|HTTP_403|forbidden|unauthori[sz]ed|api key/i,
    advice: 'The portal refused the request: your session may have expired. Sign in to the portal again, then repeat the change.',
  },
  {
    topic: 'notFound',
    test: /HTTP_404|not found|unknown identifier/i,
    advice: 'The portal does not know this listing. Check the SKU, barcode or offer id, or create the listing first.',
  },
  {
    topic: 'server',
    test: /HTTP_5\d\d|Bad Gateway|Service Unavailable|internal server/i,
    advice:
      'The portal had a problem of its own. Wait a few minutes and try again; if it keeps failing, contact the platform’s seller support with the Record ID.',
  },
  {
    topic: 'network',
    test: /NETWORK_ERROR/,
    advice:
      'The request never reached the portal (no connection, or blocked). Check your connection and open the listing to see whether the change was saved.',
  },
  {
    topic: 'unreadable',
    test: /UNREADABLE_RESPONSE/,
    advice: 'The portal answered in a way Sync History could not read. Open the listing in the portal to see whether the change was saved.',
  },
];

export function guidanceFor(platform: Platform, e: RecordError): string | undefined {
  const subject = `${e.code ?? ''} ${e.message} ${e.field ?? ''}`;
  const own = identityOf(platform).guidance;
  const extra = own?.extra?.find((g) => g.test.test(subject));
  if (extra) return extra.advice;
  const g = GUIDES.find((x) => x.test.test(subject));
  return g ? (own?.overrides?.[g.topic] ?? g.advice) : undefined;
}
