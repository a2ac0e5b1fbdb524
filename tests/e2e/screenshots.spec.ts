import { expect, historyRows, test } from './harness';
import { press } from './portal-actions';

/**
 * Screenshots for the README (docs/*.png), taken from the built extension with records
 * captured from the fixture portals, at the side panel's real width.
 */

test('README screenshots of the side panel, a record and the popup', async ({ context, portals, panel, extensionId }) => {
  void portals;
  const tk = await context.newPage();
  await tk.goto('https://sellers.takealot.com/offers');
  await press(tk, ['Save offer KK-RUN-42-BLK', 'Save offer KK-RUN-43-WHT (XHR)', 'Upload batch of 3', 'Check batch (finished)', 'Save (rate limited)']);
  const mk = await context.newPage();
  await mk.goto('https://seller.makro.co.za/index.html#dashboard/listings-management?listingState=ACTIVE');
  await press(mk, ['Save 3 listings (mixed result)', 'Create kettle draft', 'Submit kettle for QC']);
  const sh = await context.newPage();
  await sh.goto('https://admin.shopify.com/store/ubuntu-threads/products');
  await press(sh, ['Save new product', 'Save variants', 'Save product (async)']);

  await panel.bringToFront();
  await panel.setViewportSize({ width: 380, height: 760 });
  await expect(historyRows(panel)).not.toHaveCount(0);
  await panel.waitForTimeout(300);
  await panel.screenshot({ path: 'docs/sidepanel.png' });

  await historyRows(panel).filter({ hasText: 'KK-RUN-43-WHT' }).filter({ hasText: 'Publish' }).getByRole('button').click();
  await expect(panel.getByRole('heading', { name: /Takealot publish/ })).toBeVisible();
  await panel.screenshot({ path: 'docs/record-detail.png', fullPage: true });

  await panel.emulateMedia({ colorScheme: 'dark' });
  await panel.getByRole('button', { name: '← Back to history' }).click();
  await panel.getByRole('searchbox').fill('kk-run');
  await panel.waitForTimeout(300);
  await panel.screenshot({ path: 'docs/sidepanel-dark-search.png' });

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 360, height: 560 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('heading', { name: 'Latest failures' })).toBeVisible();
  await popup.waitForTimeout(300);
  await popup.screenshot({ path: 'docs/popup.png' });
});
