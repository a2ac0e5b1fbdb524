import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { CAPTURE_BUDGET } from '@/lib/background/limits';
import { dumpRecords, expect, test } from './harness';
import { press } from './portal-actions';

/**
 * Issue #10, in the built extension: a hostile script in portal pages (a compromised
 * third-party script, a malicious bookmarklet) watches the window's messages and replays
 * edited copies, forges exchanges of another platform from a Shopify tab, poisons the
 * tab's sessionStorage (page context and outbox), and floods 10,000 forged exchanges;
 * meanwhile a seller saves for real in another portal tab. Nothing forged may land; real
 * captures still do; the flooding page keeps answering script.
 */
const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');
const fixture = (p: string) => JSON.parse(readFileSync(resolve(FIXTURES, `${p}.json`), 'utf8'));
const SOURCE = 'sync-history:tap';

/** Starts recording every tap envelope this page's window sees (the page's own scripts can). */
const spy = (page: Page) =>
  page.evaluate((source) => {
    const w = window as unknown as { seen: unknown[] };
    w.seen = [];
    window.addEventListener('message', (e) => {
      if ((e.data as { source?: unknown })?.source === source) w.seen.push(structuredClone(e.data));
    });
  }, SOURCE);

/** How long the page takes to answer a script call, sampled while `during` runs. */
async function worstAnswer(page: Page, during: Promise<unknown>): Promise<number> {
  let worst = 0;
  let done = false;
  void during.finally(() => {
    done = true;
  });
  while (!done) {
    const t = Date.now();
    await page.evaluate(() => 1);
    worst = Math.max(worst, Date.now() - t);
  }
  await during;
  return worst;
}

