import { defineConfig } from '@playwright/test';

// `npm run demo`: not a test; a Playwright script so it shares the e2e fixture server.
export default defineConfig({
  testDir: '.',
  testMatch: 'demo.spec.ts',
  timeout: 0,
  workers: 1,
  reporter: [['line']],
  outputDir: '../../test-results/demo',
});
