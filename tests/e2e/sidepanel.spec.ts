import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { dumpRecords, expect, historyRows, serviceWorker, test } from './harness';
import { captureMix } from './portal-actions';

const badgeText = async (context: import('@playwright/test').BrowserContext) =>
  (await serviceWorker(context)).evaluate(() =>
    (globalThis as unknown as { chrome: { action: { getBadgeText(o: object): Promise<string> } } }).chrome.action.getBadgeText({}),
  );

/** captureMix's Takealot batch: its 3 items are one row (issue #11). */
const BATCH = 'Takealot batch 5531207';
const batchRow = (panel: import('@playwright/test').Page) => historyRows(panel).and(panel.locator('article.row-job'));

const badgeTitle = async (context: import('@playwright/test').BrowserContext) =>
  (await serviceWorker(context)).evaluate(() =>
    (globalThis as unknown as { chrome: { action: { getTitle(o: object): Promise<string> } } }).chrome.action.getTitle({}),
  );

test.describe('Side panel and popup', () => {
  test('the seller narrows 13 records (11 rows: the batch is one) to a Store ID, Takealot, this week and Failed; the filter is remembered', async ({
    context,
    portals,
    panel,
  }) => {
    void portals;
    await captureMix(context);
    await panel.bringToFront();
    const rows = historyRows(panel);
    // 13 records; the Takealot batch's 3 items are one job row, so 11 rows.
    await expect(rows).toHaveCount(11);
    await expect(batchRow(panel)).toHaveCount(1);
    await expect(batchRow(panel)).toHaveAttribute('aria-label', `${BATCH}: 3 items · 1 failed`);
    await expect(batchRow(panel).getByRole('button')).toHaveAccessibleName('Open job: 3 items · 1 failed');
    expect(await dumpRecords(panel)).toHaveLength(13);
    // The counts are of records, not rows.
    const status = panel.getByRole('group', { name: 'Status' });
    await expect(status).toContainText('All 13');
    await expect(status).toContainText('Failed 6');

    // The job's items are in the job view, the failure first.
    await batchRow(panel).getByRole('button').click();
    const job = panel.getByRole('region', { name: BATCH });
    await expect(job.locator('.job-line')).toHaveText('1 of 3 failed');
    const items = job.locator('ol.job-items > li');
    await expect(items).toHaveCount(3);
    await expect(items.first()).toContainText('Failed');
    await expect(items.first()).toContainText('KK-RUN-43-WHT');
    await expect(items.filter({ hasText: 'Success' })).toHaveCount(2);
    await job.getByRole('button', { name: '← Back to history' }).click();
    await expect(rows).toHaveCount(11);

    // The Store ID's 6 records: 3 records of their own and the batch (3 items) as one row.
    await panel.getByRole('searchbox').fill('29384756');
    await expect(rows).toHaveCount(4);
    await expect(batchRow(panel)).toHaveCount(1);
    await panel.getByRole('combobox', { name: 'Platform' }).selectOption('takealot');
    await panel.getByRole('combobox', { name: 'Time range' }).selectOption('week');
    await expect(status).toContainText('All 6');
    await expect(status).toContainText('Failed 3');
    await panel.getByRole('radio', { name: /Failed/ }).check();
    // Its 3 failures: the XHR save, the rate-limited save and the batch's failed item (in the batch row).
    await expect(rows).toHaveCount(3);
    for (const r of await rows.all()) await expect(r.locator('.status')).toHaveText(/Failed/);
    await expect(rows.getByRole('button', { name: 'Details: Kasi Kicks Runner Sneaker - White (Size 43)' })).toBeVisible();
    await expect(rows.filter({ hasText: 'wait a minute' })).toHaveCount(1);
    await expect(batchRow(panel)).toHaveCount(1);

    // A SKU prefix: KK-RUN-43-WHT failed on its own save and in the batch.
    await panel.getByRole('searchbox').fill('kk-run-43');
    await expect(rows).toHaveCount(2);
    await expect(rows.getByRole('button', { name: 'Details: Kasi Kicks Runner Sneaker - White (Size 43)' })).toBeVisible();
    await expect(batchRow(panel)).toHaveCount(1);

    await panel.reload();
    await expect(panel.getByRole('searchbox')).toHaveValue('kk-run-43');
    await expect(panel.getByRole('radio', { name: /Failed/ })).toBeChecked();
    await expect(rows).toHaveCount(2);
  });

  test('a failed record: every reason with guidance, ids to copy, links to the listing', async ({ context, portals, panel }) => {
    void portals;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await captureMix(context);
    await panel.bringToFront();
    await panel.getByRole('searchbox').fill('KK-RUN-43-WHT');
    const rows = historyRows(panel);
    // The SKU failed on its own save (two reasons) and again in the batch (the batch's one row).
    await expect(rows).toHaveCount(2);
    await expect(batchRow(panel)).toHaveCount(1);
    await rows.getByRole('button', { name: 'Details: Kasi Kicks Runner Sneaker - White (Size 43)' }).click();
    await expect(panel.getByRole('heading', { name: 'Why it failed (2 reasons)' })).toBeVisible();
    await expect(panel.getByText('Invalid image: the link is not accessible')).toBeVisible();
    await expect(panel.getByText(/Image links must be direct, public https links/)).toBeVisible();
    await expect(panel.getByRole('link', { name: 'Open the listing' })).toHaveAttribute('href', 'https://www.takealot.com/x/PLID91827365');
    await panel.getByRole('button', { name: 'Copy Offer ID 204518393' }).click();
    await expect(panel.getByRole('button', { name: 'Copy Offer ID 204518393' })).toHaveText(/Copied/);
    expect(await panel.evaluate(() => navigator.clipboard.readText())).toBe('204518393');
    await panel.getByRole('button', { name: '← Back to history' }).click();
    await panel.getByRole('searchbox').fill('');
    await expect(historyRows(panel)).toHaveCount(11); // 13 records, the batch of 3 as one row
  });

  test('keyboard only: search, move through rows with the arrows, open and close a record', async ({ context, portals, panel }) => {
    void portals;
    await captureMix(context);
    await panel.bringToFront();
    await panel.keyboard.press('Tab'); // Export & settings
    await panel.keyboard.press('Tab'); // search
    await expect(panel.getByRole('searchbox')).toBeFocused();
    await panel.keyboard.type('a3f91c0d7b2e4856');
    await expect(historyRows(panel)).toHaveCount(4);
    const first = historyRows(panel).first().getByRole('button');
    await first.focus();
    await panel.keyboard.press('ArrowDown');
    await expect(historyRows(panel).nth(1).getByRole('button')).toBeFocused();
    await panel.keyboard.press('Enter');
    await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
    await panel.keyboard.press('Shift+Tab');
    await expect(panel.getByRole('button', { name: '← Back to history' })).toBeFocused();
    await panel.keyboard.press('Enter');
    await expect(historyRows(panel)).toHaveCount(4);
  });

  test('export JSON, clear (confirmed), import it back: the same records, no duplicates on a second import', async ({
    context,
    portals,
    panel,
  }) => {
    void portals;
    await captureMix(context);
    await panel.bringToFront();
    await expect(historyRows(panel)).toHaveCount(11); // 13 records, the batch of 3 as one row
    await expect(batchRow(panel)).toHaveCount(1);
    const before = (await dumpRecords(panel)).sort((a, b) => a.id.localeCompare(b.id));

    await panel.getByRole('button', { name: 'Export & settings' }).click();
    const [download] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export this view as JSON' }).click(),
    ]);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { format: string; records: unknown[] };
    expect(exported.format).toBe('sync-history');
    expect(exported.records).toHaveLength(13);

    await panel.getByRole('button', { name: 'Export & settings' }).click();
    const [csv] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export this view as CSV' }).click(),
    ]);
    expect(
      readFileSync(await csv.path(), 'utf8')
        .trim()
        .split('\r\n'),
    ).toHaveLength(14);

    await panel.getByRole('button', { name: 'Export & settings' }).click();
    await panel.getByRole('button', { name: 'Clear history…' }).click();
    await panel.getByRole('dialog').getByRole('button', { name: 'Keep history' }).click();
    await expect(historyRows(panel)).toHaveCount(11);
    expect(await dumpRecords(panel)).toHaveLength(13);
    await panel.getByRole('button', { name: 'Export & settings' }).click();
    await panel.getByRole('button', { name: 'Clear history…' }).click();
    await panel.getByRole('dialog').getByRole('button', { name: 'Clear history' }).click();
    await expect(panel.getByText('No publishes recorded yet.')).toBeVisible();
    expect(await dumpRecords(panel)).toHaveLength(0);

    for (let i = 0; i < 2; i++) {
      await panel.locator('input[type=file]').setInputFiles(file);
      await expect(panel.getByText(/^Imported/)).toBeVisible();
      await expect(historyRows(panel)).toHaveCount(11);
      await expect(batchRow(panel)).toHaveAttribute('aria-label', `${BATCH}: 3 items · 1 failed`);
      expect(await dumpRecords(panel)).toHaveLength(13);
    }
    const after = (await dumpRecords(panel)).sort((a, b) => a.id.localeCompare(b.id));
    expect(after).toEqual(before);
    await expect(panel.getByRole('group', { name: 'Status' })).toContainText('All 13');
  });

  test('the badge counts unseen failures not fixed yet, a listing once; opening the popup clears it', async ({
    context,
    portals,
    extensionId,
  }) => {
    void portals;
    await captureMix(context);
    // 6 failed records, 5 open failures: KK-RUN-43-WHT failed on its own save, then again in the
    // batch. The later failure supersedes the earlier one (issue #11: "Still failing" and the
    // badge count a listing once, by its latest failure). No seeded failure is fixed: the
    // rate-limited save of 204518392 and the Shopify barcode failure come after their successes.
    await expect.poll(() => badgeText(context)).toBe('5');
    expect(await badgeTitle(context)).toBe('Sync History: 5 failed publishes not fixed yet that you have not seen');
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const failed = (await dumpRecords(popup)).filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(6);
    const closed = failed.filter((r) => r.fixedBy !== undefined || r.supersededBy !== undefined);
    expect(closed.map((r) => [r.sku, r.kind, r.fixedBy])).toEqual([['KK-RUN-43-WHT', 'publish', undefined]]);
    expect(failed.find((r) => r.id === closed[0]!.supersededBy)).toMatchObject({ sku: 'KK-RUN-43-WHT', jobId: '5531207' });
    // The popup lists the same 5 as still failing, with a button to view them all.
    const stillFailing = popup.getByRole('region', { name: /^Still failing/ });
    await expect(stillFailing.getByRole('button', { name: '5: view all' })).toBeVisible();
    await expect(stillFailing.locator('article.row')).toHaveCount(5);
    // KK-RUN-43-WHT once: its batch item (named by its SKU), not the earlier save it superseded (named by its title).
    await expect(stillFailing.getByRole('button', { name: 'Details: KK-RUN-43-WHT', exact: true })).toHaveCount(1);
    await expect(stillFailing.getByRole('button', { name: 'Details: Kasi Kicks Runner Sneaker - White (Size 43)' })).toHaveCount(0);
    // The popup's "today" counts are of records: all 6 failures happened today.
    await expect(popup.locator('.counts').getByRole('button', { name: '6 Failed today: show them' })).toBeVisible();
    await expect.poll(() => badgeText(context)).toBe('');
  });

  test('popup search opens the side panel filtered', async ({ context, portals, extensionId, panel }) => {
    void portals;
    await captureMix(context);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.getByRole('searchbox').fill('ubuntu-threads');
    // sidePanel.open needs a real user gesture in a real popup; in a tab it throws after saving the search.
    await popup.getByRole('button', { name: 'Search' }).click();
    await expect(panel.getByRole('searchbox')).toHaveValue('ubuntu-threads'); // the open panel follows
    await expect(historyRows(panel)).toHaveCount(3);
    await panel.reload();
    await expect(panel.getByRole('searchbox')).toHaveValue('ubuntu-threads');
    await expect(historyRows(panel)).toHaveCount(3);
  });

  test('no axe-core violations: side panel (list, filters, job, detail, empty) and popup', async ({
    context,
    portals,
    panel,
    extensionId,
  }) => {
    test.setTimeout(180_000); // eight axe runs on a shared 2-core machine
    void portals;
    const check = async (page: import('@playwright/test').Page, where: string) => {
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    };
    await check(panel, 'empty side panel');
    await captureMix(context);
    await panel.bringToFront();
    await expect(historyRows(panel)).toHaveCount(11); // 13 records, the batch of 3 as one row
    await expect(batchRow(panel)).toHaveCount(1);
    await check(panel, 'side panel');
    await panel.getByRole('button', { name: 'Export & settings' }).click();
    await check(panel, 'tools menu');
    await panel.getByRole('button', { name: 'Export & settings' }).click();
    await batchRow(panel).getByRole('button').click();
    await expect(panel.getByRole('region', { name: BATCH }).locator('ol.job-items > li')).toHaveCount(3);
    await check(panel, 'job view');
    await panel.getByRole('button', { name: '← Back to history' }).click();
    const failed = historyRows(panel).and(panel.locator('article.row-failed:not(.row-job)')).first();
    await failed.locator('button.row-open').click();
    await expect(panel.getByRole('heading', { name: /^Why it failed/ })).toBeVisible();
    await check(panel, 'record detail');
    await panel.emulateMedia({ colorScheme: 'dark' });
    await check(panel, 'record detail, dark');
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByRole('heading', { name: /^Still failing/ })).toBeVisible();
    await check(popup, 'popup');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await check(popup, 'popup, dark');
  });
});
