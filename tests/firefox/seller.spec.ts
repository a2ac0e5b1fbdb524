import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import {
  byRole,
  downloaded,
  dumpRecords,
  expectRows,
  type Firefox,
  launchFirefox,
  press,
  reloadAddonPage,
  rowTexts,
  until,
} from './harness';

/**
 * One seller's session in Firefox ESR with the built add-on: captures on the three fixture
 * portals (the Chromium suite's), then the sidebar page, the popup, the badge, export and
 * import. One Firefox for the file; each test builds on the one before.
 */
test.describe.configure({ mode: 'serial' });

let ff: Firefox;
/** sidepanel.html in a tab, opened first so the portal tabs opened after it are the active ones. */
let panel: Page;
let takealot: Page;

/** Picks a platform in the sidebar page's filter (a select labelled "Platform"). */
const platform = async (value: string) => {
  await (await panel.$('::-p-xpath(//label[span[text()="Platform"]]/select)'))!.select(value);
};
/** Picks a status in the sidebar page's filter. */
const status = (value: string) => panel.$eval(`input[type=radio][value="${value}"]`, (r) => (r as HTMLInputElement).click());
const body = (page: Page) => page.evaluate(() => document.body.textContent ?? '');
const badge = (page: Page) =>
  page.evaluate(async () => {
    const action = (
      globalThis as unknown as { browser: { action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> } } }
    ).browser.action;
    return { text: await action.getBadgeText({}), title: await action.getTitle({}) };
  });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  ff = await launchFirefox();
  panel = await ff.addonPage('sidepanel.html');
});
test.afterAll(async () => {
  await ff?.close();
});

test('Takealot: offer saves through fetch and XHR are recorded with status, reasons, ids and links', async () => {
  takealot = await ff.portal('https://sellers.takealot.com/single-product/884210');
  await takealot.waitForFunction(() => document.querySelectorAll('#log li').length === 1); // the seller identity call
  await press(takealot, ['Save offer KK-RUN-42-BLK', 'Save offer KK-RUN-43-WHT (XHR)', 'Create offer by barcode', 'Save (rate limited)']);
  expect(ff.portals.served.map((s) => s.fixture)).toContain('takealot/offer-update-rate-limited-429');
  // The page's own responses were untouched by the tap.
  expect(await takealot.$eval('#log li', (li) => li.textContent)).toContain('HTTP 429');

  await expectRows(panel, 4);
  const rows = await rowTexts(panel);
  const success = rows.find((r) => r.includes('KK-RUN-42-BLK'))!;
  expect(success).toContain('Success');
  expect(success).toContain('29384756');
  expect(rows.find((r) => r.includes('KK-RUN-43-WHT'))).toMatch(/Failed[\s\S]*Selling price cannot be greater than RRP/);
  expect(rows.find((r) => r.includes('wait a minute'))).toContain('Failed');
  expect(await panel.$eval('a[href="https://www.takealot.com/x/PLID91827364"]', (a) => a.textContent)).toBe('204518392');

  const records = await dumpRecords(panel);
  expect(records.map((r) => r.sku).sort()).toEqual(['KK-RUN-42-BLK', 'KK-RUN-43-WHT', 'KK-SLIDE-07', undefined].sort());
  const dump = JSON.stringify(records);
  expect(dump).not.toContain('SENTINEL');
  expect(dump).not.toMatch(/authorization|bearer/i);
});