test('hostile page: forged, replayed, poisoned and flooded captures never land; real ones do', async ({ context, portals, panel }) => {
  void portals;
  test.setTimeout(180_000);
  // 1. A genuine failure in a Takealot tab, seen by the page's own spy.
  const tk = await context.newPage();
  await tk.goto('https://sellers.takealot.com/single-product/884210');
  await expect(tk.locator('#log li')).toHaveCount(1);
  await spy(tk);
  await press(tk, ['Save offer KK-RUN-43-WHT (XHR)']);
  await expect.poll(async () => (await dumpRecords(panel)).length).toBe(1);
  const [failed] = await dumpRecords(panel);
  expect(failed!.status).toBe('failed');
  const seen = (await tk.evaluate(() => (window as unknown as { seen: unknown[] }).seen)) as {
    exchange: Record<string, unknown>;
  }[];
  const real = seen.find((m) => String(m.exchange.method) === 'PATCH')!.exchange;
  const success = fixture('takealot/offer-update-success').response.body;
  const forgedBody = {
    ...success,
    offer: { ...success.offer, title: 'FORGED TITLE', offer_url: 'https://www.takealot.com/forged/PLID666' },
  };
  const edited: Record<string, unknown> = { ...real, status: 200, statusText: 'OK', responseBody: forgedBody, observedAt: Date.now() };

  // 2. The same page replays an edited copy with the real captureId.
  await tk.evaluate(([source, ex]) => window.postMessage({ source, v: 1, exchange: ex }, '*'), [SOURCE, edited] as const);

  // 3. A Shopify tab forges the Takealot exchange: with the known captureId, and with fresh ones.
  const sh = await context.newPage();
  await sh.goto('https://admin.shopify.com/store/ubuntu-threads/products');
  await sh.evaluate(
    ([source, ex]) => {
      const page = location.href;
      for (const [i, pageUrl] of [String(ex.pageUrl), page].entries()) {
        window.postMessage({ source, v: 1, exchange: { ...ex, pageUrl } }, '*');
        window.postMessage({ source, v: 1, exchange: { ...ex, pageUrl, captureId: `forged-${i}-${Date.now()}` } }, '*');
      }
    },
    [SOURCE, edited] as const,
  );

  // 4. The Takealot tab's sessionStorage is poisoned, then the tab navigates (restore runs).
  await tk.evaluate(() => {
    const now = Date.now();
    sessionStorage.setItem('sync-history:ctx', JSON.stringify({ takealot: { storeId: 'x'.repeat(5000) } }));
    const forged = (id: string, draft: Record<string, unknown>) =>
      sessionStorage.setItem(
        `sync-history:outbox:${id}`,
        JSON.stringify({ seq: 0, msg: { type: 'capture', captureId: id, drafts: [draft], jobs: [], unrecognised: [] } }),
      );
    const base = { key: 'forged', kind: 'publish', status: 'success', observedAt: now, errors: [], changes: [] };
    forged('forged-outbox-1', { ...base, platform: 'shopify', sku: '=HYPERLINK("x")', storeId: 'me@example.com' });
    forged('forged-outbox-2', { ...base, platform: 'takealot', listingUrl: 'https://evil.example/login' });
    forged('forged-outbox-3', { ...base, platform: 'takealot', title: 'FORGED TITLE', sku: 'z'.repeat(5000) });
    sessionStorage.setItem('sync-history:outbox:not-json', '{');
  });
  await tk.reload();
  await expect(tk.locator('#log li')).toHaveCount(1);
  // A poisoned context no longer blocks real captures in this tab.
  await press(tk, ['Save offer KK-RUN-42-BLK']);
  await expect.poll(async () => (await dumpRecords(panel)).some((r) => r.sku === 'KK-RUN-42-BLK')).toBe(true);

  // 5. A flood of 10,000 forged, well-formed Takealot exchanges from a second Takealot tab,
  //    while the seller saves for real in a Makro tab.
  const flood = await context.newPage();
  await flood.goto('https://sellers.takealot.com/offers');
  await expect(flood.locator('#log li')).toHaveCount(1);
  const good = fixture('takealot/offer-update-success');
  const posting = flood.evaluate(
    ([source, f]) =>
      new Promise<void>((done) => {
        let i = 0;
        const burst = () => {
          for (const end = i + 500; i < end && i < 10_000; i++) {
            const url = f.request.url.replace(/ID\d+$/, `ID${900000 + i}`);
            const exchange = {
              captureId: `flood-${i}-abcdef`,
              transport: 'fetch',
              method: 'PATCH',
              url,
              pageUrl: location.href,
              requestBody: f.request.body,
              status: 200,
              statusText: 'OK',
              responseBody: { ...f.response.body, offer: { ...f.response.body.offer, offer_id: 900000 + i, sku: `FLOOD-${i}` } },
              observedAt: Date.now(),
            };
            window.postMessage({ source, v: 1, exchange }, '*');
          }
          if (i < 10_000) setTimeout(burst, 0);
          else setTimeout(done, 500);
        };
        burst();
      }),
    [SOURCE, good] as const,
  );
  const mk = await context.newPage();
  await mk.goto('https://seller.makro.co.za/index.html#dashboard/listings-management');
  const worst = await worstAnswer(flood, posting);
  await press(mk, ['Save 3 listings (mixed result)']);
  console.log(`[figures] hostile-page flood: worst script answer ${worst} ms during 10,000 forged exchanges`);
  // A figure for the README, not an assertion: no timed assertions in the suite.

  // 6. What landed.
  await expect.poll(async () => (await dumpRecords(panel)).filter((r) => r.platform === 'makro').length).toBe(3);
  await flood.waitForTimeout(1000);
  const records = await dumpRecords(panel);
  const after = records.find((r) => r.id === failed!.id)!;
  expect(after.status).toBe('failed');
  expect(after.title).toBe(failed!.title);
  expect(after.listingUrl).toBe(failed!.listingUrl);
  expect(after.history).toEqual(failed!.history);
  const dump = JSON.stringify(records);
  expect(dump).not.toContain('FORGED');
  expect(dump).not.toContain('forged');
  expect(dump).not.toContain('me@example.com');
  expect(dump).not.toContain('HYPERLINK');
  expect(records.filter((r) => r.platform === 'shopify')).toEqual([]);
  const flooded = records.filter((r) => r.sku?.startsWith('FLOOD-')).length;
  console.log(`[figures] hostile-page flood: ${flooded} of 10,000 forged exchanges recorded (the page's budget)`);
  expect(flooded).toBeGreaterThan(0);
  // The bucket holds a minute's budget and refills while the flood runs (well under a minute).
  expect(flooded).toBeLessThanOrEqual(2 * CAPTURE_BUDGET.messagesPerMinute);
  expect(records.some((r) => r.sku === 'KK-RUN-42-BLK')).toBe(true);
  await Promise.all([tk.close(), sh.close(), flood.close(), mk.close()]);
});
