import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { dayLabel } from '../../lib/format/time';
import { busyDay } from './busy-day-seed';
import { expect, historyRows, test } from './harness';

/**
 * Issue #11's busy day, in the built extension at the side panel's real size: 69 records
 * (59 today: a 25-item Takealot batch with 7 failures and 2 pending, failures later fixed,
 * Makro and Shopify saves; 10 on the two days before), loaded through Import.
 */

async function seed(panel: Page) {
  const day = busyDay(Date.now());
  await panel.setViewportSize({ width: 380, height: 760 });
  await panel.locator('input[type=file]').setInputFiles({
    name: 'busy-day.json',
    mimeType: 'application/json',
    buffer: Buffer.from(day.file),
  });
  await expect(panel.getByText(/^Imported busy-day\.json/)).toBeVisible();
  await panel.getByRole('button', { name: 'Dismiss' }).click();
  await expect(panel.getByRole('group', { name: 'Status' })).toContainText(`All ${day.records.length}`);
  return day;
}

/** Rows wholly inside the list's scrolling box. */
const fullyVisibleRows = (panel: Page) =>
  panel.evaluate(() => {
    const box = document.querySelector('.vlist')!.getBoundingClientRect();
    return [...document.querySelectorAll('.vlist article.row')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= box.top - 0.5 && b.bottom <= box.bottom + 0.5;
    }).length;
  });

const focusedRowName = (panel: Page) =>
  panel.evaluate(
    () => document.activeElement?.closest('article')?.getAttribute('aria-label') ?? `not a row: ${document.activeElement?.tagName}`,
  );

