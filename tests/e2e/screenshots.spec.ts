import type { Page } from '@playwright/test';
import { busyDay } from './busy-day-seed';
import { expect, historyRows, test } from './harness';

/**
 * Screenshots for the README (docs/screenshots/*.png), taken from the built extension with
 * issue #11's busy day loaded, at the side panel's real widths (380 and 600 px), light and dark.
 */

const shoot = async (page: Page, name: string, fullPage = false) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage });
};

test('README screenshots: the panel at 380 and 600 px, a failed record and the popup, light and dark', async ({
  panel,
  context,
  extensionId,
}) => {
  const day = busyDay(Date.now());
  await panel.setViewportSize({ width: 380, height: 760 });
  await panel
    .locator('input[type=file]')
    .setInputFiles({ name: 'busy-day.json', mimeType: 'application/json', buffer: Buffer.from(day.file) });
  await expect(panel.getByText(/^Imported busy-day\.json/)).toBeVisible();
  await panel.getByRole('button', { name: 'Dismiss' }).click();
  await expect(historyRows(panel).first()).toBeVisible();

  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    for (const width of [380, 600]) {
      await panel.setViewportSize({ width, height: 760 });
      await shoot(panel, `panel-${width}-${scheme}`);
    }
    await panel.setViewportSize({ width: 380, height: 760 });
    await panel.getByRole('searchbox').fill('KK-RUN-43-WHT');
    await historyRows(panel).filter({ hasText: 'RRP' }).filter({ hasText: 'Takealot ·' }).first().getByRole('button').click();
    await expect(panel.getByRole('heading', { level: 2 })).toContainText('Trail running shoe');
    await shoot(panel, `record-380-${scheme}`, true);
    await panel.keyboard.press('Escape');
    await panel.getByRole('searchbox').fill('');
  }

  // Searching, with filters on as chips (dark).
  await panel.getByRole('radio', { name: /Failed/ }).check();
  await panel.getByRole('combobox', { name: 'Platform' }).selectOption('makro');
  await panel.getByRole('searchbox').fill('mk-kettle');
  await shoot(panel, 'panel-380-dark-filtered');

  for (const scheme of ['light', 'dark'] as const) {
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByRole('heading', { level: 1 })).toBeVisible();
    await shoot(popup, `popup-${scheme}`);
    await popup.close();
  }
});
