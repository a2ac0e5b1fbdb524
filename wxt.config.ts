import { createRequire } from 'node:module';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

/**
 * Dexie's ES2018 module build. The package's `import` entry is a wrapper around its ES5 UMD
 * bundle (`dist/dexie.min.js`), which a bundler can only take whole, behind a CommonJS shim:
 * the same Dexie version as a real ES module is about 1.9 KB gzipped smaller in every bundle
 * that opens the database (issue #12). vitest.config.ts resolves it the same way, so the unit
 * tests run the Dexie that ships.
 */
export const DEXIE_ESM = createRequire(import.meta.url).resolve('dexie/dist/modern/dexie.min.mjs');

/**
 * The content scripts run as `main()` and nothing else. WXT's isolated-world wrapper would also
 * build a `ContentScriptContext` for `main(ctx)`, which the portal scripts
 * (entrypoints/portal-<platform>.content.ts) never take: it costs every portal page 1.3 KB
 * gzipped (the context, its location watcher, its logger and `wxt/browser`, hence
 * webextension-polyfill) and, on construction, posts the extension's id to the page
 * (`window.postMessage(…, '*')` and a CustomEvent on `document`). WXT's MAIN-world wrapper runs
 * `main()` in an async function with a logger that logs nothing in a production build: about
 * 0.1 KB gzipped of the tap's 3 KB budget (entrypoints/tap.content.ts), for nothing the tap uses
 * (an error in the tap's `main()` reached the page's console as a rejected promise; now it does as
 * an error, and lib/capture/tap.ts wraps every step that touches the page). So a content script
 * here never takes WXT's `ctx`; WXT still reads its `matches`/`runAt`/`world` from the same
 * `defineContentScript` for the manifest, at build time (SSR). Each content script exports its
 * `main`, and this wrapper imports and runs that alone: the shipped script carries neither
 * `defineContentScript` nor the options (issue #12: 16 B of the tap's budget, as much again for
 * each portal). tests/unit/manifest.test.ts checks the built scripts for the context, the
 * wrapper and the polyfill.
 */
function contentScriptsWithoutWrapper(): Plugin {
  const worlds = ['virtual:wxt-content-script-isolated-world-entrypoint?', 'virtual:wxt-content-script-main-world-entrypoint?'];
  const wrapper = '\0sync-history:content-script-entrypoint?';
  return {
    name: 'sync-history:content-scripts-without-wrapper',
    enforce: 'pre',
    resolveId(id) {
      // Vite hands the lib entry over with the root in front: `<root>/virtual:wxt-…?<entry file>`.
      for (const world of worlds) {
        const at = id.indexOf(world);
        if (at >= 0) return wrapper + id.slice(at + world.length);
      }
      return null;
    },
    load(id) {
      if (!id.startsWith(wrapper)) return null;
      return `import { main } from ${JSON.stringify(id.slice(wrapper.length))};\nmain();\n`;
    },
  };
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  // webextension-polyfill is part of the stack the product chose: the background, popup and side
  // panel use `browser` through it (about 2.8 KB gzipped each). The content scripts do not: the tap
  // (MAIN world) has no extension API, and the portal scripts use the browser's own runtime
  // (`nativeRuntime()`, lib/capture/portalScript.ts; with the polyfill they were 12.70, 14.51 and
  // 15.30 KB for a 12 KB budget, without it 10.00, 11.82 and 12.59). README "Performance" weighs it.
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
    plugins: [preact(), contentScriptsWithoutWrapper()],
    resolve: { alias: [{ find: /^dexie$/, replacement: DEXIE_ESM }] },
  }),
  // `npm run zip:firefox` also zips the sources for AMO review: not the local, git-ignored output.
  zip: { excludeSources: ['demo-screenshots/**', 'test-results/**', 'playwright-report/**', 'tmp/**', '**/*.log'] },
  manifest: ({ browser }) => ({
    name: 'Sync History',
    description:
      'A local audit log of every listing publish and import you do in the Takealot, Makro and Shopify seller portals. Nothing leaves your machine.',
    // storage: remembered filters, the badge's "seen" mark, the retention; alarms: the daily
    // prune (lib/retention.ts); sidePanel: the troubleshooting view.
    permissions: ['storage', 'alarms', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    action: { default_title: 'Sync History' },
    // Firefox (`npm run build:firefox`, MV3): WXT turns the side panel into `sidebar_action`.
    // 128 is the first Firefox with `world: 'MAIN'` content scripts (the tap). The id is a
    // placeholder under the reserved .invalid TLD: pick the real one before the first AMO
    // upload (it can never change after). Nothing is collected or sent: data collection "none".
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'sync-history@example.invalid',
          strict_min_version: '128.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
});
