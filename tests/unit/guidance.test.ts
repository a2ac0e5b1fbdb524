import { describe, expect, it } from 'vitest';
import { guidanceFor } from '@/lib/guidance';
import { capture } from '@/lib/platforms';
import type { Platform, RecordError } from '@/lib/records/record';
import { exchangeOf, loadFixture } from '../helpers/fixtures';

/** The errors a fixture's capture produces, as the detail view receives them. */
function errorsOf(fixture: string): RecordError[] {
  const r = capture(exchangeOf(loadFixture(fixture)), {});
  return [...r.drafts.flatMap((d) => d.errors), ...r.jobs.flatMap((j) => j.errors)];
}

function realError(fixture: string, message: RegExp): RecordError {
  const e = errorsOf(fixture).find((x) => message.test(x.message));
  if (!e) throw new Error(`${fixture} has no error matching ${message}`);
  return e;
}

const ADVICE = {
  image: /Image links must be direct, public https links/,
  duplicateListing: /Another listing already uses this SKU or barcode/,
  duplicateShopify: /Another product or variant already uses this handle, SKU or barcode/,
  missing: /A required attribute is empty/,
  brandMakro: /Apply for brand approval in the seller portal/,
  brandOther: /The brand is restricted or does not match the product/,
  rateLimit: /limiting how fast changes can be saved/,
  price: /selling price must be above zero and not higher than the RRP\/MRP/,
  notFound: /does not know this listing/,
  server: /problem of its own/,
};

type Case = [name: string, platform: Platform, error: () => RecordError, advice: RegExp];

const KNOWN: Case[] = [
  [
    'image link not accessible (Takealot fixture)',
    'takealot',
    () => realError('takealot/offer-update-validation-errors', /image/i),
    ADVICE.image,
  ],
  [
    'image URL could not be downloaded (Makro)',
    'makro',
    () => ({ message: 'Image URL could not be downloaded', field: 'image_url_1' }),
    ADVICE.image,
  ],
  ['picture link, by message only', 'shopify', () => ({ message: 'Picture URL is a Google Drive share link' }), ADVICE.image],
  [
    'duplicate SKU (Takealot)',
    'takealot',
    () => ({ message: 'An offer with this SKU already exists', code: 'DUPLICATE_SKU' }),
    ADVICE.duplicateListing,
  ],
  ['duplicate barcode (Makro)', 'makro', () => ({ message: 'Barcode is not unique' }), ADVICE.duplicateListing],
  [
    'duplicate barcode (Shopify fixture, matched by code)',
    'shopify',
    () => realError('shopify/variants-bulk-update-duplicate-barcode', /Barcode/),
    ADVICE.duplicateShopify,
  ],
  [
    'handle taken (Shopify fixture)',
    'shopify',
    () => realError('shopify/product-set-handle-not-unique', /Handle/),
    ADVICE.duplicateShopify,
  ],
  ['mandatory attributes (Makro fixture)', 'makro', () => realError('makro/listings-update-mixed', /mandatory/), ADVICE.missing],
  ['blank title (Shopify fixture)', 'shopify', () => realError('shopify/product-create-user-errors', /blank/), ADVICE.missing],
  [
    'brand not approved (Makro fixture)',
    'makro',
    () => realError('makro/listings-update-mixed', /approved to sell the brand/),
    ADVICE.brandMakro,
  ],
  ['gated brand (Takealot)', 'takealot', () => ({ message: 'Gated brand: approval needed', code: 'BRAND_GATED' }), ADVICE.brandOther],
  [
    'rate limited 429 (Takealot fixture)',
    'takealot',
    () => realError('takealot/offer-update-rate-limited-429', /limiting/),
    ADVICE.rateLimit,
  ],
  [
    'rate limited 420 (Takealot fixture)',
    'takealot',
    () => realError('takealot/offer-update-rate-limited-420', /limiting/),
    ADVICE.rateLimit,
  ],
  ['throttled (Shopify fixture)', 'shopify', () => realError('shopify/product-update-throttled-200', /throttled/), ADVICE.rateLimit],
  ['rate limited by code only', 'makro', () => ({ message: 'Request rejected', code: 'RATE_LIMITED' }), ADVICE.rateLimit],
  [
    'selling price above RRP (Takealot fixture)',
    'takealot',
    () => realError('takealot/offer-update-validation-errors', /price/i),
    ADVICE.price,
  ],
  ['selling price above MRP (Makro fixture)', 'makro', () => realError('makro/listings-update-mixed', /MRP/), ADVICE.price],
  [
    'selling price zero (Takealot v1 fixture)',
    'takealot',
    () => realError('takealot/v1-offer-update-by-barcode-400', /selling_price/),
    ADVICE.price,
  ],
  ['offer not found (Takealot fixture)', 'takealot', () => realError('takealot/offer-update-http-404', /not found/), ADVICE.notFound],
  ['bad gateway (Shopify fixture)', 'shopify', () => realError('shopify/product-update-http-502-html', /502/), ADVICE.server],
];

