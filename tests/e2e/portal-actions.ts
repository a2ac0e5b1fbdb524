import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './harness';

/** Clicks fixture buttons in order, waiting for each portal response before the next. */
export async function press(portal: Page, names: string[]): Promise<void> {
  for (const name of names) {
    const before = await portal.locator('#log li').count();
    await portal.getByRole('button', { name, exact: true }).click();
    await expect(portal.locator('#log li')).toHaveCount(before + 1);
  }
}

/** Captures a mix of records on all three portals (13 records: 5 success, 6 failed, 2 pending). */
export async function captureMix(context: BrowserContext): Promise<void> {
  const tk = await context.newPage();
  await tk.goto('https://sellers.takealot.com/offers');
  await expect(tk.locator('#log li')).toHaveCount(1); // identity
  await press(tk, [
    'Save offer KK-RUN-42-BLK',
    'Save offer KK-RUN-43-WHT (XHR)',
    'Upload batch of 3',
    'Check batch (finished)',
    'Save (rate limited)',
  ]);
  const mk = await context.newPage();
  await mk.goto('https://seller.makro.co.za/index.html#dashboard/listings-management?listingState=ACTIVE');
  await press(mk, ['Save 3 listings (mixed result)', 'Create kettle draft', 'Submit kettle for QC']);
  const sh = await context.newPage();
  await sh.goto('https://admin.shopify.com/store/ubuntu-threads/products');
  await press(sh, ['Save new product', 'Save variants', 'Save product (async)']);
  await Promise.all([tk.close(), mk.close(), sh.close()]);
}
