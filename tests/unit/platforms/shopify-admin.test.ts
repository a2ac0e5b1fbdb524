import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPortalUrl } from '@/lib/handlers';
import { capture, matchesPattern, route } from '@/lib/platforms';
import { shopify } from '@/lib/platforms/shopify';
import { captureAll, exchangeOf, FIXTURES, loadFixture } from '../../helpers/fixtures';

/** The current admin's transports (issue #9): persisted operations, the shape-first recognition, jobs. */
const STORE = 'ubuntu-threads';
const ADMIN = `https://admin.shopify.com/store/${STORE}`;
const JOB = 'gid://shopify/Job/6f1c2a7e-3b9d-4e52-9a1f-8c0d2b4e6a17';
const HASH = '5b0e6f1c9a2d47e8b3c6d9f0a1e2b4c7d8e9f0a1b2c3d4e5f60718293a4b5c6d';

const run = (path: string, over: Parameters<typeof exchangeOf>[1] = {}) => capture(exchangeOf(loadFixture(`shopify/${path}`), over), {});
const one = (path: string, over: Parameters<typeof exchangeOf>[1] = {}) => {
  const r = run(path, over);
  expect(r.unrecognised).toEqual([]);
  expect(r.jobs).toEqual([]);
  expect(r.drafts).toHaveLength(1);
  return r.drafts[0]!;
};

describe('shopify/persisted operations: product saves', () => {
  it('persisted-product-save-update-success: ProductSaveUpdate → productUpdate, Success, Store ID from the path, sent fields from variables', () => {
    const d = one('persisted-product-save-update-success');
    expect(d).toMatchObject({
      platform: 'shopify',
      kind: 'publish',
      status: 'success',
      errors: [],
      storeId: STORE,
      productId: '8123456789012',
      title: 'Shweshwe Wrap Dress - Indigo',
      sku: 'UT-SWD-IND-M',
      listingUrl: `${ADMIN}/products/8123456789012`,
    });
    expect(d.changes).toEqual([
      { field: 'title', value: 'Shweshwe Wrap Dress - Indigo' },
      { field: 'status', value: 'ACTIVE' },
      { field: 'vendor', value: 'Ubuntu Threads' },
      { field: 'tags', value: ['shweshwe', 'handmade'] },
    ]);
    // workflow, publications and metafields (a supplier cost) never pass the allowlist.
    const s = JSON.stringify(d);
    for (const never of ['310.00', 'product-details-update', 'Publication', 'supplier_cost']) expect(s).not.toContain(never);
  });

  it('the Store ID is the path’s, even from a page of another store', () => {
    const d = one('persisted-product-save-update-success', { pageUrl: 'https://admin.shopify.com/store/other-shop/products/1' });
    expect(d.storeId).toBe(STORE);
  });

  it('persisted-product-save-update-user-errors: Failed with the message and the field path, no link', () => {
    const d = one('persisted-product-save-update-user-errors');
    expect(d).toMatchObject({ status: 'failed', storeId: STORE, productId: '8123456789012' });
    expect(d.errors).toEqual([{ message: "Title can't be blank", field: 'product.title' }]);
    expect(d.changes).toEqual([
      { field: 'handle', value: 'shweshwe-wrap-dress-indigo' },
      { field: 'status', value: 'ACTIVE' },
    ]);
  });

  it('persisted-product-save-update-http-502: no answer to read; the operation name says a product save failed', () => {
    const d = one('persisted-product-save-update-http-502');
    expect(d).toMatchObject({ status: 'failed', productId: '8123456789012', storeId: STORE });
    expect(d.errors).toEqual([{ message: 'Shopify answered HTTP 502 (Bad Gateway).', code: 'HTTP_502' }]);
  });

  it('persisted-create-product-success: CreateProduct → productCreate, Success with the new id and link', () => {
    const d = one('persisted-create-product-success');
    expect(d).toMatchObject({
      status: 'success',
      productId: '8123456791234',
      title: 'Protea Print Scarf',
      listingUrl: `${ADMIN}/products/8123456791234`,
    });
    expect(d.changes.map((c) => c.field)).toEqual(['title', 'status', 'vendor', 'productType', 'descriptionHtml']);
  });

  it('persisted-product-variant-update-success: the variant’s SKU and product, allowlisted variant fields', () => {
    const d = one('persisted-product-variant-update-success');
    expect(d).toMatchObject({
      status: 'success',
      productId: '8123456789012',
      title: 'Shweshwe Wrap Dress - Indigo',
      sku: 'UT-SWD-IND-M',
      listingUrl: `${ADMIN}/products/8123456789012`,
    });
    expect(d.changes).toEqual([
      { field: 'variants', value: [{ sku: 'UT-SWD-IND-M', price: '899.00', compareAtPrice: '1099.00', barcode: '6009876543210' }] },
    ]);
    expect(JSON.stringify(d)).not.toContain('310.00'); // the inventory item's cost
  });

  it('persisted-product-variant-update-user-errors: Failed with the price error, ids from what was sent', () => {
    const d = one('persisted-product-variant-update-user-errors');
    expect(d).toMatchObject({ status: 'failed', productId: '8123456789012', sku: 'UT-SWD-IND-M' });
    expect(d.errors).toEqual([
      { message: 'Price must be greater than or equal to 0', code: 'GREATER_THAN_OR_EQUAL_TO', field: 'productVariant.price' },
    ]);
  });
});

