import { render } from 'preact';
import { type ActiveListing, type PanelDeps, type PanelRequest, SidePanelApp } from '@/components/SidePanelApp';
import '@/components/theme.css';
import { openDb } from '@/lib/db/schema';
import { request } from '@/lib/messaging';
import { PLATFORM_ROUTES } from '@/lib/platforms/routes';
import { FILTER_KEY, PANEL_SEARCH_KEY } from '@/lib/prefs';
import { idsFromUrl } from '@/lib/records/listing';
import { readRetentionDays, STORAGE_KEYS } from '@/lib/settings';
import { createSiteAccess } from '@/lib/siteAccess';
import { keyValueStore } from '@/lib/storageArea';

/** Asks the active tab's content script which page it shows (no `tabs` permission needed). */
async function activeListing(): Promise<ActiveListing | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id === undefined) return undefined;
  try {
    const res = (await browser.tabs.sendMessage(tab.id, { type: 'page-url' })) as { url?: unknown } | undefined;
    if (typeof res?.url !== 'string') return undefined;
    const ids = idsFromUrl(res.url);
    // The platform modules load only when a portal tab answers (not on first paint).
    const { pageListing } = await import('@/lib/platforms');
    const known = pageListing(res.url);
    if (known) return { ...known, ids };
    // A page no rule names (a Takealot offer page, a product page): its ids may still find records.
    const host = new URL(res.url).hostname;
    const platform = host.includes('takealot')
      ? 'takealot'
      : host.includes('makro')
        ? 'makro'
        : host.includes('shopify')
          ? 'shopify'
          : undefined;
    return platform && ids[0] ? { platform, term: ids[0], label: ids[0], ids, tentative: true } : undefined;
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
    // A request with a status, range or record to open is delivered through onSearchRequest.
    const special = search && typeof search === 'object' && ('open' in search || 'status' in search || 'range' in search);
    if (!special && search && typeof search.q === 'string' && typeof search.at === 'number' && Date.now() - search.at < 60_000) {
      void browser.storage.local.remove(PANEL_SEARCH_KEY);
      return { ...saved, q: search.q };
    }
    return saved;
  },
  saveFilter: (f) => void browser.storage.local.set({ [FILTER_KEY]: f }),
  onSearchRequest: (cb) => {
    const deliver = (v: { q?: unknown; at?: unknown } & Record<string, unknown>): void => {
      if (typeof v.q !== 'string' && typeof v.open !== 'string') return;
      const more: PanelRequest = {};
      if (typeof v.open === 'string') more.open = v.open;
      if (v.status === 'failed' || v.status === 'open' || v.status === 'success' || v.status === 'pending') more.status = v.status;
      if (v.range === 'today' || v.range === 'week' || v.range === 'month' || v.range === 'all') more.range = v.range;
      cb(typeof v.q === 'string' ? v.q : '', more);
      void browser.storage.local.remove(PANEL_SEARCH_KEY);
    };
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const v = changes[PANEL_SEARCH_KEY]?.newValue as ({ q?: unknown } & Record<string, unknown>) | undefined;
      if (area === 'local' && v) deliver(v);
    };
    // A request stored before the panel opened (the popup's click opens the panel too).
    void browser.storage.local.get(PANEL_SEARCH_KEY).then((got) => {
      const v = got[PANEL_SEARCH_KEY] as ({ q?: unknown; at?: unknown } & Record<string, unknown>) | undefined;
      if (v && typeof v.at === 'number' && Date.now() - v.at < 60_000 && ('open' in v || 'status' in v || 'range' in v)) deliver(v);
    });
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
  siteAccess: createSiteAccess(browser.permissions, PLATFORM_ROUTES),
  browserName: import.meta.env.FIREFOX ? 'firefox' : 'chrome',
};

render(<SidePanelApp deps={deps} />, document.getElementById('app')!);
