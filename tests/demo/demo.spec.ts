import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from '@playwright/test';
import { launchWithExtension, serviceWorker } from '../e2e/harness';
import { servePortals } from '../e2e/portal-server';

/**
 * The demo for anyone without a seller account: Chromium with the built extension, the
 * fixture portals served at their real URLs (as in the e2e suite), and the side panel in a
 * window beside them. Click a "Save…" button in a portal and watch the record appear.
 * Without a display it says so, plays a short tour and saves screenshots instead.
 */
const OUT = resolve(import.meta.dirname, '..', '..', 'demo-screenshots');

test('demo', async () => {
  const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const { context } = await launchWithExtension({ headless: !headed });
  await servePortals(context);
  const id = new URL((await serviceWorker(context)).url()).host;

  const portal = context.pages()[0] ?? (await context.newPage());
  await portal.goto('https://sellers.takealot.com/single-product/884210');
  if (headed) {
    // The real side panel opens only from a user gesture; beside the portal a window shows the same page.
    await (await serviceWorker(context)).evaluate(async (url) => {
      const { chrome } = globalThis as unknown as { chrome: { windows: { create(o: object): Promise<unknown> } } };
      try {
        await chrome.windows.create({ url, type: 'popup', width: 400, height: 800, left: 1010, top: 0 });
      } catch {
        await chrome.windows.create({ url, type: 'popup', width: 400, height: 800 }); // a small screen
      }
    }, `chrome-extension://${id}/sidepanel.html`);
    console.log(
      [
        '',
        'Sync History demo is running.',
        '  Portal tabs: https://sellers.takealot.com/… (open https://seller.makro.co.za/index.html or',
        '  https://admin.shopify.com/store/ubuntu-threads/products in a new tab for the others).',
        '  Click a "Save…" button: the record appears in the Sync History window beside it.',
        '  The toolbar icon opens the popup ("Open side panel" opens the real side panel).',
        '  Close the browser to end the demo.',
        '',
      ].join('\n'),
    );
    await new Promise<void>((done) => context.on('close', () => done()));
    return;
  }

  console.log('No display found (DISPLAY is not set): playing a short tour headless and saving screenshots instead.');
  mkdirSync(OUT, { recursive: true });
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 380, height: 760 });
  await panel.goto(`chrome-extension://${id}/sidepanel.html`);
  const steps: [string, string, string[]][] = [
    [
      'takealot',
      'https://sellers.takealot.com/single-product/884210',
      ['Save offer KK-RUN-42-BLK', 'Save offer KK-RUN-43-WHT (XHR)', 'Upload batch of 3', 'Check batch (finished)'],
    ],
    [
      'makro',
      'https://seller.makro.co.za/index.html#dashboard/listings-management',
      ['Save 3 listings (mixed result)', 'Create kettle draft', 'Submit kettle for QC'],
    ],
    [
      'shopify',
      'https://admin.shopify.com/store/ubuntu-threads/products',
      ['Save new product', 'Save variants', 'Save product (async)', 'Poll operation (done)'],
    ],
  ];
  for (const [name, url, buttons] of steps) {
    await portal.goto(url);
    for (const b of buttons) {
      const before = await portal.locator('#log li').count();
      await portal.getByRole('button', { name: b, exact: true }).click();
      await portal.locator('#log li').nth(before).waitFor();
    }
    await portal.screenshot({ path: resolve(OUT, `${name}-portal.png`) });
    await panel.waitForTimeout(400);
    await panel.screenshot({ path: resolve(OUT, `${name}-sidepanel.png`) });
    console.log(`  ${name}: clicked ${buttons.length} buttons, saved ${name}-portal.png and ${name}-sidepanel.png`);
  }
  console.log(`Screenshots are in ${OUT}`);
  await context.close();
});
