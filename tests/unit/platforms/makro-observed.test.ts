import { describe, expect, it } from 'vitest';
import { capture } from '@/lib/platforms';
import { checkDraft } from '@/lib/records/validate';
import { captureAll, exchangeOf, loadFixture } from '../../helpers/fixtures';

/**
 * Makro as third parties saw its web app (docs/PORTALS.md "What third parties saw…", Makro):
 * errorString entries, 412 refusals, drafts, the price and stock edits, the seller's login.
 */
const SELLER = 'a3f91c0d7b2e4856';
const STORE = { makro: { storeId: SELLER } };
const AIR = '9d1f3c2a-6b7e-4c55-8a10-2f4e7b9c0d31';
const LOGIN = 'thandi.naidoo@kasikitchen.co.za';
const link = (fsn: string): string => `https://www.makro.co.za/-/p/${fsn}?pid=${fsn}`;
const run = (path: string, ctx: Record<string, { storeId?: string }> = {}) => capture(exchangeOf(loadFixture(`makro/${path}`)), ctx);

describe('makro errors as observed (errorString, every group)', () => {
  it('listings-update-error-string: errorString entries with their errorCode, and attribute maps of entries and plain strings', () => {
    const r = run('listings-update-error-string');
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]).toMatchObject({ status: 'failed', sku: 'DEFY-KT1700-BLK', storeId: SELLER });
    expect(r.drafts[0]!.errors).toEqual([
      { message: 'Listing could not be updated', code: 'LISTING_UPDATE_FAILED' },
      { message: 'Selling price must be greater than 0', code: 'INVALID_PRICE', field: 'flipkart_selling_price' },
      { message: 'MRP is below the minimum for this vertical', field: 'mrp' },
    ]);
  });

  it('product-submit-412-validation: a 412 with error.errorDetails is Failed with every group read (global, attribute, image, size chart, custom)', () => {
    const r = run('product-submit-412-validation', STORE);
    expect(r.drafts).toHaveLength(1);
    const d = r.drafts[0]!;
    expect(d).toMatchObject({ key: `draft:${AIR}`, status: 'failed', draftId: AIR, categoryId: 'air_purifier', sku: 'PH-AC1215' });
    expect(d.errors).toEqual([
      { message: 'Selling price cannot be greater than MRP', code: 'SP_GT_MRP' },
      { message: 'Please fill all mandatory attributes', field: 'color', code: 'HTTP_412' },
      { message: 'Warranty summary is too long', field: 'warranty_summary', code: 'HTTP_412' },
      { message: 'Image URL could not be downloaded', code: 'IMG_DOWNLOAD', field: 'image_url_1' },
      { message: 'Size chart is not applicable to this vertical', code: 'HTTP_412' },
      { message: 'CUSTOM_ATTR_INVALID', field: 'filter_type', code: 'HTTP_412' },
      { message: 'VALIDATION_FAILED', code: 'HTTP_412' },
    ]);
  });

  it('a 4xx other than 412 with error.errorDetails is a failure with those reasons too', () => {
    const f = loadFixture('makro/product-submit-412-validation');
    const r = capture(exchangeOf(f, { status: 400, statusText: 'Bad Request' }), STORE);
    expect(r.drafts[0]!.status).toBe('failed');
    expect(r.drafts[0]!.errors[0]).toEqual({ message: 'Selling price cannot be greater than MRP', code: 'SP_GT_MRP' });
  });

  it('a 412 without reasons still fails with the HTTP status', () => {
    const f = loadFixture('makro/product-submit-412-validation');
    const r = capture(exchangeOf(f, { responseBody: { error: { errorDetails: {} } } }), STORE);
    expect(r.drafts[0]).toMatchObject({ status: 'failed', errors: [{ code: 'HTTP_412' }] });
  });
});

describe('makro draft create', () => {
  it('product-draft-create-attribute-errors: attributes still to fill in are a draft’s normal state: Pending, no errors', () => {
    const r = run('product-draft-create-attribute-errors', STORE);
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]).toMatchObject({
      key: 'draft:0e6a9b3f-2d17-4c80-9f51-c7a2e8d40b16',
      status: 'pending',
      errors: [],
      categoryId: 'toaster',
      storeId: SELLER,
    });
  });

  it('global errors on a draft create still fail it', () => {
    const f = loadFixture('makro/product-draft-create-attribute-errors');
    const body = {
      requestId: 'r-1',
      errorDetails: { globalErrors: [{ errorString: 'Brand Philips needs approval', errorCode: 'BRAND_APPROVAL' }] },
    };
    const r = capture(exchangeOf(f, { responseBody: body }), STORE);
    expect(r.drafts[0]).toMatchObject({ status: 'failed', errors: [{ message: 'Brand Philips needs approval', code: 'BRAND_APPROVAL' }] });
  });
});

