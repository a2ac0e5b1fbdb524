import { expect, test } from '@playwright/test';
import { dumpRecords, type Firefox, launchFirefox, until } from './harness';

/**
 * A seller who withheld site access (Firefox's `extensions.originControls.grantByDefault`
 * off: the add-on is installed without its portal sites). The content scripts never run, so
 * nothing can be captured: the add-on must say so, and where to grant it.
 */
test.describe.configure({ mode: 'serial' });

let ff: Firefox;
test.beforeAll(async () => {
  test.setTimeout(90_000);
  ff = await launchFirefox({ grantSiteAccess: false });
});
test.afterAll(async () => {
  await ff?.close();
});

const NOTICE = 'Sync History has no access to the Takealot, Makro, and Shopify seller portals, so nothing you publish there is recorded.';

test('site access withheld: the portal page is untouched and nothing is recorded', async () => {
  const portal = await ff.portal('https://sellers.takealot.com/single-product/884210');
  await portal.waitForFunction(() => document.querySelectorAll('#log li').length === 1);
  // The MAIN-world tap never ran: the page's fetch and XHR are the browser's own.
  expect(await portal.evaluate(() => [String(window.fetch), String(XMLHttpRequest.prototype.open)].join(' '))).toMatch(
    /^function fetch\(\) \{\s*\[native code\]\s*\} function open\(\) \{\s*\[native code\]\s*\}$/,
  );
  await portal.$eval('button[data-fixture="takealot/offer-update-success"]', (b) => (b as HTMLElement).click());
  await portal.waitForFunction(() => document.querySelectorAll('#log li').length === 2);
  const panel = await ff.addonPage('sidepanel.html');
  await new Promise((r) => setTimeout(r, 1500)); // what a capture would take to arrive
  expect(await dumpRecords(panel)).toEqual([]);
  await portal.close();
  await panel.close();
});

for (const page of ['popup.html', 'sidepanel.html']) {
  test(`site access withheld: ${page} says which portals and where to grant them`, async () => {
    const p = await ff.addonPage(page);
    await until(p, () => document.querySelector('.site-access[role="alert"]') !== null, 'the site-access notice');
    const text = await p.$eval('.site-access', (n) => n.textContent ?? '');
    expect(text).toContain(NOTICE);
    expect(text).toContain('Extensions button (the puzzle piece)');
    expect(text).toContain('about:addons');
    expect(await p.$eval('.site-access button', (b) => b.textContent)).toBe('Allow access to the portals');
    await p.close();
  });
}
