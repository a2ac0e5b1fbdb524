import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture, fixUrl, route, statusUrl } from '@/lib/platforms';
import type { RecordLinkFields } from '@/lib/platforms/types';
import { safeLink } from '@/lib/records/links';
import { checkDraft } from '@/lib/records/validate';
import { captureAll, exchangeOf, FIXTURES, loadFixture } from '../../helpers/fixtures';

const SELLER = 'a3f91c0d7b2e4856';
const STORE = { makro: { storeId: SELLER } };
const link = (fsn: string): string => `https://www.makro.co.za/-/p/${fsn}?pid=${fsn}`;
const run = (path: string, ctx: Record<string, { storeId?: string }> = {}) => capture(exchangeOf(loadFixture(`makro/${path}`)), ctx);

const AIR_PURIFIER = '9d1f3c2a-6b7e-4c55-8a10-2f4e7b9c0d31';
const KETTLE = '4b8e2d71-0c3a-4f9e-b6d2-7a15c9e08f42';

describe('makro/create-update-listings', () => {
  it('listings-update-success: one Success publish per item, with listing id, SKU, link and allowlisted changes', () => {
    const r = run('listings-update-success');
    expect(r.unrecognised).toEqual([]);
    expect(r.drafts).toHaveLength(3);
    const [kettle, iron, fryer] = r.drafts;
    expect(kettle).toEqual({
      key: expect.stringMatching(/^cap:cap-\d+:sku:DEFY-KT-17L-WHT$/),
      platform: 'makro',
      kind: 'publish',
      status: 'success',
      observedAt: expect.any(Number),
      storeId: SELLER,
      productId: 'LSTKTLH7ZQ4MNB2WXAYQ8RTV2',
      sku: 'DEFY-KT-17L-WHT',
      listingUrl: link('KTLH7ZQ4MNB2WXAY'),
      errors: [],
      // hsn, manufacturer_details and packages are not on the allowlist
      changes: [
        { field: 'sku_id', value: 'DEFY-KT-17L-WHT' },
        { field: 'listing_status', value: 'ACTIVE' },
        { field: 'mrp', value: '599' },
        { field: 'flipkart_selling_price', value: '449' },
        { field: 'service_profile', value: 'NON_FBF' },
        { field: 'procurement_sla', value: '2' },
      ],
    });
    expect(iron).toMatchObject({
      status: 'success',
      sku: 'RH-IRON-2400',
      productId: 'LSTIRNH5KX2PL8QWERAH2ZT4N',
      listingUrl: link('IRNH5KX2PL8QWERA'),
      errors: [],
    });
    expect(iron!.changes).toEqual([
      { field: 'sku_id', value: 'RH-IRON-2400' },
      { field: 'listing_status', value: 'ACTIVE' },
      { field: 'mrp', value: '799' },
      { field: 'flipkart_selling_price', value: '649' },
      { field: 'stock_size', value: '24' },
    ]);
    expect(fryer).toMatchObject({ status: 'success', sku: 'SNAPPY-AF-5L-BLK', productId: 'LSTAFRH9TY6VB3NM4CDJ5KWP7' });
    expect(fryer!.changes).toEqual([
      { field: 'sku_id', value: 'SNAPPY-AF-5L-BLK' },
      { field: 'listing_status', value: 'INACTIVE' },
    ]);
    // The seller id is remembered for later captures on the page (a draft create has none).
    expect(r.ctx.makro).toEqual({ storeId: SELLER });
  });

  it('listings-update-mixed: matched by SKU despite the order; attribute errors name their field, global errors are all kept', () => {
    const r = run('listings-update-mixed');
    expect(r.drafts.map((d) => [d.sku, d.status])).toEqual([
      ['SNAPPY-AF-5L-BLK', 'success'],
      ['RH-IRON-2400', 'failed'],
      ['PHILIPS-HD-2200', 'failed'],
    ]);
    const [fryer, iron, dryer] = r.drafts;
    expect(fryer).toMatchObject({ productId: 'LSTAFRH9TY6VB3NM4CDJ5KWP7', listingUrl: link('AFRH9TY6VB3NM4CD'), errors: [] });
    expect(fryer!.changes.map((c) => c.field)).toEqual([
      'sku_id',
      'listing_status',
      'mrp',
      'flipkart_selling_price',
      'minimum_order_quantity',
      'fulfilled_by',
      'procurement_sla',
    ]);
    expect(iron!.errors).toEqual([
      { field: 'flipkart_selling_price', code: 'SSP_GREATER_THAN_MRP', message: 'Selling price cannot be greater than MRP' },
      { field: 'procurement_sla', message: 'Pick pack SLA must be between 1 and 5 days' },
    ]);
    expect(iron!.productId).toBe('LSTIRNH5KX2PL8QWERAH2ZT4N');
    expect(iron!.changes).toEqual([
      { field: 'sku_id', value: 'RH-IRON-2400' },
      { field: 'mrp', value: '499' },
      { field: 'flipkart_selling_price', value: '649' },
      { field: 'procurement_sla', value: '12' },
    ]);
    expect(dryer!.errors).toEqual([
      {
        code: 'BRAND_NOT_APPROVED',
        message: 'You are not approved to sell the brand Philips in Hair Dryers. Apply for brand approval first.',
      },
      { message: 'Please fill all mandatory attributes' },
    ]);
    // No listing id yet: the FSN is the product id.
    expect(dryer).toMatchObject({ productId: 'HDRH3PX8LQ2MZK7V', listingUrl: link('HDRH3PX8LQ2MZK7V') });
    expect(new Set(r.drafts.map((d) => d.key)).size).toBe(3);
  });

  it('listings-update-result-failure: a 200 with result.status "failure" fails every item sent, with the reason', () => {
    const r = run('listings-update-result-failure');
    expect(r.drafts.map((d) => [d.sku, d.status, d.errors])).toEqual([
      ['DEFY-KT-17L-WHT', 'failed', [{ message: 'Listing service is temporarily unavailable. Please retry after some time.' }]],
      ['RH-IRON-2400', 'failed', [{ message: 'Listing service is temporarily unavailable. Please retry after some time.' }]],
    ]);
    expect(r.drafts[0]!.changes).toEqual([
      { field: 'sku_id', value: 'DEFY-KT-17L-WHT' },
      { field: 'flipkart_selling_price', value: '429' },
    ]);
  });

  it('a non-success result.status without a reason still fails every item, and says so', () => {
    const f = loadFixture('makro/listings-update-result-failure');
    const r = capture(exchangeOf(f, { responseBody: { result: { status: 'ERROR' } } }), {});
    expect(r.drafts).toHaveLength(2);
    for (const d of r.drafts) {
      expect(d.status).toBe('failed');
      expect(d.errors).toEqual([
        { message: 'Makro did not accept the request (status "ERROR") and gave no reason.', code: 'REQUEST_FAILED' },
      ]);
    }
  });

  it('listings-update-http-500-html: Failed with the HTTP status text, ids kept from the request', () => {
    const r = run('listings-update-http-500-html');
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]).toMatchObject({
      status: 'failed',
      sku: 'DEFY-KT-17L-WHT',
      productId: 'KTLH7ZQ4MNB2WXAY',
      listingUrl: link('KTLH7ZQ4MNB2WXAY'),
      storeId: SELLER,
      errors: [{ code: 'HTTP_500', message: 'Makro answered HTTP 500 (Internal Server Error).' }],
    });
  });

  it('listings-update-rate-limited-429: every item Failed with a rate-limit reason', () => {
    const r = run('listings-update-rate-limited-429');
    expect(r.drafts.map((d) => d.sku)).toEqual(['DEFY-KT-17L-WHT', 'RH-IRON-2400']);
    for (const d of r.drafts) {
      expect(d.status).toBe('failed');
      expect(d.errors).toEqual([
        { code: 'RATE_LIMITED', message: 'Makro is limiting how fast requests can be made (HTTP 429): wait a minute, then try again.' },
      ]);
    }
  });

  it('an HTTP error with a JSON body keeps the portal message', () => {
    const f = loadFixture('makro/listings-update-http-500-html');
    const r = capture(
      exchangeOf(f, { status: 400, statusText: 'Bad Request', responseBody: { message: 'Please specify a valid payload' } }),
      {},
    );
    expect(r.drafts[0]!.errors).toEqual([{ message: 'Please specify a valid payload', code: 'HTTP_400' }]);
  });

  it('a 2xx whose body could not be read stays Pending and says so', () => {
    const f = loadFixture('makro/listings-update-success');
    const r = capture(exchangeOf(f, { responseBody: undefined, responseIssue: 'too-large' }), {});
    expect(r.drafts).toHaveLength(3);
    for (const d of r.drafts) expect(d).toMatchObject({ status: 'pending', errors: [{ code: 'UNREADABLE_RESPONSE' }] });
  });

  it('a request that never completed is Failed with a network reason', () => {
    const f = loadFixture('makro/listings-update-success');
    const r = capture(exchangeOf(f, { status: 0, statusText: '', responseBody: undefined, responseIssue: 'network-error' }), {});
    expect(r.drafts).toHaveLength(3);
    for (const d of r.drafts) expect(d).toMatchObject({ status: 'failed', errors: [{ code: 'NETWORK_ERROR' }] });
  });

  it('a success that leaves an item out keeps that item Pending instead of guessing', () => {
    const f = loadFixture('makro/listings-update-success');
    const body = { result: { status: 'success', bulkResponse: [{ skuID: 'DEFY-KT-17L-WHT', status: 'updated' }] } };
    const r = capture(exchangeOf(f, { responseBody: body }), {});
    expect(r.drafts.map((d) => [d.sku, d.status, d.errors[0]?.code])).toEqual([
      ['DEFY-KT-17L-WHT', 'success', undefined],
      ['RH-IRON-2400', 'pending', 'NO_ITEM_RESULT'],
      ['SNAPPY-AF-5L-BLK', 'pending', 'NO_ITEM_RESULT'],
    ]);
  });

  it('an item status that is not created/updated, without errors, is Failed with that status', () => {
    const f = loadFixture('makro/listings-update-seller-in-body');
    const body = { result: { status: 'success', bulkResponse: [{ skuID: 'DEFY-KT-17L-BLK', status: 'rejected' }] } };
    const r = capture(exchangeOf(f, { responseBody: body }), {});
    expect(r.drafts[0]).toMatchObject({
      status: 'failed',
      errors: [{ code: 'ITEM_NOT_SAVED', message: 'Makro answered "rejected" for this SKU without a reason.' }],
    });
  });
});