test('Makro: a multi-listing update is recorded item by item; Shopify: a product mutation and a legacy-admin XHR', async () => {
  const makro = await ff.portal('https://seller.makro.co.za/index.html#dashboard/listings-management?listingState=ACTIVE');
  await press(makro, ['Save 3 listings (mixed result)']);
  const shopify = await ff.portal('https://admin.shopify.com/store/ubuntu-threads/products/8123456789012');
  await press(shopify, ['Save new product', 'Save variants']);
  const legacy = await ff.portal('https://ubuntu-threads.myshopify.com/admin/products/8123456790011');
  await press(legacy, ['Save product (legacy)']);

  await expectRows(panel, 10);
  const rows = await rowTexts(panel);
  expect(rows.find((r) => r.includes('SNAPPY-AF-5L-BLK'))).toMatch(/Success[\s\S]*a3f91c0d7b2e4856/);
  expect(rows.find((r) => r.includes('PHILIPS-HD-2200'))).toMatch(/Failed[\s\S]*brand approval/);
  expect(rows.filter((r) => r.includes('Shopify') && r.includes('Success'))).toHaveLength(2);
  expect(rows.find((r) => r.includes('already used by another variant'))).toContain('Failed');
  expect(await panel.$eval('a[href="https://admin.shopify.com/store/ubuntu-threads/products/8123456789012"]', (a) => a.textContent)).toBe(
    '8123456789012',
  );
  await Promise.all([makro.close(), shopify.close(), legacy.close()]);
});

test('"This listing": the sidebar puts the history of the listing in the active portal tab first', async () => {
  await takealot.bringToFront();
  await until(
    panel,
    () => document.querySelector('#this-listing-h')?.textContent === 'This listing: Takealot draft 884210',
    '"This listing"',
  );
  // The section's rows follow the heading once their query answers.
  await until(
    panel,
    () => {
      const rows = [...document.querySelectorAll('.this-listing article.row')].map((r) => r.textContent ?? '');
      return rows.length > 0 && rows.every((r) => r.includes('Takealot'));
    },
    "the Takealot listing's records",
  );
});

