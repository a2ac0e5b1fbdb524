import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { DEXIE_ESM } from './wxt.config';

export default defineConfig({
  plugins: [WxtVitest()],
  // The Dexie build the extension ships (wxt.config.ts).
  resolve: { alias: [{ find: /^dexie$/, replacement: DEXIE_ESM }] },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['fake-indexeddb/auto'],
    // fake-indexeddb round trips of a few thousand records take seconds on a busy 2-core machine.
    testTimeout: 30_000,
  },
});