describe('makro Store ID', () => {
  it('listings-update-success: from the sellerId query parameter', () => {
    expect(run('listings-update-success').drafts[0]!.storeId).toBe(SELLER);
  });

  it('listings-update-seller-in-body: from the body when the URL has none; the bare {skuID} answer is a Success', () => {
    const r = run('listings-update-seller-in-body');
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]).toMatchObject({
      status: 'success',
      storeId: SELLER,
      sku: 'DEFY-KT-17L-BLK',
      productId: 'KTLHB4N8RZ2QX7PM',
      listingUrl: link('KTLHB4N8RZ2QX7PM'),
      errors: [],
    });
    expect(r.ctx.makro).toEqual({ storeId: SELLER });
  });

  it('the query wins over the body when both are present', () => {
    const f = loadFixture('makro/listings-update-success');
    const r = capture(
      exchangeOf(f, { url: 'https://seller.makro.co.za/napi/listing/create-update-listings?sellerId=0b7e55c1d2a94f36' }),
      {},
    );
    expect(r.drafts[0]!.storeId).toBe('0b7e55c1d2a94f36');
  });

  it('a draft create (no seller id of its own) takes the one an earlier capture on the page taught', () => {
    const [, create] = captureAll(['makro/listings-update-success', 'makro/product-draft-create-kettle']);
    expect(create!.drafts[0]!.storeId).toBe(SELLER);
    expect(run('product-draft-create-kettle').drafts[0]!.storeId).toBeUndefined();
  });
});

