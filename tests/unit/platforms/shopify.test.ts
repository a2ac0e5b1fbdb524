import { describe, expect, it } from 'vitest';
import { capture, fixUrl, route, statusUrl } from '@/lib/platforms';
import { shopify } from '@/lib/platforms/shopify';
import { captureAll, exchangeOf, loadFixture } from '../../helpers/fixtures';

const STORE = 'ubuntu-threads';
const ADMIN = `https://admin.shopify.com/store/${STORE}`;
const OP = 'gid://shopify/ProductSetOperation/2098765432';
const BULK = 'gid://shopify/BulkOperation/5512345678';

const run = (path: string, over: Parameters<typeof exchangeOf>[1] = {}) => capture(exchangeOf(loadFixture(`shopify/${path}`), over), {});
const one = (path: string, over: Parameters<typeof exchangeOf>[1] = {}) => {
  const r = run(path, over);
  expect(r.unrecognised).toEqual([]);
  expect(r.drafts).toHaveLength(1);
  return r.drafts[0]!;
};
const nothing = { drafts: [], jobs: [], unrecognised: [] };

describe('shopify/product writes', () => {
  it('product-create-success: one Success publish with ids, category tail, link and allowlisted changes', () => {
    const d = one('product-create-success');
    expect(d).toMatchObject({
      platform: 'shopify',
      kind: 'publish',
      status: 'success',
      errors: [],
      storeId: STORE,
      productId: '8123456789012',
      title: 'Shweshwe Wrap Dress - Indigo',
      categoryId: 'aa-1-4',
      listingUrl: `${ADMIN}/products/8123456789012`,
    });
    expect(d.key).toMatch(/^cap:cap-\d{6}$/);
    expect(d.sku).toBeUndefined(); // the default variant has no SKU yet
    expect(d.changes).toEqual([
      { field: 'title', value: 'Shweshwe Wrap Dress - Indigo' },
      { field: 'handle', value: 'shweshwe-wrap-dress-indigo' },
      { field: 'status', value: 'DRAFT' },
      { field: 'vendor', value: 'Ubuntu Threads' },
      { field: 'productType', value: 'Dresses' },
      { field: 'tags', value: ['shweshwe', 'handmade', 'cape-town'] },
      { field: 'descriptionHtml', value: '<p>Hand-cut from Da Gama shweshwe cotton in Woodstock, Cape Town. Wrap fit, mid-length.</p>' },
      { field: 'category', value: 'gid://shopify/TaxonomyCategory/aa-1-4' },
    ]);
    // seo and metafields (a supplier cost) are never kept.
    expect(JSON.stringify(d)).not.toContain('310.00');
  });

  it('product-create-user-errors: Failed with the message and the field path', () => {
    const d = one('product-create-user-errors');
    expect(d).toMatchObject({ status: 'failed', kind: 'publish', storeId: STORE });
    expect(d.errors).toEqual([{ message: "Title can't be blank", field: 'title' }]);
    expect(d.productId).toBeUndefined();
    expect(d.listingUrl).toBeUndefined();
    expect(d.changes.map((c) => c.field)).toEqual(['status', 'vendor', 'productType']);
  });

  it('product-update-admin: productUpdate via the admin operation URL, SKU evident from the only variant', () => {
    const d = one('product-update-admin');
    expect(d).toMatchObject({
      status: 'success',
      storeId: STORE,
      productId: '8123456789012',
      title: 'Shweshwe Wrap Dress - Indigo',
      sku: 'UT-SWD-IND-M',
      categoryId: 'aa-1-4',
      listingUrl: `${ADMIN}/products/8123456789012`,
      errors: [],
    });
    expect(d.changes).toEqual([
      { field: 'title', value: 'Shweshwe Wrap Dress - Indigo' },
      { field: 'status', value: 'ACTIVE' },
      { field: 'tags', value: ['shweshwe', 'handmade', 'cape-town', 'winter-2026'] },
    ]);
  });

  it('product-update-legacy-core: productUpdate via myshopify graphql/core, store from the host, description truncated', () => {
    const d = one('product-update-legacy-core');
    expect(d).toMatchObject({
      status: 'success',
      storeId: STORE,
      productId: '8123456790011',
      title: 'Ndebele Print Tote Bag',
      listingUrl: `${ADMIN}/products/8123456790011`,
    });
    expect(d.changes.map((c) => c.field)).toEqual(['title', 'vendor', 'productType', 'descriptionHtml']);
    const description = d.changes.find((c) => c.field === 'descriptionHtml')!.value as string;
    expect(description).toHaveLength(300);
    expect(description.endsWith('…')).toBe(true);
  });

  it('product-set-handle-not-unique: Failed with code, field and message; SKU and title from the input', () => {
    const d = one('product-set-handle-not-unique');
    expect(d).toMatchObject({ status: 'failed', kind: 'publish', sku: 'UT-RBB-250', title: 'Rooibos Body Butter 250ml', storeId: STORE });
    expect(d.key).toMatch(/^cap:/);
    expect(d.jobId).toBeUndefined();
    expect(d.errors).toEqual([
      {
        code: 'HANDLE_NOT_UNIQUE',
        field: 'input.handle',
        message: "Handle 'rooibos-body-butter' already in use. Please provide a new handle.",
      },
    ]);
    expect(d.changes).toEqual([
      { field: 'title', value: 'Rooibos Body Butter 250ml' },
      { field: 'handle', value: 'rooibos-body-butter' },
      { field: 'status', value: 'ACTIVE' },
      { field: 'vendor', value: 'Ubuntu Threads' },
      {
        field: 'variants',
        value: [{ sku: 'UT-RBB-250', price: '189.00', compareAtPrice: '219.00', barcode: '6009880123457', options: ['Size: 250ml'] }],
      },
    ]);
  });

  it('variants-bulk-update-duplicate-barcode: Failed for the product, with the variant path of the error', () => {
    const d = one('variants-bulk-update-duplicate-barcode');
    expect(d).toMatchObject({
      status: 'failed',
      productId: '8123456789012',
      title: 'Shweshwe Wrap Dress - Indigo',
      listingUrl: `${ADMIN}/products/8123456789012`,
    });
    expect(d.sku).toBeUndefined(); // two variants, two SKUs: none is evident
    expect(d.errors).toEqual([
      {
        code: 'DUPLICATE_BARCODE_VALUE',
        field: 'variants.1.barcode',
        message: 'Barcode 6009880123464 is already used by another variant.',
      },
    ]);
    expect(d.changes).toEqual([
      {
        field: 'variants',
        value: [
          { sku: 'UT-SWD-IND-M', price: '849.00', barcode: '6009880123464' },
          { sku: 'UT-SWD-IND-L', price: '849.00', barcode: '6009880123464' },
        ],
      },
    ]);
  });

  it('variants-bulk-update-success: a persisted query (no text) is recognised by its response data', () => {
    const d = one('variants-bulk-update-success');
    expect(d).toMatchObject({
      status: 'success',
      productId: '8123456790011',
      sku: 'UT-NPT-STD',
      title: 'Ndebele Print Tote Bag',
      storeId: STORE,
    });
    expect(d.changes).toEqual([{ field: 'variants', value: [{ sku: 'UT-NPT-STD', price: '399.00', compareAtPrice: '449.00' }] }]);
  });
});

