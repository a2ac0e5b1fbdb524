import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    // entrypoints/bench/ (the `npm run bench` page) exists only in `wxt build --mode bench`,
    // which WXT writes to .output/chrome-mv3-bench: the shipped build never contains it.
    'entrypoints:found': (wxt, infos) => {
      if (wxt.config.mode === 'bench') return;
      for (let i = infos.length - 1; i >= 0; i--) if (infos[i]!.name === 'bench') infos.splice(i, 1);
    },
  },
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