describe('makro listing link', () => {
  it.each([
    ['prnh5ugwzejazdca', 'lower case'],
    ['PRNH5UGWZEJAZDC', '15 characters'],
    ['PRNH5UGWZEJAZDCAX', '17 characters'],
    ['PRNH5UGW-EJAZDCA', 'not alphanumeric'],
    ['javascript:alert1', 'a script'],
  ])('no link for FSN %s (%s), but the id is kept', (fsn) => {
    const f = loadFixture('makro/listings-update-seller-in-body');
    const body = structuredClone(f.request.body) as { bulkRequests: Record<string, unknown>[] };
    body.bulkRequests[0]!.productId = fsn;
    const r = capture(exchangeOf(f, { requestBody: body }), {});
    expect(r.drafts[0]!.listingUrl).toBeUndefined();
    expect(r.drafts[0]!.productId).toBe(fsn);
  });

  it('the link is https on www.makro.co.za, which the record validator accepts', () => {
    const d = run('listings-update-seller-in-body').drafts[0]!;
    expect(safeLink('makro', d.listingUrl)).toBe('https://www.makro.co.za/-/p/KTLHB4N8RZ2QX7PM?pid=KTLHB4N8RZ2QX7PM');
  });
});

describe('makro new product flow (create → submit → QC)', () => {
  it('product-draft-create-air-purifier: a Pending draft keyed by the requestId, with the vertical as category', () => {
    const r = run('product-draft-create-air-purifier', STORE);
    expect(r.drafts).toEqual([
      {
        key: `draft:${AIR_PURIFIER}`,
        platform: 'makro',
        kind: 'publish',
        status: 'pending',
        observedAt: expect.any(Number),
        storeId: SELLER,
        draftId: AIR_PURIFIER,
        categoryId: 'air_purifier',
        errors: [],
        changes: [],
      },
    ]);
  });

  it('the category falls back to the page hash vertical, then to the vid', () => {
    const f = loadFixture('makro/product-draft-create-air-purifier');
    const noVertical = { ...(f.request.body as Record<string, unknown>), vertical: undefined };
    const fromHash = capture(exchangeOf(f, { requestBody: noVertical }), {});
    expect(fromHash.drafts[0]!.categoryId).toBe('air_purifier');
    const vidOnly = capture(
      exchangeOf(f, { requestBody: noVertical, pageUrl: 'https://seller.makro.co.za/index.html#dashboard/addListings/single' }),
      {},
    );
    expect(vidOnly.drafts[0]!.categoryId).toBe('2258');
  });

  it('product-submit-errors-air-purifier: create → submit with errors is Failed with every message, on the same record key', () => {
    const [create, submit] = captureAll(['makro/product-draft-create-air-purifier', 'makro/product-submit-errors-air-purifier'], STORE);
    const d = submit!.drafts[0]!;
    expect(submit!.drafts).toHaveLength(1);
    expect(d.key).toBe(create!.drafts[0]!.key);
    expect(d).toMatchObject({ status: 'failed', draftId: AIR_PURIFIER, categoryId: 'air_purifier', sku: 'DEX-AP200-WHT', storeId: SELLER });
    expect(d.errors).toEqual([
      { message: 'Please fill all mandatory attributes' },
      { code: 'BRAND_APPROVAL_REQUIRED', message: 'Brand Dexmary needs approval before you can sell in Air Purifiers' },
      { message: 'Image 2 is below the minimum resolution of 1000 x 1000 pixels' },
      { code: 'SSP_GT_MRP', message: 'Selling price (R2 899) cannot be greater than MRP (R2 499)' },
    ]);
    // Catalogue attributes that name the product, then the listing allowlist; no description, images or addresses.
    expect(d.changes).toEqual([
      { field: 'brand', value: 'Dexmary' },
      { field: 'model_name', value: 'AP-200 Smart' },
      { field: 'color', value: 'White' },
      { field: 'sku_id', value: 'DEX-AP200-WHT' },
      { field: 'listing_status', value: 'ACTIVE' },
      { field: 'mrp', value: '2499' },
      { field: 'flipkart_selling_price', value: '2899' },
      { field: 'stock_size', value: '15' },
      { field: 'procurement_sla', value: '2' },
    ]);
  });

  it('submit error entries that are strings, odd objects or attribute maps are all read; garbage entries are skipped', () => {
    const f = loadFixture('makro/product-submit-errors-air-purifier');
    const body = {
      errorDetails: {
        globalErrors: 'Please fill all mandatory attributes',
        catalogErrors: {
          manualValidationErrors: { globalErrors: [null, 42, {}, { reason: 'Brand Abuse' }] },
          systemValidationErrors: { attributeErrors: { model_name: ['Model name is too long'] } },
        },
        listingErrors: { systemValidationErrors: { globalErrors: [{ errorCode: 'MRP_MISSING' }] } },
      },
    };
    const r = capture(exchangeOf(f, { responseBody: body }), {});
    expect(r.drafts[0]!.status).toBe('failed');
    expect(r.drafts[0]!.errors).toEqual([
      { message: 'Please fill all mandatory attributes' },
      { message: 'Brand Abuse' },
      { field: 'model_name', message: 'Model name is too long' },
      { message: 'MRP_MISSING' },
    ]);
  });

  it('product-submit-clean-kettle: a clean submit is Pending (in quality control) with no errors, not Success', () => {
    const [create, submit] = captureAll(['makro/product-draft-create-kettle', 'makro/product-submit-clean-kettle'], STORE);
    expect(submit!.drafts).toHaveLength(1);
    expect(submit!.drafts[0]).toMatchObject({
      key: create!.drafts[0]!.key,
      status: 'pending',
      errors: [],
      draftId: KETTLE,
      categoryId: 'electric_kettle',
      sku: 'DEFY-KT1700-BLK',
    });
  });

  it('qc-poll-rejected-and-live: content[].groups[0] settles the kettle live (Success) on its draft key, with FSN link and title', () => {
    const [create, submit, qc] = captureAll(
      ['makro/product-draft-create-kettle', 'makro/product-submit-clean-kettle', 'makro/qc-poll-rejected-and-live'],
      STORE,
    );
    const kettle = qc!.drafts.find((d) => d.draftId === KETTLE);
    expect(kettle).toEqual({
      key: `draft:${KETTLE}`,
      platform: 'makro',
      kind: 'publish',
      status: 'success',
      observedAt: expect.any(Number),
      storeId: SELLER,
      draftId: KETTLE,
      categoryId: 'electric_kettle',
      productId: 'LSTKTLHB4N8RZ2QX7PMXC4D9F',
      sku: 'DEFY-KT1700-BLK',
      title: 'Defy KT-1700 Cordless 1.7 L Electric Kettle (Black)',
      listingUrl: link('KTLHB4N8RZ2QX7PM'),
      errors: [],
      changes: [],
    });
    expect(kettle!.key).toBe(create!.drafts[0]!.key);
    expect(kettle!.key).toBe(submit!.drafts[0]!.key);
    expect(qc!.unrecognised).toEqual([]);
  });

  it('qc-poll-rejected-and-live: QC_FAILED settles the air purifier (its groupId) as Failed with every reason of errorDetails', () => {
    const qc = run('qc-poll-rejected-and-live');
    const air = qc.drafts.find((d) => d.draftId === AIR_PURIFIER);
    expect(air).toMatchObject({ key: `draft:${AIR_PURIFIER}`, status: 'failed', categoryId: 'air_purifier', storeId: SELLER });
    expect(air!.errors).toEqual([
      {
        message: 'Brand Mismatch: the brand on the product images does not match the brand entered (Philips)',
        code: 'QC_BRAND_MISMATCH',
      },
      { message: 'Image has a watermark', code: 'IMG_WATERMARK', field: 'image_url_2' },
      { message: 'Sales Package Error: the sales package does not list the filter' },
    ]);
  });

  it('qc-poll-rejected-and-live: DRAFT, in-QC states and malformed items settle nothing (only the two final items)', () => {
    const qc = run('qc-poll-rejected-and-live');
    expect(qc.drafts.map((d) => d.draftId).sort()).toEqual([KETTLE, AIR_PURIFIER].sort());
  });

  it.each([
    ['SUBMITTED', undefined],
    ['FSN_CREATION_IN_PROGRESS', undefined],
    ['FSN_CREATION_COMPLETED', undefined],
    ['LISTING_CREATION_IN_PROGRESS', undefined],
    ['LISTING_REQUEST_SUBMITTED', undefined],
    ['DRAFT', undefined],
    ['SOMETHING_NEW', undefined],
    ['QC_FAILED', 'failed'],
    ['LISTING_CREATION_ERROR', 'failed'],
    ['LISTING_CREATION_COMPLETED', 'success'],
    ['COMPLETED', 'success'],
    ['completed', 'success'],
  ])('QC state %s → %s', (state, status) => {
    const f = loadFixture('makro/qc-poll-rejected-and-live');
    const r = capture(exchangeOf(f, { responseBody: { content: [{ groups: [{ requestId: KETTLE, state }] }] } }), {});
    expect(r.drafts.map((d) => d.status)).toEqual(status ? [status] : []);
  });

  it('a failed state without reasons still says why, with the state as the code', () => {
    const f = loadFixture('makro/qc-poll-rejected-and-live');
    const r = capture(
      exchangeOf(f, { responseBody: { content: [{ groups: [{ requestId: KETTLE, state: 'LISTING_CREATION_ERROR' }] }] } }),
      {},
    );
    expect(r.drafts[0]).toMatchObject({
      status: 'failed',
      errors: [{ code: 'LISTING_CREATION_ERROR', message: expect.stringContaining('LISTING_CREATION_ERROR') }],
    });
  });

  it('a failed status poll settles nothing', () => {
    const f = loadFixture('makro/qc-poll-rejected-and-live');
    for (const over of [
      { status: 503, statusText: 'Service Unavailable', responseBody: undefined },
      { status: 429, statusText: 'Too Many Requests' },
    ]) {
      expect(capture(exchangeOf(f, over), STORE).drafts).toEqual([]);
    }
  });

  it('a submit that was throttled is Failed with a rate-limit reason on the draft key (requestId from the request)', () => {
    const f = loadFixture('makro/product-submit-clean-kettle');
    const r = capture(
      exchangeOf(f, { status: 429, statusText: 'Too Many Requests', responseBody: undefined, responseIssue: 'not-json' }),
      {},
    );
    expect(r.drafts[0]).toMatchObject({ key: `draft:${KETTLE}`, status: 'failed', errors: [{ code: 'RATE_LIMITED' }] });
  });

  it('a submit without a requestId in its body takes it from the page hash', () => {
    const f = loadFixture('makro/product-submit-clean-kettle');
    const req = { ...(f.request.body as Record<string, unknown>), requestId: undefined };
    const r = capture(exchangeOf(f, { requestBody: req, responseBody: {} }), {});
    expect(r.drafts[0]).toMatchObject({ key: `draft:${KETTLE}`, status: 'pending', errors: [] });
  });

  it('a draft create answered without a requestId is Pending and says it cannot be followed', () => {
    const f = loadFixture('makro/product-draft-create-kettle');
    const r = capture(exchangeOf(f, { responseBody: { txnId: 'TXN-1d93e0a6c5f2' } }), {});
    expect(r.drafts[0]).toMatchObject({ key: expect.stringMatching(/^cap:/), status: 'pending', errors: [{ code: 'NO_REQUEST_ID' }] });
  });

  it('a draft create refused with errors (a gated brand) is Failed', () => {
    const f = loadFixture('makro/product-draft-create-kettle');
    const r = capture(
      exchangeOf(f, { responseBody: { errors: [{ code: 'BRAND_GATED', message: 'Brand Defy requires approval in Electric Kettles' }] } }),
      {},
    );
    expect(r.drafts[0]).toMatchObject({
      status: 'failed',
      errors: [{ code: 'BRAND_GATED', message: 'Brand Defy requires approval in Electric Kettles' }],
    });
  });
});