test('the sidebar page: filters narrow the list and are remembered; a failed record shows every reason', async () => {
  // biome-ignore lint/performance/useDomNodeTextContent: the counts as laid out (labels are separate lines)
  const statusCounts = () => panel.$eval('fieldset.status-filter', (g) => (g as HTMLElement).innerText.replace(/\s+/g, ' '));
  expect(await statusCounts()).toMatch(/All 10 /);
  await platform('takealot');
  await expectRows(panel, 4);
  await status('failed');
  await expectRows(panel, 2);
  for (const r of await rowTexts(panel)) expect(r).toContain('Failed');
  await (await panel.$('input[type=search]'))!.type('kk-run-43');
  await expectRows(panel, 1);

  await reloadAddonPage(panel);
  expect(await panel.$eval('input[type=search]', (i) => (i as HTMLInputElement).value)).toBe('kk-run-43');
  expect(await panel.$eval('input[type=radio][value=failed]', (i) => (i as HTMLInputElement).checked)).toBe(true);
  await expectRows(panel, 1);

  await panel.$eval('[aria-label="Sync history, newest first"] article.row button.row-open', (b) => (b as HTMLElement).click());
  await until(
    panel,
    () => document.querySelector('h2, h3') !== null && document.body.textContent?.includes('Why it failed (2 reasons)'),
    'record detail',
  );
  const detail = await body(panel);
  expect(detail).toContain('Invalid image: the link is not accessible');
  expect(detail).toMatch(/Image links must be direct, public https links/);
  expect(await panel.$eval('a[href="https://www.takealot.com/x/PLID91827365"]', (a) => a.textContent)).toBe('Open the listing');
  await (await byRole(panel, 'button', '← Back to history')).click();
  await expectRows(panel, 1);

  // Back to everything for the tests that follow.
  await panel.$eval('input[type=search]', (i) => {
    (i as HTMLInputElement).value = '';
    i.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await platform('*');
  await status('*');
  await expectRows(panel, 10);
});

test('the badge counts failures the seller has not seen; the popup shows today’s counts and clears it', async () => {
  // A sidebar showing a failure marks it seen: show only successes while the failures come in.
  await status('success');
  await expectRows(panel, 5);
  await expect.poll(async () => (await badge(panel)).text).toBe('');
  const tk = await ff.portal('https://sellers.takealot.com/offers');
  await press(tk, ['Save offer KK-RUN-43-WHT (XHR)', 'Save unknown offer']);
  await tk.close();
  await expect.poll(async () => (await badge(panel)).text).toBe('2');
  expect((await badge(panel)).title).toBe('Sync History: 2 failed publishes you have not seen');

  const popup = await ff.addonPage('popup.html');
  await until(
    popup,
    () => document.body.textContent?.includes('Latest failures') && document.querySelector('.counts') !== null,
    'popup counts',
  );
  // biome-ignore lint/performance/useDomNodeTextContent: the counts as laid out (one per line)
  const counts = await popup.$eval('.counts', (c) => (c as HTMLElement).innerText.replace(/\s+/g, ' '));
  expect(counts).toMatch(/5 ✓ Success 7 ✕ Failed 0 ◷ Pending/);
  expect(await popup.$('.site-access')).toBeNull(); // Firefox granted the portals at install
  await expect.poll(async () => (await badge(panel)).text).toBe('');
  expect((await badge(panel)).title).toBe('Sync History');
  await popup.close();
  await status('*');
  await expectRows(panel, 12);
});

test('the popup’s search opens Firefox’s sidebar (a user action) and the open sidebar page follows the search', async () => {
  const isOpen = (page: Page) =>
    page.evaluate(() =>
      (globalThis as unknown as { browser: { sidebarAction: { isOpen(d: object): Promise<boolean> } } }).browser.sidebarAction.isOpen({}),
    );
  const popup = await ff.addonPage('popup.html');
  expect(await isOpen(popup)).toBe(false); // open_at_install: false
  await (await byRole(popup, 'searchbox', 'Search by Store ID, Product ID or SKU')).type('ubuntu-threads');
  await (await byRole(popup, 'button', 'Search')).click();
  await expect.poll(() => isOpen(panel)).toBe(true);
  await until(
    panel,
    () => (document.querySelector('input[type=search]') as HTMLInputElement | null)?.value === 'ubuntu-threads',
    'the search',
  );
  await expectRows(panel, 3);
  await reloadAddonPage(panel);
  await expectRows(panel, 3);
  await panel.$eval('input[type=search]', (i) => {
    (i as HTMLInputElement).value = '';
    i.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await expectRows(panel, 12);
});

test('export JSON, clear (confirmed), import it back: the same records, no duplicates on a second import', async () => {
  const before = (await dumpRecords(panel)).sort((a, b) => a.id.localeCompare(b.id));
  expect(before).toHaveLength(12);
  await (await byRole(panel, 'button', 'Export & settings')).click();
  await (await byRole(panel, 'button', 'Export this view as JSON')).click();
  await expect.poll(() => downloaded(ff, '.json').length, { timeout: 15_000 }).toBe(1);
  const file = downloaded(ff, '.json')[0]!;
  // Firefox may still be writing the file when it appears.
  const parsed = () => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as { format: string; records: unknown[] };
    } catch {
      return undefined;
    }
  };
  await expect.poll(() => parsed() !== undefined).toBe(true);
  const exported = parsed()!;
  expect(exported.format).toBe('sync-history');
  expect(exported.records).toHaveLength(12);

  await (await byRole(panel, 'button', 'Export & settings')).click();
  await (await byRole(panel, 'button', 'Clear history…')).click();
  await (await panel.waitForSelector('dialog[open] ::-p-aria([name="Clear history"][role="button"])'))!.click();
  await until(panel, () => document.body.textContent?.includes('No publishes recorded yet.'), 'the empty history');
  expect(await dumpRecords(panel)).toHaveLength(0);

  for (let i = 0; i < 2; i++) {
    const input = (await panel.$('input[type=file]'))!;
    await input.uploadFile(file);
    await until(panel, () => /Imported/.test(document.body.textContent ?? ''), 'the import');
    await expectRows(panel, 12);
  }
  const after = (await dumpRecords(panel)).sort((a, b) => a.id.localeCompare(b.id));
  expect(after).toEqual(before);
});
