import { defineConfig } from '@playwright/test';

// The e2e suite drives the built extension (.output/chrome-mv3) in Debian's Chromium.
// Playwright never downloads a browser here: see tests/e2e/harness.ts.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
});
