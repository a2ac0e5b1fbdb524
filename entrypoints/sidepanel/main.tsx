import { render } from 'preact';
import { type ActiveListing, type PanelDeps, SidePanelApp } from '@/components/SidePanelApp';
import '@/components/theme.css';
import { openDb } from '@/lib/db/schema';
import { request } from '@/lib/messaging';
import { pageListing } from '@/lib/platforms';
import { PLATFORM_ROUTES } from '@/lib/platforms/routes';
import { FILTER_KEY, PANEL_SEARCH_KEY } from '@/lib/prefs';
import { readRetentionDays, STORAGE_KEYS } from '@/lib/settings';
import { createSiteAccess } from '@/lib/siteAccess';

/** Asks the active tab's content script which page it shows (no `tabs` permission needed). */
async function activeListing(): Promise<ActiveListing | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id === undefined) return undefined;
  try {
    const res = (await browser.tabs.sendMessage(tab.id, { type: 'page-url' })) as { url?: unknown } | undefined;
    return typeof res?.url === 'string' ? pageListing(res.url) : undefined;
  } catch {
    return undefined; // not a portal tab: no content script answers
  }
}

const deps: PanelDeps = {
  db: openDb(),
  loadFilter: async () => {
    const got = await browser.storage.local.get([FILTER_KEY, PANEL_SEARCH_KEY]);
    const search = got[PANEL_SEARCH_KEY] as { q?: unknown; at?: unknown } | undefined;
    const saved = (got[FILTER_KEY] ?? {}) as Record<string, unknown>;
    if (search && typeof search.q === 'string' && typeof search.at === 'number' && Date.now() - search.at < 60_000) {
      void browser.storage.local.remove(PANEL_SEARCH_KEY);
      return { ...saved, q: search.q };
    }
    return saved;
  },
  saveFilter: (f) => void browser.storage.local.set({ [FILTER_KEY]: f }),
  onSearchRequest: (cb) => {
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const v = changes[PANEL_SEARCH_KEY]?.newValue as { q?: unknown } | undefined;
      if (area === 'local' && typeof v?.q === 'string') {
        cb(v.q);
        void browser.storage.local.remove(PANEL_SEARCH_KEY);
      }
    };
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
  getRetentionDays: () =>
    readRetentionDays({
      get: async (key) => (await browser.storage.local.get(key))[key],
      set: (key, value) => browser.storage.local.set({ [key]: value }),
    }),
  siteAccess: createSiteAccess(browser.permissions, PLATFORM_ROUTES),
  browserName: import.meta.env.FIREFOX ? 'firefox' : 'chrome',
};

render(<SidePanelApp deps={deps} />, document.getElementById('app')!);