describe('shopify/jobs: ProductBulkChangeStatus', () => {
  it('pending → JobPoller running (nothing) → JobPoller done (Success) on the job’s record', () => {
    const [sent, running, done] = captureAll([
      'shopify/persisted-product-bulk-change-status-pending',
      'shopify/persisted-job-poller-running',
      'shopify/persisted-job-poller-done',
    ]);
    expect(sent!.drafts).toHaveLength(1);
    expect(sent!.drafts[0]).toMatchObject({ key: `job:${JOB}`, jobId: JOB, status: 'pending', errors: [], storeId: STORE });
    expect(sent!.drafts[0]!.changes).toEqual([
      { field: 'status', value: 'DRAFT' },
      { field: 'products', value: ['8123456789012', '8123456791234'] },
    ]);
    expect(sent!.drafts[0]!.productId).toBeUndefined(); // two products: no one product id
    expect(running).toMatchObject({ drafts: [], jobs: [], unrecognised: [] });
    expect(done!.drafts).toEqual([]);
    expect(done!.jobs).toEqual([{ platform: 'shopify', jobId: JOB, status: 'success', errors: [], observedAt: expect.any(Number) }]);
  });

  it('persisted-product-bulk-change-status-user-errors: Failed at once, with the one product’s id', () => {
    const d = one('persisted-product-bulk-change-status-user-errors');
    expect(d).toMatchObject({ status: 'failed', productId: '8123456789012', storeId: STORE });
    expect(d.errors).toEqual([{ message: "Products without a price can't be set as active", field: 'status' }]);
  });

  it('legacy-product-bulk-change-status-pending: the same mutation with its query text on the legacy endpoint', () => {
    const d = one('legacy-product-bulk-change-status-pending');
    expect(d).toMatchObject({
      status: 'pending',
      jobId: 'gid://shopify/Job/0b7d4e2a-91c3-4f6e-8a25-3d1c7e9b4f60',
      productId: '8123456790011',
    });
  });

  it('admin-job-poller-done: the query-text form of JobPoller settles the legacy job', () => {
    const [sent, done] = captureAll(['shopify/legacy-product-bulk-change-status-pending', 'shopify/admin-job-poller-done']);
    expect(sent!.drafts[0]!.jobId).toBe('gid://shopify/Job/0b7d4e2a-91c3-4f6e-8a25-3d1c7e9b4f60');
    expect(done!.jobs).toMatchObject([{ jobId: sent!.drafts[0]!.jobId, status: 'success' }]);
    expect(route('POST', new URL(loadFixture('shopify/admin-job-poller-done').request.url))).toMatchObject({ kind: 'rule' });
  });

  it('a job answer without an id stays Pending and says why', () => {
    const f = loadFixture('shopify/persisted-product-bulk-change-status-pending');
    const body = structuredClone(f.response.body) as { data: { productBulkChangeStatus: Record<string, unknown> } };
    body.data.productBulkChangeStatus.job = { id: 'gid://shopify/Job/../../x' };
    const d = capture(exchangeOf(f, { responseBody: body }), {}).drafts[0]!;
    expect(d).toMatchObject({ status: 'pending', errors: [{ code: 'NO_OPERATION_ID' }] });
    expect(d.jobId).toBeUndefined();
  });

  it('a job of a write that is not about products is not a product write', () => {
    const f = loadFixture('shopify/persisted-product-bulk-change-status-pending');
    const url = f.request.url.replace('ProductBulkChangeStatus', 'CollectionBulkDelete');
    const body = { data: { collectionBulkDelete: { job: { id: JOB }, userErrors: [] } } };
    const r = capture(exchangeOf(f, { url, responseBody: body }), {});
    expect(r.drafts).toEqual([]);
    expect(r.unrecognised).toMatchObject([{ operation: 'CollectionBulkDelete' }]);
  });
});

