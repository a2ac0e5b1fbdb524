import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type HTTPRequest, type Page } from 'puppeteer-core';
import type { SyncRecord } from '@/lib/records/record';
import { createPortals, isRouted, type Portals } from '../e2e/portal-server';

/**
 * The Firefox suite drives the built add-on (.output/firefox-mv3, `npm run build:firefox`)
 * in Debian's headless Firefox ESR through puppeteer-core over WebDriver BiDi. No browser
 * is downloaded. The portals are the Chromium suite's fixture portals (createPortals),
 * served at the real portal URLs through Puppeteer's request interception.
 *
 * One Firefox per spec file (launch ≈ 5 s): the tests of a file run in order, as one
 * seller's session, and each states what it starts from.
 */
export const ADDON_DIR = resolve(import.meta.dirname, '..', '..', '.output', 'firefox-mv3');
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** A fixed moz-extension:// host, so the tests know the add-on's pages' URLs. */
export const ADDON_UUID = '6d1c3a52-7f0e-4b8a-9c21-5e4f3a2b1c0d';

const geckoId = (): string => {
  const manifest = JSON.parse(readFileSync(join(ADDON_DIR, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  return manifest.browser_specific_settings.gecko.id;
};

export interface Firefox {
  browser: Browser;
  portals: Portals;
  /** Where "Export" downloads land. */
  downloads: string;
  /** moz-extension://<uuid>/<path> */
  url(path: string): string;
  /** A new tab showing a fixture portal at its real URL (`setup` runs on the tab before it loads). */
  portal(url: string, setup?: (page: Page) => Promise<unknown>): Promise<Page>;
  /** A new tab showing one of the add-on's pages (sidepanel.html, popup.html). */
  addonPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Firefox desktop grants the manifest's sites on install; false is a seller who withheld them. */
  grantSiteAccess?: boolean;
  prefs?: Record<string, unknown>;
}

export async function launchFirefox(opts: LaunchOptions = {}): Promise<Firefox> {
  const profileTmp = mkdtempSync(join(tmpdir(), 'sync-history-ff-'));
  const downloads = join(profileTmp, 'downloads');
  const id = geckoId();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Without it Firefox refuses to navigate a tab to a moz-extension:// page.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: ADDON_UUID }),
      'extensions.originControls.grantByDefault': opts.grantSiteAccess ?? true,
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      ...opts.prefs,
    },
  });
  const installed = await browser.installExtension(ADDON_DIR);
  if (installed !== id) throw new Error(`installed ${installed}, expected ${id}`);
  const portals = createPortals();
  const url = (path: string) => `moz-extension://${ADDON_UUID}/${path}`;

  const serve = async (req: HTTPRequest): Promise<void> => {
    if (req.isInterceptResolutionHandled()) return;
    const u = new URL(req.url());
    if (!isRouted(u)) {
      // Nothing reaches the network: only the add-on's own pages load as they are.
      if (u.protocol === 'moz-extension:' || u.protocol === 'data:' || u.protocol === 'blob:') await req.continue();
      else await req.abort();
      return;
    }
    const r = portals.respond({
      method: req.method(),
      url: req.url(),
      origin: req.headers().origin,
      // postData() is CDP-only; over BiDi the body is fetched.
      postData: req.hasPostData() ? await req.fetchPostData().catch(() => undefined) : undefined,
      isDocument: req.isNavigationRequest(),
    });
    await req.respond({ status: r.status, headers: r.headers, body: r.body });
  };

  return {
    browser,
    portals,
    downloads,
    url,
    async portal(address, setup) {
      const page = await browser.newPage();
      await setup?.(page);
      await page.setRequestInterception(true);
      page.on('request', (req) => void serve(req).catch((e: unknown) => console.error('[firefox portal]', req.url(), e)));
      await page.goto(address);
      return page;
    },
    async addonPage(path) {
      const page = await browser.newPage();
      // The navigation to a moz-extension:// page loads it, but Puppeteer's promise never
      // settles in Firefox: start it and wait for the page's own content instead.
      void page.goto(url(path)).catch(() => undefined);
      await rendered(page, path);
      return page;
    },
    async close() {
      await browser.close();
      rmSync(profileTmp, { recursive: true, force: true });
    },
  };
}

/**
 * Waits for an add-on page to have rendered. Polled by hand: while the page navigates,
 * Firefox's BiDi evaluation can fail outright, which waitForFunction does not retry.
 */