describe('makro/price-edit', () => {
  it('price-edit-success: one Success publish per SKU, FSN as Product ID, the new prices as changes', () => {
    const r = run('price-edit-success', STORE);
    expect(r.unrecognised).toEqual([]);
    expect(r.drafts).toEqual([
      {
        key: expect.stringMatching(/^cap:cap-\d+:sku:DEFY-KT1700-BLK$/),
        platform: 'makro',
        kind: 'publish',
        status: 'success',
        observedAt: expect.any(Number),
        storeId: SELLER,
        productId: 'KTLHB4N8RZ2QX7PM',
        sku: 'DEFY-KT1700-BLK',
        listingUrl: link('KTLHB4N8RZ2QX7PM'),
        errors: [],
        changes: [
          { field: 'mrp', value: 599 },
          { field: 'selling_price', value: 429 },
          { field: 'currency', value: 'ZAR' },
        ],
      },
      expect.objectContaining({ status: 'success', sku: 'RH-IRON-2400', productId: 'IRNH5KX2PL8QWERA' }),
    ]);
  });

  it('price-edit-success: the userName query parameter (the seller’s login) reaches no record and is never learned', () => {
    const r = run('price-edit-success');
    expect(JSON.stringify(r)).not.toContain(LOGIN);
    expect(JSON.stringify(r)).not.toMatch(/kasikitchen|userName/i);
    for (const d of r.drafts) expect(d.storeId).toBeUndefined();
  });

  it('a userName in the body or the sellerId slot is not taken for a Store ID unless it is an id', () => {
    const f = loadFixture('makro/price-edit-success');
    const url = `https://seller.makro.co.za/napi/listing/updateSellingPrice?sellerId=${encodeURIComponent(LOGIN)}`;
    const r = capture(exchangeOf(f, { url }), {});
    expect(JSON.stringify(r)).not.toContain(LOGIN);
  });

  it('price-edit-412-above-mrp: Failed with the reason and its code', () => {
    const r = run('price-edit-412-above-mrp', STORE);
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]).toMatchObject({
      status: 'failed',
      sku: 'DEFY-KT1700-BLK',
      productId: 'KTLHB4N8RZ2QX7PM',
      errors: [{ message: 'Selling price (649) cannot be greater than MRP (599)', code: 'SELLING_PRICE_GREATER_THAN_MRP' }],
      changes: [
        { field: 'mrp', value: 599 },
        { field: 'selling_price', value: 649 },
        { field: 'currency', value: 'ZAR' },
      ],
    });
  });

  it('the sfx path variant is read the same way', () => {
    const f = loadFixture('makro/price-edit-success');
    const r = capture(exchangeOf(f, { url: 'https://seller.makro.co.za/napi/sfx/updateSellingPrice?warningConfirmed=false' }), STORE);
    expect(r.drafts.map((d) => d.status)).toEqual(['success', 'success']);
  });

  it('an answer keyed by SKU is read per SKU', () => {
    const f = loadFixture('makro/price-edit-success');
    const body = {
      'DEFY-KT1700-BLK': { status: 'SUCCESS' },
      'RH-IRON-2400': { status: 'FAILED', errorString: 'Price is below the floor price' },
    };
    const r = capture(exchangeOf(f, { responseBody: body }), STORE);
    expect(r.drafts.map((d) => [d.sku, d.status, d.errors.map((e) => e.message)])).toEqual([
      ['DEFY-KT1700-BLK', 'success', []],
      ['RH-IRON-2400', 'failed', ['Price is below the floor price']],
    ]);
  });

  it('a warning to confirm (warningConfirmed=false round trip) keeps the edit Pending and says so', () => {
    const f = loadFixture('makro/price-edit-success');
    const r = capture(exchangeOf(f, { responseBody: { warnings: [{ errorString: 'Price is 40% below the recommended price' }] } }), STORE);
    expect(r.drafts.map((d) => d.status)).toEqual(['pending', 'pending']);
    expect(r.drafts[0]!.errors[0]!.code).toBe('PRICE_WARNING');
  });

  it('a 200 whose error groups list a reason fails every SKU', () => {
    const f = loadFixture('makro/price-edit-success');
    const body = { errorDetails: { globalErrors: ['Listing is blocked'] } };
    const r = capture(exchangeOf(f, { responseBody: body }), STORE);
    expect(r.drafts.map((d) => d.status)).toEqual(['failed', 'failed']);
  });

  it('an unreadable request refused with 412 still leaves one Failed record with the reason', () => {
    const f = loadFixture('makro/price-edit-412-above-mrp');
    const r = capture(exchangeOf(f, { requestBody: undefined }), STORE);
    expect(r.drafts).toEqual([
      expect.objectContaining({
        key: expect.stringMatching(/^cap:cap-\d+$/),
        status: 'failed',
        storeId: SELLER,
        errors: [{ message: 'Selling price (649) cannot be greater than MRP (599)', code: 'SELLING_PRICE_GREATER_THAN_MRP' }],
      }),
    ]);
    const throttled = capture(
      exchangeOf(loadFixture('makro/stock-edit-mixed'), { requestBody: undefined, status: 429, statusText: 'x' }),
      {},
    );
    expect(throttled.drafts.map((d) => [d.status, d.errors[0]!.code])).toEqual([['failed', 'RATE_LIMITED']]);
  });

  it('hostile request bodies: not objects, odd prices, an FSN that is not one: no throw, nothing invented', () => {
    const f = loadFixture('makro/price-edit-success');
    for (const requestBody of [null, 'x', [], { listingUpdate: null }, { listingUpdate: ['a'] }]) {
      expect(capture(exchangeOf(f, { requestBody }), STORE).drafts).toEqual([]);
    }
    const odd = {
      listingUpdate: { SKU1: { product_id: 'javascript:alert(1)', price: { mrp: 'lots', selling_price: Number.NaN, currency: '<b>' } } },
    };
    const r = capture(exchangeOf(f, { requestBody: odd }), STORE);
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]).toMatchObject({ sku: 'SKU1', changes: [] });
    expect(r.drafts[0]!.productId).toBeUndefined();
    expect(r.drafts[0]!.listingUrl).toBeUndefined();
  });
});