describe('shopify/recognised by the answer, not a list', () => {
  const f = loadFixture('shopify/persisted-product-save-update-success');
  const renamed = (op: string, data: unknown) =>
    capture(exchangeOf(f, { url: f.request.url.replace('ProductSaveUpdate', op), responseBody: { data } }), {});

  it('an operation renamed by the admin, answering a product write under a new field, is still recorded', () => {
    const r = renamed('ProductSaveV2', {
      productSave: { product: { id: 'gid://shopify/Product/8123456789012', title: 'Shweshwe Wrap Dress - Indigo' }, userErrors: [] },
    });
    expect(r.unrecognised).toEqual([]);
    expect(r.drafts).toMatchObject([{ status: 'success', productId: '8123456789012' }]);
  });

  it('a product payload without a gid (a forged or reshaped answer) is not a product write', () => {
    const r = renamed('ThemeUpdate', { themeUpdate: { product: { id: '8123456789012' }, userErrors: [] } });
    expect(r.drafts).toEqual([]);
    expect(r.unrecognised).toMatchObject([{ operation: 'ThemeUpdate' }]);
  });

  it('a persisted query (no userErrors anywhere) is a read: no record, nothing counted', () => {
    const r = renamed('ProductDetails', { product: { id: 'gid://shopify/Product/8123456789012', title: 'x' } });
    expect(r).toMatchObject({ drafts: [], jobs: [], unrecognised: [] });
  });

  it('persisted-menu-update-unrecognised: a non-product write is counted under its name, with the shape of its answer', () => {
    const r = run('persisted-menu-update-unrecognised');
    expect(r.drafts).toEqual([]);
    expect(r.unrecognised).toHaveLength(1);
    expect(r.unrecognised[0]).toMatchObject({
      platform: 'shopify',
      method: 'POST',
      operation: 'MenuUpdate',
      endpoint: 'admin.shopify.com/api/operations/{id}/MenuUpdate/shopify/ubuntu-threads',
    });
  });
});

describe('shopify/persisted routing', () => {
  const decide = (method: string, url: string) => route(method, new URL(url));
  const op = (name: string, service = 'shopify') => `https://admin.shopify.com/api/operations/${HASH}/${name}/${service}/${STORE}`;

  it('reads every persisted POST of the core admin, and a GET only when it polls', () => {
    expect(decide('POST', op('ProductSaveUpdate'))).toEqual({ kind: 'rule', platform: 'shopify', name: 'shopify/persisted-operation' });
    expect(decide('POST', op('MenuUpdate'))).toMatchObject({ kind: 'rule' });
    expect(decide('GET', `${op('JobPoller')}?operationName=JobPoller`)).toMatchObject({ name: 'shopify/persisted-poll' });
    expect(decide('GET', op('ProductOperation'))).toMatchObject({ kind: 'rule' });
    expect(decide('GET', op('ProductIndex'))).toBeUndefined();
  });

  it('hostile paths: no hash, a bad name, another service, another host, an extra segment', () => {
    expect(decide('POST', `https://admin.shopify.com/api/operations/not-a-hash/ProductSaveUpdate/shopify/${STORE}`)).toBeUndefined();
    expect(decide('POST', `https://admin.shopify.com/api/operations/${HASH}/Product-Save/shopify/${STORE}`)).toBeUndefined();
    expect(decide('POST', op('ProductSaveUpdate', 'some-app'))).toBeUndefined();
    expect(decide('POST', `${op('ProductSaveUpdate')}/extra`)).toBeUndefined();
    expect(decide('POST', op('ProductSaveUpdate').replace('admin.shopify.com', 'admin.shopify.com.evil.example'))).toBeUndefined();
    expect(decide('POST', op('ProductSaveUpdate').replace('https://admin.shopify.com', `https://${STORE}.myshopify.com`))).toBeUndefined();
  });
});

