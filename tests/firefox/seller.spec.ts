import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import {
  byRole,
  detailText,
  downloaded,
  dumpRecords,
  expectRows,
  type Firefox,
  launchFirefox,
  openRow,
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

test('Takealot: offer saves through fetch and XHR are recorded with status and reasons; ids and links are in the record', async () => {
  takealot = await ff.portal('https://sellers.takealot.com/single-product/884210');
  await takealot.waitForFunction(() => document.querySelectorAll('#log li').length === 1); // the seller identity call
  await press(takealot, ['Save offer KK-RUN-42-BLK', 'Save offer KK-RUN-43-WHT (XHR)', 'Create offer by barcode', 'Save (rate limited)']);
  expect(ff.portals.served.map((s) => s.fixture)).toContain('takealot/offer-update-rate-limited-429');
  // The page's own responses were untouched by the tap.
  expect(await takealot.$eval('#log li', (li) => li.textContent)).toContain('HTTP 429');

  await expectRows(panel, 4);
  // A row names the product (its title, else its offer id); the Store ID and the links are in the record.
  const rows = await rowTexts(panel);
  const success = rows.find((r) => r.includes('Kasi Kicks Runner Sneaker - Black (Size 42)'))!;
  expect(success).toMatch(/Success[\s\S]*Takealot · Selling price R1299 · RRP R1499/);
  expect(success).not.toContain('29384756');
  expect(rows.find((r) => r.includes('Kasi Kicks Runner Sneaker - White (Size 43)'))).toMatch(
    /Failed[\s\S]*Takealot · Selling price cannot be greater than RRP \(\+1 more\)/,
  );
  expect(rows.find((r) => r.includes('Offer ID 204518392'))).toMatch(/Failed[\s\S]*wait a minute/);
  expect(rows.find((r) => r.includes('Kasi Kicks Pool Slide'))).toContain('Success');

  await openRow(panel, ['Kasi Kicks Runner Sneaker - Black (Size 42)']);
  const detail = await detailText(panel);
  expect(detail).toMatch(/Seller ID\s+29384756/);
  expect(detail).toMatch(/SKU\s+KK-RUN-42-BLK/);
  expect(await panel.$eval('.id-table a[href="https://www.takealot.com/x/PLID91827364"]', (a) => a.textContent)).toBe('204518392');
  expect(await panel.$eval('.links a[href="https://www.takealot.com/x/PLID91827364"]', (a) => a.textContent)).toBe('Open the listing');
  await (await byRole(panel, 'button', '← Back to history')).click();
  await until(panel, () => document.querySelector('.detail') === null, 'the history again');
  await expectRows(panel, 4);

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

  // No job here: the Makro update's 3 items are 3 records of their own, each its own row.
  await expectRows(panel, 10);
  const rows = await rowTexts(panel);
  expect(rows.find((r) => r.includes('SNAPPY-AF-5L-BLK'))).toMatch(/Success[\s\S]*Makro · /);
  expect(rows.find((r) => r.includes('RH-IRON-2400'))).toMatch(/Failed[\s\S]*Makro · Selling price cannot be greater than MRP/);
  expect(rows.find((r) => r.includes('PHILIPS-HD-2200'))).toMatch(/Failed[\s\S]*brand approval/);
  expect(rows.filter((r) => r.includes('Shopify · ') && r.includes('Success'))).toHaveLength(2);
  expect(rows.find((r) => r.includes('already used by another variant'))).toMatch(/Failed[\s\S]*Shweshwe Wrap Dress - Indigo/);
  expect(rows.find((r) => r.includes('Ndebele Print Tote Bag'))).toMatch(/Success[\s\S]*Shopify · /);
  for (const r of rows) expect(r).not.toMatch(/a3f91c0d7b2e4856|ubuntu-threads/);

  // The Store IDs and the links, in the records.
  await openRow(panel, ['SNAPPY-AF-5L-BLK']);
  expect(await detailText(panel)).toMatch(/Seller ID\s+a3f91c0d7b2e4856/);
  expect(await panel.$eval('.links a', (a) => a.getAttribute('href'))).toBe(
    'https://www.makro.co.za/-/p/AFRH9TY6VB3NM4CD?pid=AFRH9TY6VB3NM4CD',
  );
  await panel.keyboard.press('Escape'); // Esc closes a record too
  await expectRows(panel, 10);
  await openRow(panel, ['Shweshwe Wrap Dress - Indigo', 'Success']);
  expect(await detailText(panel)).toMatch(/Store\s+ubuntu-threads/);
  expect(
    await panel.$eval('.id-table a[href="https://admin.shopify.com/store/ubuntu-threads/products/8123456789012"]', (a) => a.textContent),
  ).toBe('8123456789012');
  await (await byRole(panel, 'button', '← Back to history')).click();
  await expectRows(panel, 10);
  await Promise.all([makro.close(), shopify.close(), legacy.close()]);
});

test('"This listing": the sidebar puts the history of the listing in the active portal tab first', async () => {
  await takealot.bringToFront();
  // Its latest save (the rate-limited one) failed, and nothing fixed it since.
  await until(
    panel,
    () => document.querySelector('#this-listing-h')?.textContent === 'This listing: Takealot draft 884210 · latest failed',
    '"This listing"',
  );
  // The section's rows follow the heading once their query answers: the 4 saves made on the draft's page.
  await until(
    panel,
    () => {
      const rows = [...document.querySelectorAll('.this-listing article.row')].map((r) => r.textContent ?? '');
      return rows.length === 4 && rows.every((r) => r.includes('Takealot · '));
    },
    "the Takealot listing's records",
  );
});

test('the sidebar page: filters narrow the list and are remembered; a failed record shows every reason', async () => {
  // The counts are their own query: they may show a moment after the rows (the CI saw the rows
  // filtered while the counts were still the unfiltered ones), so wait for them as a seller would.
  const countsShow = (want: string) =>
    panel.waitForFunction(
      // biome-ignore lint/performance/useDomNodeTextContent: the counts as laid out (labels are separate lines)
      (w) => (document.querySelector('fieldset.status-filter') as HTMLElement | null)?.innerText.replace(/\s+/g, ' ').trim() === w,
      { timeout: 10_000, polling: 100 },
      want,
    );
  // 5 failures, none fixed by a later save of its listing: all 5 still failing. (KK-RUN-43-WHT's
  // failure shares only the draft page with the KK-SLIDE-07 offer saved after it: not fixed by it.)
  await countsShow('Status All 10 ✓ Success 5 ✕ Failed 5 ◷ Pending 0 Still failing 5');
  await platform('takealot');
  await expectRows(panel, 4);
  await countsShow('Status All 4 ✓ Success 2 ✕ Failed 2 ◷ Pending 0 Still failing 2');
  await status('open');
  await expectRows(panel, 2);
  await status('failed');
  await expectRows(panel, 2);
  for (const r of await rowTexts(panel)) expect(r).toContain('Failed');
  await (await panel.$('input[type=search]'))!.type('kk-run-43');
  await expectRows(panel, 1);

  await reloadAddonPage(panel);
  expect(await panel.$eval('input[type=search]', (i) => (i as HTMLInputElement).value)).toBe('kk-run-43');
  expect(await panel.$eval('input[type=radio][value=failed]', (i) => (i as HTMLInputElement).checked)).toBe(true);
  await expectRows(panel, 1);

  await openRow(panel, ['Kasi Kicks Runner Sneaker - White (Size 43)', 'Failed']);
  await until(panel, () => document.body.textContent?.includes('Why it failed (2 reasons)'), 'record detail');
  const detail = await detailText(panel);
  expect(detail).toContain('Selling price cannot be greater than RRP');
  expect(detail).toContain('Invalid image: the link is not accessible');
  expect(detail).toMatch(/Image links must be direct, public https links/);
  expect(detail).toContain('Still failing: no later save of this listing has succeeded yet.');
  expect(detail).toMatch(/Seller ID\s+29384756/);
  expect(await panel.$eval('.links a[href="https://www.takealot.com/x/PLID91827365"]', (a) => a.textContent)).toBe('Open the listing');
  expect(await panel.$eval('.id-table a[href="https://www.takealot.com/x/PLID91827365"]', (a) => a.textContent)).toBe('204518393');
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

test('the badge counts failures not fixed yet that the seller has not seen; the popup shows today’s counts and what is still failing, and clears it', async () => {
  // A sidebar showing a failure marks it seen: show only successes while the failures come in.
  await status('success');
  await expectRows(panel, 5);
  await expect.poll(async () => (await badge(panel)).text).toBe('');
  const tk = await ff.portal('https://sellers.takealot.com/offers');
  await press(tk, ['Save offer KK-RUN-43-WHT (XHR)', 'Save unknown offer']);
  await tk.close();
  // Both new failures are open and unseen. KK-RUN-43-WHT failed again: its new failure is the
  // one that counts (the earlier one, already seen, is superseded).
  await expect.poll(async () => (await badge(panel)).text).toBe('2');
  expect((await badge(panel)).title).toBe('Sync History: 2 failed publishes not fixed yet that you have not seen');
  const failed = (await dumpRecords(panel)).filter((r) => r.status === 'failed');
  expect(failed).toHaveLength(7);
  expect(failed.filter((r) => r.fixedBy !== undefined)).toEqual([]);
  const superseded = failed.filter((r) => r.supersededBy !== undefined);
  expect(superseded.map((r) => r.sku)).toEqual(['KK-RUN-43-WHT']);
  expect(failed.find((r) => r.id === superseded[0]!.supersededBy)?.sku).toBe('KK-RUN-43-WHT');

  const popup = await ff.addonPage('popup.html');
  await until(
    popup,
    () => document.querySelector('#fail-h button') !== null && document.querySelectorAll('.popup .list article.row').length === 5,
    'popup counts and failures',
  );
  // Today's counts are of records (7 failed); "Still failing" of listings (6: one for KK-RUN-43-WHT).
  // Each count is a button into the sidebar page, named for a screen reader.
  const counts = await popup.$$eval('.counts button', (bs) =>
    // biome-ignore lint/performance/useDomNodeTextContent: the count as laid out
    bs.map((b) => [(b as HTMLElement).innerText.replace(/\s+/g, ' ').trim(), b.getAttribute('aria-label')]),
  );
  expect(counts).toEqual([
    ['5 ✓ Success', '5 Success today: show them'],
    ['7 ✕ Failed', '7 Failed today: show them'],
    ['0 ◷ Pending', '0 Pending today: show them'],
  ]);
  expect(await popup.$eval('#fail-h', (h) => h.textContent)).toBe('Still failing 6: view all');
  // The 5 latest of them, newest first: the new ones on top.
  const latest = await popup.$$eval('.popup .list article.row', (rows) =>
    // biome-ignore lint/performance/useDomNodeTextContent: rows as the seller reads them
    rows.map((r) => (r as HTMLElement).innerText),
  );
  expect(latest[0]).toMatch(/Offer ID 999999999[\s\S]*not found/);
  expect(latest[1]).toMatch(/Kasi Kicks Runner Sneaker - White \(Size 43\)[\s\S]*Selling price cannot be greater than RRP/);
  expect(latest.filter((r) => r.includes('Kasi Kicks Runner Sneaker - White (Size 43)'))).toHaveLength(1);
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
  await (await byRole(popup, 'searchbox', 'Search by id, product name, error text or product link')).type('ubuntu-threads');
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