describe('shopify/productSet asynchronous', () => {
  it('product-set-async-pending: Pending under the operation gid, ids from the identifier', () => {
    const d = one('product-set-async-pending');
    expect(d).toMatchObject({
      key: `job:${OP}`,
      jobId: OP,
      kind: 'publish',
      status: 'pending',
      errors: [],
      productId: '8123456791234',
      title: 'Protea Print Scarf',
      listingUrl: `${ADMIN}/products/8123456791234`,
    });
    expect(d.sku).toBeUndefined();
    expect(d.changes.find((c) => c.field === 'variants')!.value).toEqual([
      { sku: 'UT-PPS-RED', price: '349.00', options: ['Colour: Red'], inventoryQuantities: [{ name: 'available', quantity: 14 }] },
      { sku: 'UT-PPS-BLU', price: '349.00', options: ['Colour: Blue'], inventoryQuantities: [{ name: 'available', quantity: 9 }] },
    ]);
  });

  it('product-operation-active → product-operation-complete: nothing while ACTIVE, then Success on the same record key', () => {
    const [start, active, done] = captureAll([
      'shopify/product-set-async-pending',
      'shopify/product-operation-active',
      'shopify/product-operation-complete',
    ]);
    expect(active).toMatchObject(nothing);
    expect(done!.jobs).toEqual([]);
    expect(done!.drafts).toHaveLength(1);
    expect(done!.drafts[0]!.key).toBe(start!.drafts[0]!.key);
    expect(done!.drafts[0]).toMatchObject({
      status: 'success',
      jobId: OP,
      errors: [],
      changes: [],
      productId: '8123456791234',
      title: 'Protea Print Scarf',
      storeId: STORE,
    });
  });

  it('a COMPLETE operation with userErrors settles the record as Failed', () => {
    const f = loadFixture('shopify/product-operation-complete');
    const body = structuredClone(f.response.body) as { data: { productOperation: Record<string, unknown> } };
    body.data.productOperation.product = null;
    body.data.productOperation.userErrors = [{ code: 'INVALID_VARIANT', field: ['input', 'variants', '0'], message: 'Variant is invalid' }];
    const d = capture(exchangeOf(f, { responseBody: body }), {}).drafts[0]!;
    expect(d).toMatchObject({ key: `job:${OP}`, status: 'failed' });
    expect(d.errors).toEqual([{ code: 'INVALID_VARIANT', field: 'input.variants.0', message: 'Variant is invalid' }]);
  });

  it('synchronous: false as a variable, answered without an operation id: Pending and says why', () => {
    const f = loadFixture('shopify/product-set-async-pending');
    const req = structuredClone(f.request.body) as { query: string; variables: Record<string, unknown> };
    req.query = req.query.replace('synchronous: false', 'synchronous: $sync');
    req.variables.sync = false;
    const d = one('product-set-async-pending', {
      requestBody: req,
      responseBody: { data: { productSet: { product: null, productSetOperation: null, userErrors: [] } } },
    });
    expect(d).toMatchObject({ status: 'pending', errors: [{ code: 'NO_OPERATION_ID' }], productId: '8123456791234' });
    expect(d.key).toMatch(/^cap:/);
  });
});

