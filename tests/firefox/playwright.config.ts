import { defineConfig } from '@playwright/test';

// The Firefox suite: the built add-on (.output/firefox-mv3) in Debian's Firefox ESR, driven by
// puppeteer-core over WebDriver BiDi (tests/firefox/harness.ts). Playwright is only the runner.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/firefox',
});
