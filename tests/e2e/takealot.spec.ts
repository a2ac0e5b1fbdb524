import { dumpRecords, expect, historyRows, test } from './harness';

test.describe('Takealot, end to end in the built extension', () => {
  test('offer updates via fetch and XHR land in the side panel with status, reasons, ids and links', async ({
    context,
    portals,
    panel,
  }) => {
    const portal = await context.newPage();
    await portal.goto('https://sellers.takealot.com/single-product/884210');
    await expect(portal.locator('#log li')).toHaveCount(1); // the seller identity call
    await portal.getByRole('button', { name: 'Save offer KK-RUN-42-BLK' }).click();
    await portal.getByRole('button', { name: 'Save offer KK-RUN-43-WHT (XHR)' }).click();
    await portal.getByRole('button', { name: 'Create offer by barcode' }).click();
    await portal.getByRole('button', { name: 'Save (rate limited)' }).click();
    await expect(portal.locator('#log li')).toHaveCount(5);
    expect(portals.served.map((s) => s.fixture)).toContain('takealot/offer-update-rate-limited-429');

    const rows = historyRows(panel);
    await expect(rows).toHaveCount(4);
    const success = rows.filter({ hasText: 'KK-RUN-42-BLK' });
    await expect(success).toContainText('Success');
    // The row names the product; the Store ID and the links are in the record.
    await success.locator('button.row-open').click();
    await expect(panel.locator('main')).toContainText('29384756');
    await expect(panel.getByRole('link', { name: '204518392' })).toHaveAttribute('href', 'https://www.takealot.com/x/PLID91827364');
    await panel.getByRole('button', { name: '← Back to history' }).click();

    const failed = rows.filter({ hasText: 'KK-RUN-43-WHT' });
    await expect(failed).toContainText('Failed');
    await expect(failed).toContainText('Selling price cannot be greater than RRP');
    await expect(rows.filter({ hasText: 'wait a minute' })).toContainText('Failed');

    // The portal tab shows draft 884210: the panel puts that listing's history first.
    await expect(panel.getByRole('heading', { name: 'This listing: Takealot draft 884210' })).toBeVisible();

    // The page's own responses were untouched by the tap.
    await expect(portal.locator('#log li').first()).toContainText('HTTP 429');

    const records = await dumpRecords(panel);
    expect(records).toHaveLength(4);
    const dump = JSON.stringify(records);
    expect(dump).not.toContain('SENTINEL');
    expect(dump).not.toMatch(/authorization|bearer/i);
  });

  test('a batch shows Pending, then each item settles when the portal polls', async ({ context, portals, panel }) => {
    void portals;
    const portal = await context.newPage();
    await portal.goto('https://sellers.takealot.com/offers/bulk-update');
    await portal.getByRole('button', { name: 'Upload batch of 3' }).click();
    const rows = historyRows(panel);
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: 'Pending' })).toHaveCount(3);

    await portal.getByRole('button', { name: 'Check batch (running)' }).click();
    await portal.getByRole('button', { name: 'Check batch (finished)' }).click();
    await expect(rows.filter({ hasText: 'Success' })).toHaveCount(2);
    await expect(rows.filter({ hasText: 'Failed' })).toHaveCount(1);
    await expect(rows).toHaveCount(3);
    const records = await dumpRecords(panel);
    expect(records.every((r) => r.jobId === '5531207' && r.storeId === '29384756')).toBe(true);
    expect(records.every((r) => r.history.length === 2 && r.history[0]!.status === 'pending')).toBe(true);
  });
});