describe('guidanceFor', () => {
  it.each(KNOWN)('%s', (_name, platform, error, advice) => {
    expect(guidanceFor(platform, error())).toMatch(advice);
  });

  it('gives platform-specific advice where the portals differ', () => {
    const dup = { message: 'SKU already exists' };
    expect(guidanceFor('shopify', dup)).toMatch(ADVICE.duplicateShopify);
    expect(guidanceFor('takealot', dup)).toMatch(ADVICE.duplicateListing);
    const brand = { message: 'Brand not approved for this category' };
    expect(guidanceFor('makro', brand)).toMatch(ADVICE.brandMakro);
    expect(guidanceFor('takealot', brand)).toMatch(ADVICE.brandOther);
  });

  it.each([
    ['a message no guide knows', { message: 'Something odd happened' }],
    ['an empty message', { message: '' }],
    ['a real Makro QC reason with no guide (fixture)', realError('makro/qc-poll-rejected-and-live', /Sales Package/)],
    ['a real Makro SLA reason with no guide (fixture)', realError('makro/listings-update-mixed', /SLA/)],
  ] as [string, RecordError][])('returns undefined for %s', (_name, e) => {
    expect(guidanceFor('makro', e)).toBeUndefined();
    expect(guidanceFor('takealot', e)).toBeUndefined();
  });

  // Regression: these two real Makro brand reasons also mention images and "required", so they
  // once got the image-link and missing-attribute advice from guides matched before the brand one.
  // The brand guide now runs first; these fail if it moves back below either of them.
  it('brand mismatch on the product images (Makro QC fixture) gets the brand advice, not the image advice', () => {
    const e = realError('makro/qc-poll-rejected-and-live', /Brand Mismatch/);
    expect(guidanceFor('makro', e)).toMatch(ADVICE.brandMakro);
    expect(guidanceFor('makro', e)).not.toMatch(ADVICE.image);
  });

  it('brand needs approval, code BRAND_APPROVAL_REQUIRED (Makro fixture) gets the brand advice, not the missing-attribute advice', () => {
    const e = realError('makro/product-submit-errors-air-purifier', /needs approval/);
    expect(e.code).toBe('BRAND_APPROVAL_REQUIRED');
    expect(guidanceFor('makro', e)).toMatch(ADVICE.brandMakro);
    expect(guidanceFor('makro', e)).not.toMatch(ADVICE.missing);
  });

  it('a Makro price edit refused with 412 (fixture) gets the price advice', () => {
    const e = realError('makro/price-edit-412-above-mrp', /greater than MRP/);
    expect(guidanceFor('makro', e)).toMatch(ADVICE.price);
  });

  it('a Makro 412 image error (fixture) gets the image advice', () => {
    const e = realError('makro/product-submit-412-validation', /could not be downloaded/);
    expect(guidanceFor('makro', e)).toMatch(ADVICE.image);
  });
});

describe('guidance owned by the platform modules', () => {
  it('Makro: a QC failure without a reason sends the seller to Listings in progress (its own guide, before the common ones)', () => {
    const e = { message: 'Makro’s quality check stopped this product (state "QC_FAILED") without a reason.', code: 'QC_FAILED' };
    expect(guidanceFor('makro', e)).toMatch(/Listings in progress/);
    expect(guidanceFor('takealot', e)).toBeUndefined();
  });

  it('Takealot: a loadsheet with rows not imported points at the submission’s error report', () => {
    const e = realError('takealot/loadsheet-poll-completed-with-errors', /rows of the loadsheet/);
    expect(guidanceFor('takealot', e)).toMatch(/error report/);
    expect(guidanceFor('makro', e)).toBeUndefined();
  });

  it('a module’s own guide wins over a common topic its message also matches', () => {
    // "image" would match the common image guide; the Makro QC guide is tested first.
    const e = { message: 'Product image rejected', code: 'LISTING_CREATION_ERROR' };
    expect(guidanceFor('makro', e)).toMatch(/Listings in progress/);
    expect(guidanceFor('shopify', e)).toMatch(ADVICE.image);
  });
});