describe('shopify match patterns (issue #10 item 8)', () => {
  const portal = (u: string) => shopify.routes.portalMatches.some((p) => matchesPattern(p, new URL(u)));

  it('exactly the admin: admin.shopify.com/store/… and /admin or /admin/… on a store host', () => {
    expect(shopify.routes.portalMatches).toEqual([
      'https://admin.shopify.com/store/*',
      'https://*.myshopify.com/admin',
      'https://*.myshopify.com/admin?*',
      'https://*.myshopify.com/admin/*',
    ]);
    for (const ok of [
      `${ADMIN}/products/8123456789012`,
      `https://${STORE}.myshopify.com/admin`,
      `https://${STORE}.myshopify.com/admin?locale=en`,
      `https://${STORE}.myshopify.com/admin/products/1`,
    ])
      expect(portal(ok), ok).toBe(true);
  });

  it('hostile look-alikes are not portal pages', () => {
    for (const bad of [
      `https://${STORE}.myshopify.com/administrator`,
      `https://${STORE}.myshopify.com/admin-anything/products`,
      `https://${STORE}.myshopify.com/adminx`,
      `https://${STORE}.myshopify.com/products/admin`,
      `https://${STORE}.myshopify.com/`,
      `https://${STORE}.myshopify.com/account/login?next=/admin`,
      `https://${STORE}.myshopify.com.evil.example/admin`,
      `http://${STORE}.myshopify.com/admin`,
      'https://admin.shopify.com/',
      'https://admin.shopify.com/storefront/x',
      'https://admin.shopify.com.evil.example/store/x',
    ])
      expect(portal(bad), bad).toBe(false);
  });
});

describe('the background checks the sender tab’s path, not only its host (issue #10 item 8)', () => {
  it('isPortalUrl: the admin paths only', () => {
    expect(isPortalUrl(`https://${STORE}.myshopify.com/admin/products/1`)).toBe(true);
    expect(isPortalUrl(`${ADMIN}/products`)).toBe(true);
    expect(isPortalUrl(`https://${STORE}.myshopify.com/administrator`)).toBe(false);
    expect(isPortalUrl(`https://${STORE}.myshopify.com/collections/all`)).toBe(false);
    expect(isPortalUrl('https://admin.shopify.com/login')).toBe(false);
  });
});

describe('shopify rules ↔ fixtures (issue #9 item 5)', () => {
  const dir = join(FIXTURES, 'shopify');
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length));

  /** Fixtures of requests the tap must leave alone (a product list query is never read). */
  const UNREAD = new Set(['plain-query-admin']);

  it('every Shopify rule has a fixture routed to it, and every fixture routes to a rule', () => {
    const routed = new Map<string, string[]>();
    for (const n of names) {
      const f = loadFixture(`shopify/${n}`);
      const r = route(f.request.method, new URL(f.request.url));
      if (UNREAD.has(n)) {
        expect(r, `${n} must not be read`).toBeUndefined();
        continue;
      }
      expect(r, `${n} routes to nothing`).toMatchObject({ kind: 'rule', platform: 'shopify' });
      const name = r?.kind === 'rule' ? r.name : '';
      routed.set(name, [...(routed.get(name) ?? []), n]);
      expect(f.scenario.length, `${n} says what scenario it is`).toBeGreaterThan(20);
    }
    for (const rule of shopify.rules) expect(routed.get(rule.name), `${rule.name} has no fixture`).toBeDefined();
  });
});

describe('shopify/an unanswered persisted operation: its name is the only signal', () => {
  const f = loadFixture('shopify/persisted-product-save-update-http-502');
  const named = (op: string) => capture(exchangeOf(f, { url: f.request.url.replace('ProductSaveUpdate', op) }), {});

  it('product writes by their words are recorded as failed; other writes are counted; reads say nothing', () => {
    for (const op of ['CreateProduct', 'ProductVariantUpdate', 'ProductBulkChangeStatus', 'productSaveUpdate'])
      expect(named(op).drafts, op).toMatchObject([{ status: 'failed', errors: [{ code: 'HTTP_502' }] }]);
    expect(named('MenuUpdate')).toMatchObject({ drafts: [], unrecognised: [{ operation: 'MenuUpdate' }] });
    for (const op of ['ProductSetupGuide', 'ProductSettings', 'ProductIndex', 'VariantsUpdatedAt'])
      expect(named(op), op).toMatchObject({ drafts: [], jobs: [], unrecognised: [] });
  });
});
