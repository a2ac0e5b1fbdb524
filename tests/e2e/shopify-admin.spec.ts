import { dumpRecords, expect, historyRows, test } from './harness';
import { press } from './portal-actions';

/**
 * The current Shopify admin (issue #9): persisted GraphQL operations at
 * `admin.shopify.com/api/operations/{sha256}/{OperationName}/shopify/{store}`, served from the
 * fixtures at the real URLs, captured by the built extension.
 */
const STORE = 'ubuntu-threads';
const PRODUCT = `https://admin.shopify.com/store/${STORE}/products/8123456789012`;

test.describe('Shopify admin, persisted operations', () => {
  test('a product page save refused with a user error, then saved: Failed with the reason, then Success with the admin link', async ({
    context,
    portals,
    panel,
  }) => {
    const portal = await context.newPage();
    await portal.goto(PRODUCT);
    await press(portal, ['Save product page with blank title']);
    const rows = historyRows(panel);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Failed');
    await expect(rows.first()).toContainText("Title can't be blank");
    await press(portal, ['Save product page']);
    await expect(rows).toHaveCount(2);
    const ok = rows.filter({ hasText: 'Success' });
    await expect(ok).toHaveCount(1);
    // The row names the product; the store and the admin link are in the record.
    await ok.locator('button.row-open').click();
    await expect(panel.locator('.id-table div').filter({ hasText: 'Store' })).toContainText(STORE);
    await expect(panel.getByRole('link', { name: '8123456789012' })).toHaveAttribute('href', PRODUCT);
    expect(portals.served.map((s) => new URL(s.url).pathname.split('/')[4])).toEqual(['ProductSaveUpdate', 'ProductSaveUpdate']);
    const recs = await dumpRecords(panel);
    expect(recs.map((r) => r.status).sort()).toEqual(['failed', 'success']);
    // Only allowlisted fields of `variables`: the workflow and a supplier cost never reach storage.
    expect(JSON.stringify(recs)).not.toMatch(/product-details-update|310\.00|supplier_cost/);
  });

  test('a bulk status change is Pending (a job), then Success when the admin polls the job', async ({ context, portals, panel }) => {
    void portals;
    const portal = await context.newPage();
    await portal.goto(`https://admin.shopify.com/store/${STORE}/products?selectedView=all`);
    await press(portal, ['Set 2 products as draft']);
    const rows = historyRows(panel);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Pending');
    await press(portal, ['Poll job (running)']);
    await expect(rows.first()).toContainText('Pending');
    await press(portal, ['Poll job (done)']);
    await expect(rows.first()).toContainText('Success');
    await expect(rows).toHaveCount(1);
    const [rec] = await dumpRecords(panel);
    expect(rec!.history.map((h) => h.status)).toEqual(['pending', 'success']);
    expect(rec!.jobId).toBe('gid://shopify/Job/6f1c2a7e-3b9d-4e52-9a1f-8c0d2b4e6a17');
  });

  test('a create and a variant save through persisted operations are recorded with ids', async ({ context, portals, panel }) => {
    void portals;
    const portal = await context.newPage();
    await portal.goto(`https://admin.shopify.com/store/${STORE}/products/new`);
    await press(portal, ['Create product', 'Save variant page']);
    const rows = historyRows(panel);
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'UT-SWD-IND-M' })).toContainText('Success');
    await expect(rows.filter({ hasText: 'Protea Print Scarf' })).toContainText('Success');
  });

  test('a persisted write that is not a product save is counted, and appears in the copied report without values', async ({
    context,
    portals,
    panel,
  }) => {
    void portals;
    const portal = await context.newPage();
    await portal.goto(`https://admin.shopify.com/store/${STORE}/content/menus/231456789`);
    await press(portal, ['Save navigation menu']);
    const notice = panel.getByText(/1 unrecognised operation/);
    await expect(notice).toBeVisible();
    await notice.click();
    await expect(panel.locator('.unrecognised')).toContainText('MenuUpdate');
    await expect(historyRows(panel)).toHaveCount(0);
    // The clipboard of a headless run is not readable: keep what the button writes.
    await panel.evaluate(() => {
      const w = window as unknown as { copied?: string };
      Object.defineProperty(navigator, 'clipboard', {
        value: {
          writeText: (t: string) => {
            w.copied = t;
            return Promise.resolve();
          },
        },
        configurable: true,
      });
    });
    await panel.getByRole('button', { name: 'Copy report' }).click();
    await expect(panel.getByText('Report copied.')).toBeVisible();
    const copied = await panel.evaluate(() => (window as unknown as { copied?: string }).copied ?? '');
    const report = JSON.parse(copied) as {
      extensionVersion: string;
      operations: { operation: string; count: number; shapes: string[][] }[];
    };
    expect(report.extensionVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.operations).toMatchObject([
      { operation: 'MenuUpdate', count: 1, pathTemplate: 'admin.shopify.com/api/operations/{id}/MenuUpdate/shopify/{store}' },
    ]);
    expect(report.operations[0]!.shapes[0]).toContain('data.menuUpdate.userErrors:array');
    expect(copied).not.toMatch(/ubuntu-threads|Main menu|Dresses|231456789|sentinel/i);
  });

  test('a store page outside /admin (a look-alike path) gets no capture; the admin itself does', async ({ context, portals, panel }) => {
    void portals;
    const lookalike = await context.newPage();
    await lookalike.goto(`https://${STORE}.myshopify.com/administrator/products/8123456790011`);
    await press(lookalike, ['Save product (legacy)']);
    const admin = await context.newPage();
    await admin.goto(`https://${STORE}.myshopify.com/admin/products/8123456790011`);
    await press(admin, ['Save product (legacy)']);
    const rows = historyRows(panel);
    await expect(rows).toHaveCount(1);
    // The look-alike's save went first: had it been captured, it would be here by now.
    const recs = await dumpRecords(panel);
    expect(recs).toHaveLength(1);
  });
});