describe('makro unknown and garbage shapes', () => {
  it('listings-update-unknown-shape: no throw; each real item sent is Pending with an unknown-response reason; null items dropped', () => {
    const r = run('listings-update-unknown-shape');
    expect(r.unrecognised).toEqual([]);
    expect(r.drafts).toHaveLength(2);
    const [numeric, kettle] = r.drafts;
    expect(numeric).toMatchObject({
      status: 'pending',
      sku: '5678',
      productId: '1234',
      changes: [],
      errors: [{ code: 'UNKNOWN_RESPONSE' }],
    });
    expect(numeric!.listingUrl).toBeUndefined();
    expect(kettle).toMatchObject({
      status: 'pending',
      sku: 'DEFY-KT-17L-WHT',
      listingUrl: link('KTLH7ZQ4MNB2WXAY'),
      errors: [{ code: 'UNKNOWN_RESPONSE' }],
    });
    expect(kettle!.changes).toEqual([
      { field: 'mrp', value: 599 },
      { field: 'flipkart_selling_price', value: '449' },
    ]);
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'OK'],
    ['an array', []],
    ['result as an array', { result: [] }],
    ['result.status as a number', { result: { status: 200, bulkResponse: [] } }],
  ])('a listing answer that is %s: every item Pending with an unknown-response reason', (_label, body) => {
    const f = loadFixture('makro/listings-update-rate-limited-429');
    const r = capture(exchangeOf(f, { status: 200, statusText: 'OK', responseBody: body }), {});
    expect(r.drafts).toHaveLength(2);
    for (const d of r.drafts) expect(d).toMatchObject({ status: 'pending', errors: [{ code: 'UNKNOWN_RESPONSE' }] });
  });

  it('no items in the request and no items in the answer: no record', () => {
    const f = loadFixture('makro/listings-update-success');
    for (const requestBody of [{}, { bulkRequests: null }, { bulkRequests: [] }, { bulkRequests: [null, 7, 'x'] }]) {
      const r = capture(exchangeOf(f, { requestBody, responseBody: { result: { status: 'success', bulkResponse: [] } } }), {});
      expect(r.drafts).toEqual([]);
    }
  });

  it('an unreadable request body with a failed answer still leaves one record saying so', () => {
    const f = loadFixture('makro/listings-update-http-500-html');
    const r = capture(exchangeOf(f, { requestBody: undefined }), {});
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]).toMatchObject({
      key: expect.stringMatching(/^cap:cap-\d+$/),
      status: 'failed',
      storeId: SELLER,
      errors: [{ code: 'HTTP_500' }],
    });
  });

  it('an unreadable request body with per-item answers records what the answer names', () => {
    const f = loadFixture('makro/listings-update-mixed');
    const r = capture(exchangeOf(f, { requestBody: undefined }), {});
    expect(r.drafts.map((d) => [d.sku, d.status])).toEqual([
      ['PHILIPS-HD-2200', 'failed'],
      ['SNAPPY-AF-5L-BLK', 'success'],
      ['RH-IRON-2400', 'failed'],
    ]);
  });

  it('answers without a SKU are matched by position', () => {
    const f = loadFixture('makro/listings-update-result-failure');
    const body = structuredClone(f.request.body) as { bulkRequests: Record<string, unknown>[] };
    for (const item of body.bulkRequests) delete item.skuId;
    for (const item of body.bulkRequests) item.attributeValues = {};
    const answer = {
      result: { status: 'success', bulkResponse: [{ status: 'updated' }, { status: 'failed', globalErrors: ['Invalid listing'] }] },
    };
    const r = capture(exchangeOf(f, { requestBody: body, responseBody: answer }), {});
    expect(r.drafts.map((d) => [d.key.replace(/^cap:cap-\d+:/, ''), d.productId, d.status])).toEqual([
      ['#0', 'KTLH7ZQ4MNB2WXAY', 'success'],
      ['#1', 'IRNH5KX2PL8QWERA', 'failed'],
    ]);
  });

  it('hundreds of errors on one item are capped so the capture is never refused as a whole', () => {
    const f = loadFixture('makro/listings-update-seller-in-body');
    const many = Array.from({ length: 300 }, (_, i) => `Error ${i}`);
    const r = capture(
      exchangeOf(f, { responseBody: { result: { status: 'success', bulkResponse: [{ skuID: 'DEFY-KT-17L-BLK', globalErrors: many }] } } }),
      {},
    );
    const errors = r.drafts[0]!.errors;
    expect(errors).toHaveLength(50);
    expect(errors[49]).toEqual({ code: 'MORE_ERRORS', message: '…and 251 more errors: see them in the Makro portal.' });
  });

  it('a submit answered with a non-object body is Pending with an unknown-response reason', () => {
    const f = loadFixture('makro/product-submit-clean-kettle');
    for (const body of [null, 'OK', [1, 2]]) {
      const r = capture(exchangeOf(f, { responseBody: body }), {});
      expect(r.drafts[0]).toMatchObject({ key: `draft:${KETTLE}`, status: 'pending', errors: [{ code: 'UNKNOWN_RESPONSE' }] });
    }
  });

  it.each([
    ['null', null],
    ['a string', 'nope'],
    ['an object of nulls', { content: null }],
    ['content as an object', { content: { groups: [{ requestId: KETTLE, state: 'COMPLETED' }] } }],
    ['groups as an object', { content: [{ groups: { requestId: KETTLE, state: 'COMPLETED' } }] }],
    ['the old guessed shape', { requests: [{ requestId: KETTLE, status: 'APPROVED' }] }],
  ])('a QC poll answer that is %s settles nothing and does not throw', (_label, body) => {
    const f = loadFixture('makro/qc-poll-rejected-and-live');
    const r = capture(exchangeOf(f, { responseBody: body }), {});
    expect(r).toMatchObject({ drafts: [], unrecognised: [] });
  });
});

