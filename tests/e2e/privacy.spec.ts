import { readFileSync } from 'node:fs';
import { dumpRecords, expect, historyRows, test } from './harness';
import { press } from './portal-actions';

/**
 * Privacy and untrusted input (issue #5). Requests carry an Authorization header, CSRF and
 * Shopify token headers, a session cookie, tokens in localStorage; bodies carry API keys,
 * passwords, tokens, emails and phone numbers. None of it may reach the database or an export.
 */
const SENTINEL = /sentinel|555[\s-]?0199|eyJhbGciOi/gi;

test('zero sentinels in a dump of the whole database and in the JSON and CSV exports', async ({ context, portals, panel }) => {
  void portals;
  const tk = await context.newPage();
  await tk.goto('https://sellers.takealot.com/offers');
  await expect(tk.locator('#log li')).toHaveCount(1);
  await press(tk, ['Save offer (secrets in it)', 'Save offer KK-RUN-43-WHT (XHR)']);
  const mk = await context.newPage();
  await mk.goto('https://seller.makro.co.za/index.html#dashboard/listings-management');
  await press(mk, ['Save 3 listings (mixed result)']);
  const sh = await context.newPage();
  await sh.goto('https://admin.shopify.com/store/ubuntu-threads/products');
  await press(sh, ['Save new product', 'Add products to collection']);

  await panel.bringToFront();
  await expect(historyRows(panel)).toHaveCount(6);
  const rec = (await dumpRecords(panel)).find((r) => r.sku === 'KK-PRIV-1')!;
  // The record itself is complete: only the secrets are gone.
  expect(rec.changes).toEqual([
    { field: 'sku', value: 'KK-PRIV-1' },
    { field: 'selling_price', value: 199 },
  ]);
  expect(rec.errors[0]!.message).toContain('[redacted');

  const everything = await panel.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('sync-history');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const out: Record<string, unknown> = {};
          for (const n of names) {
            const req = tx.objectStore(n).getAll();
            req.onsuccess = () => (out[n] = req.result);
          }
          tx.oncomplete = () => resolve(JSON.stringify(out));
        };
      }),
  );
  const storage = await panel.evaluate(async () =>
    JSON.stringify(
      await (globalThis as unknown as { chrome: { storage: { local: { get(): Promise<unknown> } } } }).chrome.storage.local.get(),
    ),
  );

  await panel.getByRole('button', { name: 'Export & settings' }).click();
  const [json] = await Promise.all([
    panel.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export this view as JSON' }).click(),
  ]);
  await panel.getByRole('button', { name: 'Export & settings' }).click();
  const [csv] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export this view as CSV' }).click()]);
  const exports = readFileSync(await json.path(), 'utf8') + readFileSync(await csv.path(), 'utf8');

  const found = [...(everything + storage + exports).matchAll(SENTINEL)].map((m) => m[0]);
  console.log(`[figures] database bytes=${everything.length} export bytes=${exports.length} sentinels found=${found.length}`);
  expect(found).toEqual([]);
  expect(everything).toContain('KK-PRIV-1'); // the dump really holds the records
});

test('untrusted strings show as text: HTML in an error, a script in a title, a javascript: link', async ({ context, portals, panel }) => {
  void portals;
  const tk = await context.newPage();
  await tk.goto('https://sellers.takealot.com/offers');
  await expect(tk.locator('#log li')).toHaveCount(1); // the page's own identity call, before counting the save's answer
  await press(tk, ['Save offer (hostile text)']);
  await panel.bringToFront();
  const HTML_ERROR = `<img src=x onerror="document.title='pwned'">Bad <b>image</b> link`;
  const row = historyRows(panel).first();
  // The row names the product by its title, shown as text (the script tag included).
  const name = row.locator('button.row-open.name');
  await expect(name).toHaveText(`Details: <script>document.title='pwned'</script>Hostile title`);
  // Line two carries the reason, as text.
  await expect(row.locator('.line2-text')).toHaveText(`Takealot · ${HTML_ERROR}`);
  await expect(row.locator('img, b, script')).toHaveCount(0);
  await expect(row.getByRole('link')).toHaveCount(0);
  await name.click();
  await expect(panel.getByRole('heading', { level: 2 })).toContainText(`<script>document.title='pwned'</script>Hostile title`);
  await expect(panel.getByRole('region', { name: 'Why it failed' }).locator('p.reason')).toHaveText(HTML_ERROR);
  await expect(panel.locator('main img, main script, main b')).toHaveCount(0);
  // The javascript: listing link is never a link: no "Open the listing", no javascript: href anywhere.
  await expect(panel.getByRole('link', { name: 'Open the listing' })).toHaveCount(0);
  await expect(panel.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(panel.getByRole('region', { name: 'Ids' })).toContainText('204518888');
  expect(await panel.title()).toBe('Sync History');
});
