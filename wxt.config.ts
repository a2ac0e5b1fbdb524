import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Sync History',
    description:
      'A local audit log of every listing publish and import you do in the Takealot, Makro and Shopify seller portals. Nothing leaves your machine.',
    // storage: remembered filters, the badge's "seen" mark, the retention; alarms: the daily
    // prune (lib/retention.ts); sidePanel: the troubleshooting view.
    permissions: ['storage', 'alarms', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    action: { default_title: 'Sync History' },
  }),
});