describe('makro fixtures', () => {
  const names = readdirSync(join(FIXTURES, 'makro')).map((f) => f.replace(/\.json$/, ''));

  it.each(names)('%s: every draft passes the background validator unchanged', (name) => {
    const r = run(name, STORE);
    expect(r.drafts.length).toBeGreaterThan(0);
    for (const d of r.drafts) {
      const checked = checkDraft(d, Date.UTC(2030, 0, 1));
      expect(checked).toEqual({ ok: true, value: d });
    }
  });
});

describe('makro routing', () => {
  it('portal pages and rules', () => {
    const parse = (u: string): URL => new URL(u);
    expect(route('POST', parse('https://seller.makro.co.za/napi/listing/create-update-listings?sellerId=x'))).toMatchObject({
      kind: 'rule',
      platform: 'makro',
    });
    expect(route('GET', parse('https://seller.makro.co.za/napi/listing/listingsDataForStates'))).toBeUndefined();
    expect(route('POST', parse('https://seller.makro.co.za/index.html'))).toBeUndefined();
    expect(route('POST', parse('https://www.makro.co.za/napi/listing/create-update-listings'))).toBeUndefined();
  });

  it('an unknown write to /napi/ is counted with its path template, never its body', () => {
    const r = capture(
      exchangeOf(loadFixture('makro/listings-update-success'), {
        url: 'https://seller.makro.co.za/napi/listing/updateListingAttributes?sellerId=a3f91c0d7b2e4856',
      }),
      {},
    );
    expect(r.drafts).toEqual([]);
    expect(r.unrecognised).toEqual([
      expect.objectContaining({ platform: 'makro', method: 'POST', endpoint: 'seller.makro.co.za/napi/listing/updateListingAttributes' }),
    ]);
    expect(JSON.stringify(r.unrecognised)).not.toContain('flipkart_selling_price');
  });
});

