import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, type Page, type Worker } from '@playwright/test';
import type { SyncRecord } from '@/lib/records/record';
import { type PortalServer, servePortals } from './portal-server';

export const EXTENSION_DIR = resolve(import.meta.dirname, '..', '..', '.output', 'chrome-mv3');

/** Launches Debian's Chromium (never a downloaded one) with the built extension loaded. */
export async function launchWithExtension(
  opts: { headless?: boolean; dir?: string; userDir?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; userDir: string }> {
  const userDir = opts.userDir ?? mkdtempSync(join(tmpdir(), 'sync-history-'));
  const dir = opts.dir ?? EXTENSION_DIR;
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: opts.headless ?? true,
    viewport: opts.viewport ?? { width: 1000, height: 800 },
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { context, userDir };
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** Every record in the extension's database, read from an extension page. */
export async function dumpRecords(page: Page): Promise<SyncRecord[]> {
  return page.evaluate(
    () =>
      new Promise<SyncRecord[]>((resolveDump, reject) => {
        const open = indexedDB.open('sync-history');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('records').objectStore('records').getAll();
          get.onsuccess = () => {
            resolveDump(get.result as SyncRecord[]);
            db.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

export const test = base.extend<{ context: BrowserContext; extensionId: string; portals: PortalServer; panel: Page }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from the destructuring pattern
  context: async ({}, use) => {
    const { context, userDir } = await launchWithExtension();
    await use(context);
    await context.close();
    rmSync(userDir, { recursive: true, force: true });
  },
  extensionId: async ({ context }, use) => {
    await use(new URL((await serviceWorker(context)).url()).host);
  },
  portals: async ({ context }, use) => {
    await use(await servePortals(context));
  },
  /** The side panel, opened in a tab (opening the real panel needs a user gesture). */
  panel: async ({ context, extensionId }, use) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await use(page);
  },
});

export { expect } from '@playwright/test';

/** The rows of the side panel's main history list (not the "This listing" section). */
export const historyRows = (panel: Page) => panel.getByRole('list', { name: 'Sync history, newest first' }).locator('article.row');

/**
 * Reloads the extension the way the Reload button on chrome://extensions does (an update
 * looks the same to open tabs). Developer mode must be on: without it this Chromium
 * disables a reloaded command-line extension as "unsupported developer extension".
 */
export async function reloadExtension(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(async (id) => {
    type Dev = {
      updateProfileConfiguration(c: object, cb: () => void): void;
      reload(id: string, o: object, cb: () => void): void;
    };
    const dev = (globalThis as unknown as { chrome: { developerPrivate: Dev } }).chrome.developerPrivate;
    await new Promise<void>((r) => dev.updateProfileConfiguration({ inDeveloperMode: true }, r));
    await new Promise<void>((r) => dev.reload(id, { failQuietly: true }, r));
  }, extensionId);
  await page.close();
  const started = Date.now();
  while (!context.serviceWorkers().some((w) => w.url().startsWith(`chrome-extension://${extensionId}/`))) {
    if (Date.now() - started > 15_000) throw new Error('the extension did not come back after reload');
    await new Promise((r) => setTimeout(r, 100));
  }
}
