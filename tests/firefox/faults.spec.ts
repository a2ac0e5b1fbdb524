import { expect, test } from '@playwright/test';
import { byRole, dumpRecords, type Firefox, launchFirefox, press } from './harness';

/**
 * Firefox runs the background as an event page, suspended after a while without events
 * (`extensions.background.idle.timeout`, 30 s by default). Here it is 250 ms, so the page is
 * suspended and woken again and again while the portal saves: every capture must arrive,
 * once. The Chromium suite does the same by stopping the service worker (tests/e2e/faults.spec.ts).
 */
const CAPTURES = 120;

let ff: Firefox;
test.beforeAll(async () => {
  test.setTimeout(90_000);
  ff = await launchFirefox({ prefs: { 'extensions.background.idle.timeout': 250 } });
});
test.afterAll(async () => {
  await ff?.close();
});

test(`${CAPTURES} captures while the event page is suspended and woken between and during them: zero lost, zero duplicated`, async () => {
  test.setTimeout(180_000);
  ff.portals.answer('PATCH', /^https:\/\/seller-api\.takealot\.com\/v2\/offers\/offer\/ID\d+$/, (body, url) => {
    const id = Number(/ID(\d+)/.exec(url.pathname)![1]);
    return {
      status: 200,
      statusText: 'OK',
      body: { offer: { offer_id: id, sku: (body as { sku: string }).sku, title: `Load ${id}` }, validation_errors: [] },
    };
  });
  // An add-on page watches the event page come and go (extension.getViews lists it while it runs).
  const watcher = await ff.addonPage('popup.html');
  await watcher.evaluate(() => {
    const w = window as unknown as { suspensions: number; running: boolean };
    const ext = (globalThis as unknown as { browser: { extension: { getViews(): Window[] } } }).browser.extension;
    w.suspensions = 0;
    w.running = true;
    setInterval(() => {
      const running = ext.getViews().some((v) => v.location.pathname === '/_generated_background_page.html');
      if (w.running && !running) w.suspensions += 1;
      w.running = running;
    }, 25);
  });

  const portal = await ff.portal('https://sellers.takealot.com/offers');
  await portal.waitForFunction(() => document.querySelectorAll('#log li').length === 1);
  // Bursts of 1–4 saves with pauses of 0–700 ms: some land on a running page, some on a
  // suspended one, some while it is being suspended. Every tenth pause is long enough for
  // Firefox to suspend it for sure.
  await portal.evaluate(async (n: number) => {
    let i = 1;
    let bursts = 0;
    while (i <= n) {
      bursts += 1;
      const burst = Math.min(n - i + 1, 1 + Math.floor(Math.random() * 4));
      await Promise.all(
        Array.from({ length: burst }, (_, k) =>
          fetch(`https://seller-api.takealot.com/v2/offers/offer/ID${i + k}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ sku: `LOAD-FF-${i + k}`, selling_price: 100 }),
          }).then((r) => r.text()),
        ),
      );
      i += burst;
      await new Promise((r) => setTimeout(r, bursts % 10 === 0 ? 1500 : Math.random() * 700));
    }
  }, CAPTURES);

  await expect.poll(async () => (await dumpRecords(watcher)).length, { timeout: 60_000, intervals: [500] }).toBe(CAPTURES);
  const records = await dumpRecords(watcher);
  const skus = new Set(records.map((r) => r.sku));
  expect(skus.size).toBe(CAPTURES);
  for (let i = 1; i <= CAPTURES; i++) expect(skus.has(`LOAD-FF-${i}`)).toBe(true);
  expect(records.every((r) => r.status === 'success')).toBe(true);
  const suspensions = await watcher.evaluate(() => (window as unknown as { suspensions: number }).suspensions);
  console.log(`[figures] firefox captures=${CAPTURES} eventPageSuspensions=${suspensions} lost=${CAPTURES - skus.size}`);
  expect(suspensions).toBeGreaterThanOrEqual(3);
});

test('the add-on is reloaded (an update) under an open portal tab: Firefox injects it again; nothing lost, nothing doubled', async () => {
  test.setTimeout(120_000);
  const portal = await ff.portal('https://sellers.takealot.com/single-product/884210');
  await portal.waitForFunction(() => document.querySelectorAll('#log li').length === 1);
  await press(portal, ['Save offer KK-RUN-42-BLK']);
  const page = await ff.addonPage('popup.html');
  await expect.poll(async () => (await dumpRecords(page)).filter((r) => r.sku === 'KK-RUN-42-BLK').length).toBe(1);
  // What an update does to a running add-on. Unlike Chrome, Firefox injects the content
  // scripts again into the open tab, while the first tap still wraps the page's fetch: before
  // the tap installed once per window, every later save was recorded twice.
  await page
    .evaluate(() => void (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload())
    .catch(() => undefined);
  await new Promise((r) => setTimeout(r, 3000));
  await press(portal, ['Save offer KK-RUN-43-WHT (XHR)', 'Create offer by barcode']);
  // No "reload this tab" notice is needed in Firefox: the tab keeps recording.
  expect(await portal.evaluate(() => document.getElementById('sync-history-reload'))).toBeNull();
  const after = await ff.addonPage('popup.html');
  const skus = async () =>
    (await dumpRecords(after))
      .map((r) => r.sku)
      .filter((s) => s?.startsWith('KK-'))
      .sort();
  await expect.poll(skus, { timeout: 20_000 }).toEqual(['KK-RUN-42-BLK', 'KK-RUN-43-WHT', 'KK-SLIDE-07']);
  await new Promise((r) => setTimeout(r, 1500)); // a doubled capture would land by now
  expect(await skus()).toEqual(['KK-RUN-42-BLK', 'KK-RUN-43-WHT', 'KK-SLIDE-07']);
});

test('"Save and close" on a busy page: the tap\'s deferred task cannot run before the page leaves; the capture is still recorded', async () => {
  // The portal is busy after its save: any task the tap queues (setTimeout 0) waits behind its
  // work, and the page has navigated away first. The tap hands over at pagehide instead.
  const portal = await ff.portal('https://sellers.takealot.com/offers/create', (page) =>
    page.evaluateOnNewDocument(() => {
      const own = window.setTimeout;
      window.setTimeout = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) =>
        own(fn, Math.max(ms ?? 0, 60_000), ...rest)) as typeof window.setTimeout;
    }),
  );
  await portal.waitForFunction(() => document.querySelectorAll('#log li').length === 1);
  // The tests share one Firefox: the reload test above saved KK-SLIDE-07 already.
  const page = await ff.addonPage('popup.html');
  const slides = async () => (await dumpRecords(page)).filter((r) => r.sku === 'KK-SLIDE-07').map((r) => r.status);
  const before = await slides();
  const save = await byRole(portal, 'button', 'Save and close');
  await Promise.all([portal.waitForNavigation(), save.click()]);
  expect(portal.url()).toBe('https://sellers.takealot.com/offers');
  await expect.poll(slides, { timeout: 15_000 }).toEqual([...before, 'success']);
});
