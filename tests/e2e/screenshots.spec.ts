import { expect, historyRows, test } from './harness';
import { captureMix } from './portal-actions';

/**
 * Screenshots for the README (docs/*.png), taken from the built extension with records
 * captured from the fixture portals, at the side panel's real width.
 */

test('README screenshots of the side panel, a record and the popup', async ({ context, portals, panel, extensionId }) => {
  void portals;
  await captureMix(context);

  await panel.bringToFront();
  await panel.setViewportSize({ width: 380, height: 760 });
  await expect(historyRows(panel)).toHaveCount(13);
  await panel.waitForTimeout(300);
  await panel.screenshot({ path: 'docs/sidepanel.png' });

  await historyRows(panel).filter({ hasText: 'KK-RUN-43-WHT' }).filter({ hasText: 'Publish' }).getByRole('button').click();
  await expect(panel.getByRole('heading', { name: /Takealot publish/ })).toBeVisible();
  await panel.screenshot({ path: 'docs/record-detail.png', fullPage: true });

  await panel.emulateMedia({ colorScheme: 'dark' });
  await panel.getByRole('button', { name: '← Back to history' }).click();
  await panel.getByRole('searchbox').fill('kk-run');
  await panel.waitForTimeout(300);
  await panel.screenshot({ path: 'docs/sidepanel-dark-search.png' });

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 360, height: 560 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('heading', { name: 'Latest failures' })).toBeVisible();
  await popup.waitForTimeout(300);
  await popup.screenshot({ path: 'docs/popup.png' });
});