describe('shopify/bulk operations', () => {
  it('bulk-operation-run-pending: one Pending import under the bulk operation gid', () => {
    const d = one('bulk-operation-run-pending');
    expect(d).toEqual({
      key: `job:${BULK}`,
      platform: 'shopify',
      kind: 'import',
      status: 'pending',
      observedAt: d.observedAt,
      storeId: STORE,
      jobId: BULK,
      errors: [],
      changes: [],
    });
  });

  it('bulk-operation-run-pending → current-bulk-operation-running → -completed: a Success JobSettlement for the same job id', () => {
    const [start, running, done] = captureAll([
      'shopify/bulk-operation-run-pending',
      'shopify/current-bulk-operation-running',
      'shopify/current-bulk-operation-completed',
    ]);
    expect(running).toMatchObject(nothing);
    expect(done!.drafts).toEqual([]);
    expect(done!.jobs).toEqual([
      { platform: 'shopify', jobId: start!.drafts[0]!.jobId, status: 'success', errors: [], observedAt: done!.jobs[0]!.observedAt },
    ]);
  });

  it('bulk-operation-node-failed: a node(id:) poll settles the job as Failed with the error code', () => {
    const [, failed] = captureAll(['shopify/bulk-operation-run-pending', 'shopify/bulk-operation-node-failed']);
    expect(failed!.drafts).toEqual([]);
    expect(failed!.jobs).toHaveLength(1);
    expect(failed!.jobs[0]).toMatchObject({ platform: 'shopify', jobId: BULK, status: 'failed' });
    expect(failed!.jobs[0]!.errors).toEqual([
      {
        code: 'TIMEOUT',
        message:
          'Shopify stopped the bulk import because it took too long; try again with fewer items. Some products may not have been saved.',
      },
    ]);
  });

  it('a bulk export (currentBulkOperation of type QUERY) settles nothing', () => {
    const f = loadFixture('shopify/current-bulk-operation-completed');
    const body = structuredClone(f.response.body) as { data: { currentBulkOperation: Record<string, unknown> } };
    body.data.currentBulkOperation.type = 'QUERY';
    expect(capture(exchangeOf(f, { responseBody: body }), {})).toMatchObject(nothing);
  });

  it('a bulk mutation over something other than products is not a listing import', () => {
    const f = loadFixture('shopify/bulk-operation-run-pending');
    const req = structuredClone(f.request.body) as { variables: Record<string, unknown> };
    req.variables.mutation = 'mutation call($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { message } } }';
    expect(capture(exchangeOf(f, { requestBody: req }), {})).toMatchObject(nothing);
  });

  it('a refused bulk mutation (OPERATION_IN_PROGRESS) is a Failed import', () => {
    const d = one('bulk-operation-run-pending', {
      responseBody: {
        data: {
          bulkOperationRunMutation: {
            bulkOperation: null,
            userErrors: [
              {
                field: null,
                code: 'OPERATION_IN_PROGRESS',
                message: 'A bulk mutation operation for this app and shop is already in progress.',
              },
            ],
          },
        },
      },
    });
    expect(d).toMatchObject({ kind: 'import', status: 'failed', errors: [{ code: 'OPERATION_IN_PROGRESS' }] });
    expect(d.key).toMatch(/^cap:/);
  });
});