describe('makro portal links', () => {
  const base: RecordLinkFields = { platform: 'makro', kind: 'publish' };
  const record = (over: Partial<RecordLinkFields> & { categoryId?: string }): RecordLinkFields =>
    ({ ...base, ...over }) as RecordLinkFields;

  it('fixUrl: a draft opens the single-listing form with its requestId and vertical', () => {
    const url = fixUrl(record({ draftId: AIR_PURIFIER, categoryId: 'air_purifier' }));
    expect(url).toBe(`https://seller.makro.co.za/index.html#dashboard/addListings/single?requestId=${AIR_PURIFIER}&vertical=air_purifier`);
    expect(safeLink('makro', url)).toBe(url);
  });

  it('fixUrl: a draft with only a vid (or no category) goes to Listings in progress', () => {
    expect(fixUrl(record({ draftId: AIR_PURIFIER, categoryId: '2258' }))).toBe(
      'https://seller.makro.co.za/index.html#dashboard/listingsInProgress',
    );
    expect(fixUrl(record({ draftId: AIR_PURIFIER }))).toBe('https://seller.makro.co.za/index.html#dashboard/listingsInProgress');
  });

  it('fixUrl: a listing goes to listings management', () => {
    const url = fixUrl(record({ sku: 'RH-IRON-2400', productId: 'LSTIRNH5KX2PL8QWERAH2ZT4N' }));
    expect(url).toBe('https://seller.makro.co.za/index.html#dashboard/listings-management?listingState=ACTIVE');
    expect(safeLink('makro', url)).toBe(url);
  });

  it('fixUrl: an odd requestId is encoded, never breaking out of the hash query', () => {
    const url = fixUrl(record({ draftId: 'a&vertical=evil#x', categoryId: 'air_purifier' }))!;
    expect(new URLSearchParams(url.split('?')[1]).get('requestId')).toBe('a&vertical=evil#x');
    expect(new URLSearchParams(url.split('?')[1]).getAll('vertical')).toEqual(['air_purifier']);
  });

  it('statusUrl: pending drafts on Listings in progress, listing writes on listings management', () => {
    expect(statusUrl(record({ draftId: KETTLE }))).toBe('https://seller.makro.co.za/index.html#dashboard/listingsInProgress');
    expect(statusUrl(record({ sku: 'DEFY-KT-17L-WHT' }))).toBe(
      'https://seller.makro.co.za/index.html#dashboard/listings-management?listingState=ACTIVE',
    );
  });
});

describe('makro unrecognised writes', () => {
  it('counts an unknown save-like POST but not image uploads or searches', () => {
    expect(route('POST', new URL('https://seller.makro.co.za/napi/listing/create-update-listings-v3?sellerId=a1'))?.kind).toBe(
      'unrecognised',
    );
    expect(route('POST', new URL('https://seller.makro.co.za/napi/scf/uploadImage?vid=1'))).toBeUndefined();
    expect(route('POST', new URL('https://seller.makro.co.za/napi/listing/searchListings'))).toBeUndefined();
  });
});
