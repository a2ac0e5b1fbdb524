import { dumpRecords, expect, historyRows, test } from './harness';
import { press } from './portal-actions';

test.describe('Makro, end to end', () => {
  test('a multi-item update is recorded item by item, with Store ID, ids and links', async ({ context, portals, panel }) => {
    void portals;
    const portal = await context.newPage();
    await portal.goto('https://seller.makro.co.za/index.html#dashboard/listings-management?listingState=ACTIVE');
    await press(portal, ['Save 3 listings (mixed result)']);
    const rows = historyRows(panel);
    await expect(rows).toHaveCount(3);
    const created = rows.filter({ hasText: 'SNAPPY-AF-5L-BLK' });
    await expect(created).toContainText('Success');
    await expect(rows.filter({ hasText: 'PHILIPS-HD-2200' })).toContainText('Failed');
    await expect(rows.filter({ hasText: 'PHILIPS-HD-2200' })).toContainText('brand approval');
    // The row names the product; the Store ID and the listing's links are in the record.
    await created.locator('button.row-open').click();
    await expect(panel.locator('main')).toContainText('a3f91c0d7b2e4856');
    const link = panel.getByRole('link', { name: /^LST/ });
    await expect(link).toHaveAttribute('href', /^https:\/\/www\.makro\.co\.za\/-\/p\/[A-Z0-9]{16}\?pid=[A-Z0-9]{16}$/);
  });

  test('a submitted product is Pending (quality control), then settles when the portal shows the result', async ({
    context,
    portals,
    panel,
  }) => {
    void portals;
    const portal = await context.newPage();
    await portal.goto('https://seller.makro.co.za/index.html#dashboard/addListings/single?vertical=electric_kettle&vid=1731');
    await press(portal, ['Create kettle draft', 'Submit kettle for QC']);
    const rows = historyRows(panel);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Pending');
    await press(portal, ['Refresh listings in progress']);
    await expect(rows.first()).toContainText('Success');
    await expect(rows).toHaveCount(1);
    const [rec] = await dumpRecords(panel);
    expect(rec!.history.map((h) => h.status)).toEqual(['pending', 'success']);
    expect(rec!.draftId).toBe('4b8e2d71-0c3a-4f9e-b6d2-7a15c9e08f42');
  });
});

test.describe('Shopify, end to end', () => {
  test('create, update and variant saves are recorded with user errors, Store ID and admin links', async ({ context, portals, panel }) => {
    void portals;
    const portal = await context.newPage();
    await portal.goto('https://admin.shopify.com/store/ubuntu-threads/products/8123456789012');
    await press(portal, ['Save new product', 'Save product with blank title', 'Save variants', 'Load product list']);
    const rows = historyRows(panel);
    await expect(rows).toHaveCount(3);
    const ok = rows.filter({ hasText: 'Success' });
    await expect(ok).toHaveCount(1);
    await expect(rows.filter({ hasText: 'already used by another variant' })).toContainText('Failed');
    await expect(rows.filter({ hasText: "can't be blank" })).toContainText('Failed');
    await ok.locator('button.row-open').click();
    await expect(panel.locator('main')).toContainText('ubuntu-threads');
    await expect(panel.getByRole('link', { name: '8123456789012' })).toHaveAttribute(
      'href',
      'https://admin.shopify.com/store/ubuntu-threads/products/8123456789012',
    );
  });

  test('an async productSet goes from Pending to Success when the admin polls', async ({ context, portals, panel }) => {
    void portals;
    const portal = await context.newPage();
    await portal.goto('https://admin.shopify.com/store/ubuntu-threads/products/8123456791234');
    await press(portal, ['Save product (async)']);
    const rows = historyRows(panel);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Pending');
    await press(portal, ['Poll operation (running)']);
    await expect(rows.first()).toContainText('Pending');
    await press(portal, ['Poll operation (done)']);
    await expect(rows.first()).toContainText('Success');
    // One product saved asynchronously is that product's row (not a job of one): named, and it opens the record.
    await expect(rows.first().getByRole('button', { name: 'Details: Protea Print Scarf' })).toBeVisible();
    await rows.first().locator('button.row-open').click();
    await expect(panel.getByRole('link', { name: '8123456791234' })).toHaveAttribute(
      'href',
      'https://admin.shopify.com/store/ubuntu-threads/products/8123456791234',
    );
  });

  test('the legacy admin and a bulk import: XHR capture, Pending then Success', async ({ context, portals, panel }) => {
    void portals;
    const portal = await context.newPage();
    await portal.goto('https://ubuntu-threads.myshopify.com/admin/products/8123456790011');
    await press(portal, ['Save product (legacy)', 'Run bulk import']);
    const rows = historyRows(panel);
    await expect(rows).toHaveCount(2);
    // The bulk operation is one record: its own row (not a job "of 1 item"), whose record names the operation.
    const bulk = rows.filter({ hasText: 'Shopify import' });
    await expect(bulk).toHaveCount(1);
    await expect(bulk).toContainText('Pending');
    await press(portal, ['Check bulk import (running)', 'Check bulk import (done)']);
    await expect(bulk).toContainText('Success');
    await bulk.locator('button.row-open').click();
    await expect(panel.locator('.id-table div').filter({ hasText: 'Bulk operation' })).toContainText(
      'gid://shopify/BulkOperation/5512345678',
    );
    const saved = (await dumpRecords(panel)).find((r) => r.kind === 'publish');
    expect(saved?.storeId).toBe('ubuntu-threads');
  });

  test('a write no rule knows is counted as an unrecognised operation, without its body', async ({ context, portals, panel }) => {
    void portals;
    const portal = await context.newPage();
    await portal.goto('https://admin.shopify.com/store/ubuntu-threads/collections/412345678901');
    await press(portal, ['Add products to collection']);
    const notice = panel.getByText(/1 unrecognised operation/);
    await expect(notice).toBeVisible();
    await notice.click();
    await expect(panel.locator('.unrecognised')).toContainText('CollectionAddProducts');
    await expect(historyRows(panel)).toHaveCount(0);
  });
});