describe('shopify/errors', () => {
  it.each(['product-update-throttled-200', 'product-update-throttled-429'])(
    '%s: Failed with a rate-limit reason, ids from the variables',
    (f) => {
      const d = one(f);
      expect(d).toMatchObject({
        status: 'failed',
        productId: '8123456789012',
        listingUrl: `${ADMIN}/products/8123456789012`,
        storeId: STORE,
      });
      expect(d.errors).toEqual([
        { code: 'RATE_LIMITED', message: 'Shopify is limiting how fast changes can be saved (throttled): wait a moment, then save again.' },
      ]);
      expect(d.changes).toEqual([{ field: 'status', value: 'ARCHIVED' }]);
    },
  );

  it('a throttled poll settles nothing', () => {
    const f = loadFixture('shopify/product-operation-complete');
    expect(capture(exchangeOf(f, { responseBody: loadFixture('shopify/product-update-throttled-200').response.body }), {})).toMatchObject(
      nothing,
    );
  });

  it('product-update-http-502-html: Failed with the status text, product id from the variables', () => {
    const d = one('product-update-http-502-html');
    expect(d).toMatchObject({ status: 'failed', productId: '8123456790011', storeId: STORE });
    expect(d.errors).toEqual([{ code: 'HTTP_502', message: 'Shopify answered HTTP 502 (Bad Gateway).' }]);
  });

  it('a 200 whose body is an HTML page stays Pending and says so', () => {
    const d = one('product-update-legacy-core', { responseBody: undefined, responseIssue: 'not-json' });
    expect(d).toMatchObject({ status: 'pending', productId: '8123456790011', errors: [{ code: 'UNREADABLE_RESPONSE' }] });
  });

  it('top-level GraphQL errors on a product mutation: Failed with their messages and codes', () => {
    const d = one('product-update-admin', {
      responseBody: {
        errors: [{ message: 'Access denied for productUpdate field.', extensions: { code: 'ACCESS_DENIED' } }],
        data: { productUpdate: null },
      },
    });
    expect(d).toMatchObject({ status: 'failed', productId: '8123456789012' });
    expect(d.errors).toEqual([{ message: 'Access denied for productUpdate field.', code: 'ACCESS_DENIED' }]);
  });

  it('top-level errors with no data (e.g. a schema error) still fail the write the query text names', () => {
    const d = one('product-update-admin', {
      responseBody: {
        errors: [{ message: "Field 'templateSuffix' doesn't exist on type 'ProductUpdateInput'", extensions: { code: 'undefinedField' } }],
      },
    });
    expect(d).toMatchObject({ status: 'failed', errors: [{ code: 'undefinedField' }] });
  });
});

