import { defineConfig } from '@playwright/test';

// `npm run bench`: not a test (nothing here is asserted against a clock); a Playwright script
// so it can drive Debian's Chromium with the extension loaded, as tests/demo/ does.
export default defineConfig({
  testDir: '.',
  testMatch: ['bench.spec.ts', 'hostile.spec.ts'],
  timeout: 0,
  workers: 1,
  retries: 0,
  reporter: [['line']],
  outputDir: '../../test-results/bench',
});
