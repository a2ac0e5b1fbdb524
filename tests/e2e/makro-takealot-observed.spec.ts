import { dumpRecords, expect, historyRows, test } from './harness';
import { press } from './portal-actions';

/**
 * Makro and Takealot as third parties saw the portals' own web apps (docs/PORTALS.md "What third
 * parties saw…"), end to end in the built extension against fixture portals at the real URLs.
 */
const MAKRO_LOGIN = 'thandi.naidoo@kasikitchen.co.za';

test.describe('Makro as observed', () => {
  test('a price edit is recorded per SKU; a price above the MRP refused with 412 is Failed with its reason', async ({
    context,
    portals,
    panel,
  }) => {
    const portal = await context.newPage();
    await portal.goto('https://seller.makro.co.za/index.html#dashboard/listings-management?listingState=ACTIVE');
    await press(portal, ['Change 2 prices', 'Change price above MRP']);
    expect(portals.served.map((s) => s.fixture)).toEqual(['makro/price-edit-success', 'makro/price-edit-412-above-mrp']);

    const rows = historyRows(panel);
    await expect(rows).toHaveCount(3);
    const iron = rows.filter({ hasText: 'RH-IRON-2400' });
    await expect(iron).toContainText('Success');
    // The price edit's URL has no seller id: the Store ID is the one the page keeps (shown in the record).
    await iron.locator('button.row-open').click();
    await expect(panel.locator('.id-table div').filter({ hasText: 'Seller ID' })).toContainText('a3f91c0d7b2e4856');
    await panel.getByRole('button', { name: '← Back to history' }).click();
    const refused = rows.filter({ hasText: 'cannot be greater than MRP' });
    await expect(refused).toHaveCount(1);
    await expect(refused).toContainText('Failed');
    await expect(refused).toContainText('DEFY-KT1700-BLK');
    await refused.locator('button.row-open').click();
    await expect(panel.getByRole('link', { name: 'Open the listing' })).toHaveAttribute(
      'href',
      'https://www.makro.co.za/-/p/KTLHB4N8RZ2QX7PM?pid=KTLHB4N8RZ2QX7PM',
    );

    const records = await dumpRecords(panel);
    const saved = records.find((r) => r.sku === 'DEFY-KT1700-BLK' && r.status === 'success');
    expect(saved).toMatchObject({ kind: 'publish', productId: 'KTLHB4N8RZ2QX7PM', storeId: 'a3f91c0d7b2e4856' });
    expect(saved!.changes).toEqual([
      { field: 'mrp', value: 599 },
      { field: 'selling_price', value: 429 },
      { field: 'currency', value: 'ZAR' },
    ]);
    const failed = records.find((r) => r.status === 'failed');
    expect(failed!.errors).toEqual([
      { message: 'Selling price (649) cannot be greater than MRP (599)', code: 'SELLING_PRICE_GREATER_THAN_MRP' },
    ]);
    // The portal's userName query parameter is the seller's login: it never reaches storage.
    const dump = JSON.stringify(records);
    expect(dump).not.toContain(MAKRO_LOGIN);
    expect(dump).not.toContain('kasikitchen');
    expect(dump).not.toContain('Kasi Kitchen');
  });

  test('drafts settled by the QC poll: one rejected with its reason, one live', async ({ context, portals, panel }) => {
    void portals;
    const portal = await context.newPage();
    await portal.goto('https://seller.makro.co.za/index.html#dashboard/addListings/single?vertical=electric_kettle&vid=1731');
    await press(portal, ['Create kettle draft', 'Submit kettle for QC', 'Create air purifier draft']);
    const rows = historyRows(panel);
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'Pending' })).toHaveCount(2);

    await press(portal, ['Refresh listings in progress (one rejected, one live)']);
    const live = rows.filter({ hasText: 'DEFY-KT1700-BLK' });
    await expect(live).toContainText('Success');
    const rejected = rows.filter({ hasText: 'Brand Mismatch' });
    await expect(rejected).toContainText('Failed');
    // The draft and the in-QC items of the poll invent no records.
    await expect(rows).toHaveCount(2);
    // The live listing's link is in its record.
    await live.locator('button.row-open').click();
    await expect(panel.getByRole('link', { name: 'Open the listing' })).toHaveAttribute(
      'href',
      'https://www.makro.co.za/-/p/KTLHB4N8RZ2QX7PM?pid=KTLHB4N8RZ2QX7PM',
    );
    await panel.getByRole('button', { name: '← Back to history' }).click();

    const records = await dumpRecords(panel);
    const air = records.find((r) => r.draftId === '9d1f3c2a-6b7e-4c55-8a10-2f4e7b9c0d31');
    expect(air!.history.map((h) => h.status)).toEqual(['pending', 'failed']);
    expect(air!.errors.map((e) => e.message)).toEqual([
      'Brand Mismatch: the brand on the product images does not match the brand entered (Philips)',
      'Image has a watermark',
      'Sales Package Error: the sales package does not list the filter',
    ]);
    const kettle = records.find((r) => r.draftId === '4b8e2d71-0c3a-4f9e-b6d2-7a15c9e08f42');
    expect(kettle!.history.map((h) => h.status)).toEqual(['pending', 'success']);
  });
});

test.describe('Takealot as the portal calls it', () => {
  test('a loadsheet submission is a Pending import, settled by its poll; whoami teaches the Store ID and nothing personal', async ({
    context,
    portals,
    panel,
  }) => {
    const portal = await context.newPage();
    await portal.goto('https://sellers.takealot.com/loadsheets');
    await expect(portal.locator('#log li')).toHaveCount(1); // the page's own identity call
    await press(portal, ['Who am I', 'Upload loadsheet']);
    const rows = historyRows(panel);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Pending');
    // A loadsheet of one record is named by its file, not as a batch of one; the Seller ID learnt
    // from whoami and the submission id are in the record.
    await expect(rows.first().getByRole('button', { name: 'Details: kasi-kicks-winter-range.xlsx' })).toBeVisible();
    await rows.first().locator('button.row-open').click();
    await expect(panel.locator('.id-table div').filter({ hasText: 'Seller ID' })).toContainText('29384756');
    await expect(panel.locator('.id-table div').filter({ hasText: 'Batch ID' })).toContainText('884213');
    await panel.getByRole('button', { name: '← Back to history' }).click();

    await press(portal, ['Check loadsheet (processing)']);
    await expect(rows.first()).toContainText('Pending');
    await press(portal, ['Check loadsheet (done, 2 rows failed)']);
    await expect(rows.first()).toContainText('Failed');
    await expect(rows).toHaveCount(1);
    expect(portals.served.map((s) => s.fixture)).toContain('takealot/loadsheet-poll-completed-with-errors');

    const [rec, ...rest] = await dumpRecords(panel);
    expect(rest).toEqual([]);
    expect(rec).toMatchObject({ platform: 'takealot', kind: 'import', status: 'failed', jobId: '884213', storeId: '29384756' });
    expect(rec!.history.map((h) => h.status)).toEqual(['pending', 'failed']);
    expect(rec!.errors.map((e) => e.code)).toEqual(['DUPLICATE_BARCODE', 'IMAGE_NOT_DIRECT', 'LOADSHEET_ROWS_FAILED']);
    const dump = JSON.stringify(rec);
    for (const personal of ['Thandi', 'Naidoo', 'kasikicks.co.za', '0199']) expect(dump).not.toContain(personal);
  });
});