describe('shopify/unrecognised and ignored', () => {
  it('unknown-mutation: counted with its operation name and endpoint, never its body', () => {
    const r = run('unknown-mutation');
    expect(r.drafts).toEqual([]);
    expect(r.unrecognised).toEqual([
      {
        platform: 'shopify',
        method: 'POST',
        endpoint: `admin.shopify.com/api/shopify/${STORE}`,
        operation: 'CollectionAddProducts',
        // The answer's key paths and types (issue #9), never its values.
        shape: expect.stringContaining('data.collectionAddProducts.collection.title:string'),
        observedAt: r.unrecognised[0]!.observedAt,
        captureId: expect.any(String),
      },
    ]);
    expect(JSON.stringify(r.unrecognised)).not.toMatch(/Winter|412345678901|14/);
  });

  it('plain-query-admin: a plain query on the admin endpoint is not even read', () => {
    const f = loadFixture('shopify/plain-query-admin');
    expect(route('POST', new URL(f.request.url))).toBeUndefined();
    expect(run('plain-query-admin')).toMatchObject(nothing);
  });

  it('plain-query-legacy-core: a plain query is read (the URL does not say) and ignored, node(id:) of a product included', () => {
    const f = loadFixture('shopify/plain-query-legacy-core');
    expect(route('POST', new URL(f.request.url))).toMatchObject({ kind: 'rule', platform: 'shopify' });
    expect(run('plain-query-legacy-core')).toMatchObject(nothing);
  });
});

