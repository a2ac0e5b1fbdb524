import { render } from 'preact';
import { type PanelDeps, SidePanelApp } from '@/components/SidePanelApp';
import type { ActiveListing } from '@/components/ThisListing';
import '@/components/theme.css';
import { openDb } from '@/lib/db/schema';
import { request } from '@/lib/messaging';
import { readHandoff } from '@/lib/panelHandoff';
import { FILTER_KEY, PANEL_SEARCH_KEY } from '@/lib/prefs';
import { readRetentionDays, STORAGE_KEYS } from '@/lib/settings';
import { createSiteAccess, lazySiteAccess } from '@/lib/siteAccess';
import { keyValueStore } from '@/lib/storageArea';

/** Asks the active tab's content script which page it shows (no `tabs` permission needed). */
async function activeListing(): Promise<ActiveListing | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id === undefined) return undefined;
  try {
    const res = (await browser.tabs.sendMessage(tab.id, { type: 'page-url' })) as { url?: unknown } | undefined;
    if (typeof res?.url !== 'string') return undefined;
    // What the views know of the platforms' pages loads only when a portal tab answers (not on first paint).
    const { pageListing } = await import('@/lib/platforms/pages');
    return pageListing(res.url);
  } catch {
    return undefined; // not a portal tab: no content script answers
  }
}

const deps: PanelDeps = {
  db: openDb(),
  loadFilter: async () => {
    const got = await browser.storage.local.get([FILTER_KEY, PANEL_SEARCH_KEY]);
    const saved = (got[FILTER_KEY] ?? {}) as Record<string, unknown>;
    // A plain search from the popup starts the panel; a status, range or record arrives through onSearchRequest.
    const h = readHandoff(got[PANEL_SEARCH_KEY], Date.now());
    if (!h || h.special) return saved;
    void browser.storage.local.remove(PANEL_SEARCH_KEY);
    return { ...saved, q: h.q };
  },
  saveFilter: (f) => void browser.storage.local.set({ [FILTER_KEY]: f }),
  onSearchRequest: (cb) => {
    const deliver = (v: unknown, onlySpecial: boolean): void => {
      const h = readHandoff(v, Date.now());
      if (!h || (onlySpecial && !h.special)) return;
      cb(h.q, h.more);
      void browser.storage.local.remove(PANEL_SEARCH_KEY);
    };
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && changes[PANEL_SEARCH_KEY]?.newValue) deliver(changes[PANEL_SEARCH_KEY].newValue, false);
    };
    // A request stored before the panel opened (the popup's click opens the panel too).
    void browser.storage.local.get(PANEL_SEARCH_KEY).then((got) => deliver(got[PANEL_SEARCH_KEY], true));
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
  watchActiveListing: (cb) => {
    const refresh = () => void activeListing().then(cb, () => cb(undefined));
    refresh();
    browser.tabs.onActivated.addListener(refresh);
    browser.tabs.onUpdated.addListener(refresh);
    window.addEventListener('focus', refresh);
    return () => {
      browser.tabs.onActivated.removeListener(refresh);
      browser.tabs.onUpdated.removeListener(refresh);
      window.removeEventListener('focus', refresh);
    };
  },
  send: (msg) => request(browser.runtime.sendMessage, msg),
  markFailuresSeen: () => void request(browser.runtime.sendMessage, { type: 'mark-failures-seen' }),
  watchStorageProblem: (cb) => {
    const read = (v: unknown) => {
      const p = v as { at?: unknown; message?: unknown } | null | undefined;
      cb(p && typeof p.at === 'number' && typeof p.message === 'string' ? { at: p.at, message: p.message } : undefined);
    };
    void browser.storage.local.get(STORAGE_KEYS.storageProblem).then((got) => read(got[STORAGE_KEYS.storageProblem]));
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && STORAGE_KEYS.storageProblem in changes) read(changes[STORAGE_KEYS.storageProblem]?.newValue);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
  getRetentionDays: () => readRetentionDays(keyValueStore(browser.storage.local)),
  // The portals' match patterns come with the routing tables: loaded after first paint (issue #12).
  siteAccess: lazySiteAccess(() =>
    import('@/lib/platforms/routes').then(({ PLATFORM_ROUTES }) => createSiteAccess(browser.permissions, PLATFORM_ROUTES)),
  ),
  browserName: import.meta.env.FIREFOX ? 'firefox' : 'chrome',
};

render(<SidePanelApp deps={deps} />, document.getElementById('app')!);
