import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import '@/components/theme.css';
import '@/components/popup.css';
import { watchDbChanges } from '@/lib/db/changes';
import { type PortalTab, tabsNeedingReload } from '@/lib/health';
import { request } from '@/lib/messaging';
import { handoffValue, type PanelAsk } from '@/lib/panelHandoff';
// The portal pages' patterns alone: the routing table stays out of the popup (issue #12).
import { PORTAL_MATCHES, PORTAL_PAGES } from '@/lib/platforms/portalPages';
import { PANEL_SEARCH_KEY } from '@/lib/prefs';
import { createSiteAccess } from '@/lib/siteAccess';

// sidePanel.open (Chrome) and sidebarAction.open (Firefox) work only while the click's user
// gesture lasts: no await may come before them, so the window id is looked up in advance.
let windowId: number | undefined;
void browser.windows.getCurrent().then((w) => (windowId = w.id));
const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;

function openSidePanel(req?: string | PanelAsk): void {
  const value = handoffValue(req, Date.now());
  if (value) void browser.storage.local.set({ [PANEL_SEARCH_KEY]: value });
  const opened = browser.sidePanel && windowId !== undefined ? browser.sidePanel.open({ windowId }) : sidebar?.open();
  void opened?.then(() => window.close());
}

render(
  <PopupApp
    deps={{
      // The background reads the history (the popup loads no Dexie): a worker asleep wakes to answer.
      status: () => request(browser.runtime.sendMessage, { type: 'popup-status' }),
      watchChanges: watchDbChanges,
      openSidePanel,
      markFailuresSeen: () => void request(browser.runtime.sendMessage, { type: 'mark-failures-seen' }),
      tabsNeedingReload: () =>
        tabsNeedingReload({
          portalTabs: async () =>
            (await browser.tabs.query({ url: PORTAL_MATCHES }))
              .filter((t) => t.id !== undefined && !t.discarded)
              .map((t): PortalTab => ({ id: t.id!, title: t.title ?? '', url: t.url ?? '' })),
          ping: (id) => browser.tabs.sendMessage(id, { type: 'page-url' }, { frameId: 0 }),
        }),
      reloadTabs: async (ids) => {
        await Promise.all(ids.map((id) => browser.tabs.reload(id)));
      },
      siteAccess: createSiteAccess(browser.permissions, PORTAL_PAGES),
      browserName: import.meta.env.FIREFOX ? 'firefox' : 'chrome',
    }}
  />,
  document.getElementById('app')!,
);
