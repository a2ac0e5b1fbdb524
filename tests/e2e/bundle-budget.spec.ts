import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { BUDGETS, bundleBudgets } from '../bench/budgets';
import { EXTENSION_DIR } from './harness';

/**
 * The bundle budgets of issue #12, checked on the build `npm test` just made (a size, not a
 * timed assertion). `npm run bench` prints the same table. 1 KB = 1,000 B, gzip -9.
 */
test('every bundle is within its gzipped budget, or under the ceiling of a budget not met yet', () => {
  expect(existsSync(EXTENSION_DIR), 'run `npx wxt build` first').toBe(true);
  const rows = bundleBudgets(EXTENSION_DIR);
  expect(rows.map((r) => r.name)).toEqual(BUDGETS.map((b) => b.name));
  for (const r of rows) {
    expect(r.files.length, `${r.name}: found its files`).toBeGreaterThan(0);
    const limit = (r.ceilingKb ?? r.budgetKb) * 1000;
    expect
      .soft(r.gzip, `${r.name} (${r.files.join(' + ')}): ${r.gzip} B gz, ${r.ceilingKb ? 'ceiling' : 'budget'} ${limit} B`)
      .toBeLessThanOrEqual(limit);
    // A ceiling that is already under the budget is stale: the budget itself applies.
    if (r.ceilingKb !== undefined)
      expect.soft(r.gzip, `${r.name} now meets its budget: remove its ceiling`).toBeGreaterThan(r.budgetKb * 1000);
  }
});

test('first load follows static imports but not dynamic ones', () => {
  const popup = bundleBudgets(EXTENSION_DIR).find((r) => r.name === 'popup first load')!;
  expect(popup.files.some((f) => f.startsWith('chunks/popup-'))).toBe(true);
  expect(popup.files.some((f) => f.endsWith('.css'))).toBe(true);
});