describe('makro/stock-edit', () => {
  it('stock-edit-mixed: one record per SKU, each with its own answer; the new stock is the change', () => {
    const r = run('stock-edit-mixed');
    expect(r.ctx.makro).toEqual({ storeId: SELLER });
    expect(
      r.drafts.map((d) => ({
        sku: d.sku,
        status: d.status,
        productId: d.productId,
        storeId: d.storeId,
        changes: d.changes,
        errors: d.errors,
      })),
    ).toEqual([
      {
        sku: 'DEFY-KT1700-BLK',
        status: 'success',
        productId: 'KTLHB4N8RZ2QX7PM',
        storeId: SELLER,
        changes: [{ field: 'inventory', value: 36 }],
        errors: [],
      },
      {
        sku: 'RH-IRON-2400',
        status: 'failed',
        productId: 'IRNH5KX2PL8QWERA',
        storeId: SELLER,
        changes: [{ field: 'inventory', value: 0 }],
        errors: [{ message: 'Inventory cannot be updated for an inactive listing' }],
      },
    ]);
  });

  it('several locations: one change per location', () => {
    const f = loadFixture('makro/stock-edit-mixed');
    const requestBody = {
      SKU9: {
        product_id: 'KTLHB4N8RZ2QX7PM',
        locations: [
          { id: 'LOC1', inventory: 3 },
          { id: 'LOC2', inventory: '7' },
        ],
      },
    };
    const r = capture(exchangeOf(f, { requestBody, responseBody: { SKU9: { status: 'SUCCESS' } } }), {});
    expect(r.drafts[0]!.changes).toEqual([
      { field: 'inventory@LOC1', value: 3 },
      { field: 'inventory@LOC2', value: '7' },
    ]);
  });

  it('a 2xx that names no SKU is Pending and says the answer was not understood', () => {
    const f = loadFixture('makro/stock-edit-mixed');
    const r = capture(exchangeOf(f, { responseBody: { ok: true } }), {});
    expect(r.drafts.map((d) => d.status)).toEqual(['pending', 'pending']);
    expect(r.drafts[0]!.errors[0]!.code).toBe('UNKNOWN_RESPONSE');
  });

  it('a throttled stock edit fails every SKU with a rate-limit reason', () => {
    const f = loadFixture('makro/stock-edit-mixed');
    const r = capture(exchangeOf(f, { status: 429, statusText: 'Too Many Requests', responseBody: undefined }), {});
    expect(r.drafts.map((d) => [d.status, d.errors[0]!.code])).toEqual([
      ['failed', 'RATE_LIMITED'],
      ['failed', 'RATE_LIMITED'],
    ]);
  });
});

describe('makro observed fixtures pass the background validator unchanged', () => {
  it.each([
    'listings-update-error-string',
    'product-submit-412-validation',
    'product-draft-create-attribute-errors',
    'price-edit-success',
    'price-edit-412-above-mrp',
    'stock-edit-mixed',
    'qc-poll-rejected-and-live',
  ])('%s', (name) => {
    const [r] = captureAll([`makro/${name}`], STORE);
    expect(r!.drafts.length).toBeGreaterThan(0);
    for (const d of r!.drafts) expect(checkDraft(d, Date.UTC(2030, 0, 1))).toEqual({ ok: true, value: d });
  });
});