describe('shopify/garbage shapes', () => {
  it('product-update-garbage-shapes: a numeric id is read, everything odd is dropped, nothing throws', () => {
    const d = one('product-update-garbage-shapes');
    expect(d).toMatchObject({ status: 'success', productId: '8123456789012', listingUrl: `${ADMIN}/products/8123456789012`, changes: [] });
    expect(d.title).toBeUndefined();
    expect(d.categoryId).toBeUndefined();
    expect(d.sku).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['data is a list', { data: [] }],
    ['the payload is a list', { data: { productUpdate: [] } }],
    ['the payload is a string', { data: { productUpdate: 'ok' } }],
    ['the payload has neither product nor userErrors', { data: { productUpdate: { ok: true } } }],
    ['the body is a bare list', [{ data: null }]],
  ])('a mutation answered with a shape we do not know (%s) stays Pending and says so', (_, responseBody) => {
    const d = one('product-update-admin', { responseBody });
    expect(d).toMatchObject({ status: 'pending', errors: [{ code: 'UNEXPECTED_RESPONSE' }], productId: '8123456789012' });
  });

  it.each<[string, unknown]>([
    ['a list', [1, 2]],
    ['a number', 7],
    ['a query that is not a string', { query: 42, variables: 'not json' }],
  ])('a request body that is %s, on a plain 200 mutation with unknown data, is counted not recorded', (_, requestBody) => {
    const r = run('unknown-mutation', { requestBody });
    expect(r.drafts).toEqual([]);
    expect(r.unrecognised).toHaveLength(1);
  });

  it('userErrors in odd shapes: strings accepted, entries without a message dropped', () => {
    const d = one('product-create-user-errors', {
      responseBody: {
        data: {
          productCreate: {
            product: null,
            userErrors: [
              'Vendor is too long',
              { field: 'title', code: 7 },
              { message: 'Handle is invalid', field: ['input', 1, null] },
              null,
            ],
          },
        },
      },
    });
    expect(d.status).toBe('failed');
    expect(d.errors).toEqual([{ message: 'Vendor is too long' }, { message: 'Handle is invalid', field: 'input.1' }]);
  });

  it('a poll with ids of other types, nulls or numbers as status settles nothing', () => {
    const f = loadFixture('shopify/product-operation-complete');
    for (const productOperation of [
      null,
      [],
      { id: 'gid://shopify/ProductDuplicateOperation/1', status: 'COMPLETE' },
      { id: OP, status: 3 },
      { id: 12, status: 'COMPLETE' },
    ]) {
      expect(capture(exchangeOf(f, { responseBody: { data: { productOperation } } }), {})).toMatchObject(nothing);
    }
  });

  it('no captured response at all (network error): Failed with a network reason', () => {
    const d = one('product-update-admin', { status: 0, statusText: '', responseBody: undefined, responseIssue: 'network-error' });
    expect(d).toMatchObject({ status: 'failed', errors: [{ code: 'NETWORK_ERROR' }] });
  });

  it('aliases map each answered field to its own record', () => {
    const f = loadFixture('shopify/product-update-admin');
    const requestBody = {
      query:
        'mutation Two($a: ProductUpdateInput!, $b: ProductUpdateInput!) { first: productUpdate(product: $a) { product { id } userErrors { field message } } second: productUpdate(product: $b) { product { id } userErrors { field message } } }',
      variables: { a: { id: 'gid://shopify/Product/1001', title: 'A' }, b: { id: 'gid://shopify/Product/1002', title: 'B' } },
    };
    const responseBody = {
      data: {
        first: { product: { id: 'gid://shopify/Product/1001' }, userErrors: [] },
        second: { product: null, userErrors: [{ field: ['title'], message: 'Title is too long' }] },
      },
    };
    const r = capture(exchangeOf(f, { requestBody, responseBody }), {});
    expect(r.drafts.map((d) => [d.key.replace(/^cap:cap-\d+/, 'cap'), d.status, d.productId, d.title])).toEqual([
      ['cap:first', 'success', '1001', 'A'],
      ['cap:second', 'failed', '1002', 'B'],
    ]);
  });

  it('a product id inside a string literal of the query cannot fake a field call', () => {
    const f = loadFixture('shopify/unknown-mutation');
    const req = structuredClone(f.request.body) as { query: string };
    req.query = req.query.replace('collectionAddProducts(id: $id', 'collectionAddProducts(note: "productUpdate(x)", id: $id');
    const r = capture(exchangeOf(f, { requestBody: req }), {});
    expect(r.drafts).toEqual([]);
    expect(r.unrecognised).toHaveLength(1);
  });
});