async function rendered(page: Page, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ok = await page
      .evaluate(
        () =>
          location.protocol === 'moz-extension:' &&
          document.documentElement.dataset.stale === undefined &&
          // The sidebar page has its search box once its filters have loaded; the popup has its
          // counts, or "Nothing recorded yet" when the history is empty (it has no search box then).
          document.querySelector('#app input[type=search], #app .popup .counts, #app .popup .first-run') !== null,
      )
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} did not render`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reloads an add-on page the same way (a reload's promise does not settle either). */
export async function reloadAddonPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.documentElement.dataset.stale = '1';
    location.reload();
  });
  await rendered(page, page.url());
}

/** Resolves when `fn` (run in the page) returns truthy; the page's last answer is in the error. */
export async function until<T>(page: Page, fn: () => T, what: string, timeout = 10_000): Promise<void> {
  try {
    await page.waitForFunction(fn, { timeout, polling: 100 });
  } catch (e) {
    // biome-ignore lint/performance/useDomNodeTextContent: what the seller sees, in the error
    const shown = await page.evaluate(() => document.body?.innerText ?? '').catch(() => '(unreadable)');
    throw new Error(`timed out waiting for ${what} (${e instanceof Error ? e.message : String(e)}); the page shows:\n${shown}`);
  }
}

/** The element with this accessible role and name (Puppeteer's ARIA query, as a seller's screen reader names it). */
export async function byRole(page: Page, role: string, name: string, timeout = 10_000): Promise<ElementHandle<Element>> {
  const el = await page.waitForSelector(`::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`, { timeout });
  if (!el) throw new Error(`no ${role} named ${name}`);
  return el;
}

/** Text of the side panel's history rows (the main list, not "This listing"). */
export const rowTexts = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll('[aria-label="Sync history, newest first"] article.row')].map(
      // biome-ignore lint/performance/useDomNodeTextContent: rows as the seller reads them (fields on their own lines)
      (r) => (r as HTMLElement).innerText,
    ),
  );

/**
 * How many records the history list holds: its rows' aria-setsize (the list is virtual: only
 * the rows in view are in the DOM), else the rows in the DOM.
 */
const listLength = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const list = document.querySelector('[aria-label="Sync history, newest first"]');
    const size = Number(list?.querySelector('li[aria-setsize]')?.getAttribute('aria-setsize') ?? -1);
    return size >= 0 ? size : (list?.querySelectorAll('article.row').length ?? 0);
  });

/** Waits until the history list holds `n` records. */
export async function expectRows(page: Page, n: number, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let have = -1;
  for (;;) {
    have = await listLength(page).catch(() => -1);
    if (have === n) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${n} history rows, have ${have}; the side panel shows:\n${(await rowTexts(page)).join('\n---\n')}`);
}

/**
 * Opens the record of the history row whose text (as the seller reads it) contains every one of
 * `texts`, by its product-name button; there must be exactly one such row.
 */
export async function openRow(page: Page, texts: string[]): Promise<void> {
  const found = await page.evaluate((want: string[]) => {
    const rows = [...document.querySelectorAll('[aria-label="Sync history, newest first"] article.row')].filter((r) =>
      // biome-ignore lint/performance/useDomNodeTextContent: the row as the seller reads it
      want.every((t) => (r as HTMLElement).innerText.includes(t)),
    );
    if (rows.length === 1) (rows[0]!.querySelector('button.row-open') as HTMLElement).click();
    return rows.length;
  }, texts);
  if (found !== 1)
    throw new Error(
      `${found} history rows show ${JSON.stringify(texts)}; the side panel shows:\n${(await rowTexts(page)).join('\n---\n')}`,
    );
  await until(page, () => document.querySelector('.detail h2') !== null, `the record of ${texts.join(' / ')}`);
}

/** Text of the open record (the side panel's detail view). */
export const detailText = (page: Page): Promise<string> =>
  // biome-ignore lint/performance/useDomNodeTextContent: the detail as the seller reads it
  page.$eval('.detail', (d) => (d as HTMLElement).innerText);

/** Clicks fixture buttons in order on a fixture portal, waiting for each portal response. */
export async function press(portal: Page, names: string[]): Promise<void> {
  for (const name of names) {
    const before = await portal.$$eval('#log li', (l) => l.length);
    await (await byRole(portal, 'button', name)).click();
    await portal.waitForFunction((b: number) => document.querySelectorAll('#log li').length === b + 1, { timeout: 10_000 }, before);
  }
}

/** Every record in the add-on's database, read from one of its pages. */
export function dumpRecords(page: Page): Promise<SyncRecord[]> {
  return page.evaluate(
    () =>
      new Promise<SyncRecord[]>((done, fail) => {
        const open = indexedDB.open('sync-history');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('records').objectStore('records').getAll();
          get.onsuccess = () => {
            done(get.result as SyncRecord[]);
            db.close();
          };
          get.onerror = () => fail(get.error);
        };
      }),
  );
}

/** Files in the downloads folder whose name ends with `ext`. */
export const downloaded = (ff: Firefox, ext: string): string[] => {
  try {
    return readdirSync(ff.downloads)
      .filter((f) => f.endsWith(ext))
      .map((f) => join(ff.downloads, f));
  } catch {
    return [];
  }
};