test.describe('A busy day in the side panel', () => {
  test('rows name the product, at least 10 fit at 380×760, with day headers and clock times', async ({ panel }) => {
    const day = await seed(panel);
    const visible = await fullyVisibleRows(panel);
    console.log(`rows fully visible at 380×760: ${visible}`);
    expect(visible).toBeGreaterThanOrEqual(10);
    await panel.setViewportSize({ width: 600, height: 760 });
    console.log(`rows fully visible at 600×760: ${await fullyVisibleRows(panel)}`);
    await panel.setViewportSize({ width: 380, height: 760 });

    // Day headers: Today first; scrolling down reaches Yesterday and the day before, by name.
    const headers = panel.locator('.vlist li.day');
    await expect(headers.first()).toHaveText('Today');
    const older = day.records[day.records.length - 1]!.syncedAt;
    // (The list loads 50 rows at a time: scroll to the end until the oldest day is there.)
    await expect
      .poll(async () => {
        await panel.locator('.vlist').evaluate((el) => {
          el.scrollTop = el.scrollHeight;
        });
        return headers.filter({ hasText: dayLabel(older, Date.now()) }).count();
      })
      .toBe(1);
    await expect(headers.filter({ hasText: 'Yesterday' })).toHaveCount(1);
    await panel.locator('.vlist').evaluate((el) => {
      el.scrollTop = 0;
    });

    // Rows: the product's name on line one, the reason on line two; a clock time, no "hours ago".
    const kk = historyRows(panel).filter({ hasText: 'Road running shoe, red, size 10' });
    await expect(kk).toContainText('Selling price cannot be greater than RRP');
    await expect(kk.locator('time')).toHaveText(/^\d{2}:\d{2}/);
    await expect(historyRows(panel).locator('time').first()).not.toContainText('hours ago');
    // A Makro row leads with its SKU, not "Saved" nor the 25-character listing id.
    await panel.getByRole('searchbox').fill('mk-kettle-03');
    const mk = historyRows(panel).first();
    await expect(mk.getByRole('button')).toHaveText(/MK-KETTLE-03-2L-BLK/);
    await expect(mk).not.toContainText('Saved');
    await expect(mk).not.toContainText(/LST[A-Z0-9]{22}/);
    await expect(mk).toContainText('Selling price R509');
    // The Store ID is not repeated on every row.
    await panel.getByRole('searchbox').fill('');
    await expect(historyRows(panel).filter({ hasText: 'a3f91c0d7b2e4856' })).toHaveCount(0);
  });

  test('a failed record: the product and the reasons first, portal labels, the field that failed highlighted', async ({ panel }) => {
    await seed(panel);
    await panel.getByRole('searchbox').fill('mk-kettle-02');
    await historyRows(panel).first().getByRole('button').click();
    const h2 = panel.getByRole('heading', { level: 2 });
    await expect(h2).toHaveText('MK-KETTLE-02-2L-BLK · Makro publish');
    const order = await panel.locator('.detail h3').allTextContents();
    expect(order.indexOf('Why it failed')).toBe(0);
    expect(order.indexOf('Ids')).toBeGreaterThan(order.indexOf('What was sent'));
    await expect(panel.locator('.id-table')).toContainText('Listing ID');
    await expect(panel.locator('.id-table')).toContainText('FSN');
    await expect(panel.locator('.id-table')).toContainText('TLH7ZQ4MNB2WXAYK');
    const named = panel.locator('.changes tr.named');
    await expect(named).toHaveCount(1);
    await expect(named).toContainText('Selling price');
    await expect(named).toContainText('in the reason');
    await expect(panel.locator('.changes')).not.toContainText('flipkart_selling_price');
  });

  test('keyboard: one Tab stop in the list, arrows move, Enter opens, Back and Esc return to the same row', async ({ panel }) => {
    await seed(panel);
    const list = panel.locator('.vlist');
    await expect(list.locator('[tabindex="0"]')).toHaveCount(1);
    await historyRows(panel).first().getByRole('button').focus();
    for (let i = 0; i < 32; i++) await panel.keyboard.press('ArrowDown');
    // Every press counts, even one before the last one's frame moved focus.
    await expect(list.locator('li[aria-posinset="33"] .row-open')).toBeFocused();
    const row33 = await focusedRowName(panel);
    expect(row33).toMatch(/^(Success|Failed|Pending), /);
    await expect(list.locator('[tabindex="0"]')).toHaveCount(1);
    const scrolled = await list.evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(0);

    await panel.keyboard.press('Enter');
    await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
    await panel.getByRole('button', { name: '← Back to history' }).click();
    await expect.poll(() => focusedRowName(panel)).toBe(row33);
    expect(await list.evaluate((el) => el.scrollTop)).toBe(scrolled);

    // Esc closes a record the same way.
    await panel.keyboard.press('ArrowDown');
    await expect(list.locator('li[aria-posinset="34"] .row-open')).toBeFocused();
    const row34 = await focusedRowName(panel);
    await panel.keyboard.press('Enter');
    await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
    await panel.keyboard.press('Escape');
    await expect.poll(() => focusedRowName(panel)).toBe(row34);
    // Tab leaves the list in one step.
    await panel.keyboard.press('Tab');
    expect(await focusedRowName(panel)).toMatch(/^not a row/);
  });

  test('filters show as chips, come back as chips, and explain an impossible range', async ({ panel }) => {
    await seed(panel);
    await panel.getByRole('combobox', { name: 'Platform' }).selectOption('makro');
    await panel.getByRole('radio', { name: /Failed/ }).check();
    await expect(historyRows(panel)).toHaveCount(3);
    await panel.reload();
    const chips = panel.getByRole('list', { name: 'Filters on' });
    await expect(chips.getByRole('button', { name: 'Remove filter: Makro' })).toBeVisible();
    await expect(chips.getByRole('button', { name: 'Remove filter: Failed' })).toBeVisible();
    await expect(historyRows(panel)).toHaveCount(3);
    await chips.getByRole('button', { name: 'Remove filter: Makro' }).click();
    await expect(panel.getByRole('combobox', { name: 'Platform' })).toHaveValue('*');
    await expect(historyRows(panel).first()).toContainText('Failed');
    await panel.getByRole('button', { name: 'Clear all' }).click();
    await expect(chips).toHaveCount(0);

    await panel.getByRole('combobox', { name: 'Time range' }).selectOption('custom');
    await panel.getByRole('textbox', { name: 'From' }).fill('2026-11-27');
    await panel.getByRole('textbox', { name: 'To', exact: true }).fill('2026-11-20');
    await expect(panel.getByRole('alert')).toContainText('‘From’ is after ‘To’');
    await expect(panel.getByText('Nothing matches these filters.')).toHaveCount(0);
  });

  test('axe: 0 violations on the list, a record and the popup, light and dark', async ({ panel, context, extensionId }) => {
    test.setTimeout(180_000); // six axe runs on a shared 2-core machine
    await seed(panel);
    const check = async (page: Page, where: string) => {
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    };
    for (const scheme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: scheme });
      await panel.getByRole('radio', { name: /Failed/ }).check();
      await check(panel, `list with a chip, ${scheme}`);
      await historyRows(panel).first().getByRole('button').click();
      await check(panel, `record, ${scheme}`);
      await panel.keyboard.press('Escape');
      await panel.getByRole('button', { name: 'Clear all' }).click();
      const popup = await context.newPage();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      await expect(popup.getByRole('heading', { level: 1 })).toBeVisible();
      await check(popup, `popup, ${scheme}`);
      await popup.close();
    }
  });
});