describe('shopify routing', () => {
  const decide = (method: string, url: string) => route(method, new URL(url));

  it('reads admin queries only when the operation name plausibly polls an operation', () => {
    const base = `https://admin.shopify.com/api/shopify/${STORE}`;
    expect(decide('POST', `${base}?operation=ProductOperation&type=query`)).toMatchObject({ kind: 'rule' });
    expect(decide('POST', `${base}?operation=CurrentBulkOperation&type=query`)).toMatchObject({ kind: 'rule' });
    expect(decide('POST', `${base}?operation=NodeQuery&type=query`)).toMatchObject({ kind: 'rule' });
    expect(decide('POST', `${base}?operation=ProductDetails&type=query`)).toBeUndefined();
    expect(decide('POST', `${base}?type=query`)).toBeUndefined();
    expect(decide('POST', `${base}?operation=AnythingAtAll&type=mutation`)).toMatchObject({ kind: 'rule' });
    expect(decide('POST', base)).toMatchObject({ kind: 'rule' });
  });

  it('covers the legacy and public GraphQL endpoints on both hosts', () => {
    expect(decide('POST', `https://${STORE}.myshopify.com/admin/internal/web/graphql/core`)).toMatchObject({ kind: 'rule' });
    expect(decide('POST', `https://${STORE}.myshopify.com/admin/api/2025-10/graphql.json`)).toMatchObject({ kind: 'rule' });
    expect(decide('POST', 'https://admin.shopify.com/admin/api/2025-10/graphql.json')).toMatchObject({ kind: 'rule' });
    expect(decide('GET', `https://${STORE}.myshopify.com/admin/internal/web/graphql/core`)).toBeUndefined();
  });

  it('counts other Admin API writes on the store host, never analytics or storefront POSTs', () => {
    expect(decide('POST', `https://${STORE}.myshopify.com/admin/api/2025-10/products.json`)).toEqual({
      kind: 'unrecognised',
      platform: 'shopify',
    });
    expect(decide('POST', 'https://admin.shopify.com/api/collect')).toBeUndefined();
    expect(decide('POST', 'https://admin.shopify.com/store/ubuntu-threads/api/telemetry')).toBeUndefined();
    expect(decide('POST', 'https://monorail-edge.shopifysvc.com/v1/produce')).toBeUndefined();
    expect(decide('POST', `https://${STORE}.myshopify.com/cart/add.js`)).toBeUndefined();
  });

  it('isApi stays narrow', () => {
    const api = (u: string) => shopify.routes.isApi(new URL(u));
    expect(api(`https://admin.shopify.com/api/shopify/${STORE}?operation=X&type=mutation`)).toBe(true);
    expect(api(`https://admin.shopify.com/api/shopify/${STORE}?operation=X&type=query`)).toBe(false);
    expect(api('https://admin.shopify.com/store/ubuntu-threads/products')).toBe(false);
    expect(api(`https://${STORE}.myshopify.com/admin/products/1`)).toBe(false);
    expect(api(`https://${STORE}.myshopify.com/admin/api/2025-10/products/1.json`)).toBe(true);
  });

  it('portal pages: the admin, and only the /admin part of a myshopify host', () => {
    expect(shopify.routes.portalMatches).toHaveLength(4); // exact: tests/unit/platforms/shopify-admin.test.ts
  });
});

describe('shopify links', () => {
  const rec = { platform: 'shopify' as const, kind: 'publish' as const, storeId: STORE };

  it('fixUrl: the product page in the admin, else the products list, https on admin.shopify.com only', () => {
    expect(fixUrl({ ...rec, productId: '8123456789012' })).toBe(`${ADMIN}/products/8123456789012`);
    expect(fixUrl(rec)).toBe(`${ADMIN}/products`);
    expect(fixUrl({ ...rec, productId: 'javascript:alert(1)' })).toBe(`${ADMIN}/products`);
    expect(fixUrl({ ...rec, storeId: 'evil.example.com/x' })).toBeUndefined();
    expect(fixUrl({ platform: 'shopify', kind: 'publish' })).toBeUndefined();
  });

  it('statusUrl: for jobs only, the products list for a bulk import, the product for a productSet operation', () => {
    expect(statusUrl({ ...rec, kind: 'import', jobId: BULK })).toBe(`${ADMIN}/products`);
    expect(statusUrl({ ...rec, jobId: OP, productId: '8123456791234' })).toBe(`${ADMIN}/products/8123456791234`);
    expect(statusUrl(rec)).toBeUndefined();
  });
});
