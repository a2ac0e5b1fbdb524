import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import '@/components/theme.css';
import { openDb } from '@/lib/db/schema';
import { request } from '@/lib/messaging';
import { PLATFORM_ROUTES } from '@/lib/platforms/routes';
import { PANEL_SEARCH_KEY } from '@/lib/prefs';
import { createSiteAccess } from '@/lib/siteAccess';

// sidePanel.open (Chrome) and sidebarAction.open (Firefox) work only while the click's user
// gesture lasts: no await may come before them, so the window id is looked up in advance.
let windowId: number | undefined;
void browser.windows.getCurrent().then((w) => (windowId = w.id));
const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;

function openSidePanel(query?: string): void {
  if (query) void browser.storage.local.set({ [PANEL_SEARCH_KEY]: { q: query, at: Date.now() } });
  const opened = browser.sidePanel && windowId !== undefined ? browser.sidePanel.open({ windowId }) : sidebar?.open();
  void opened?.then(() => window.close());
}

render(
  <PopupApp
    deps={{
      db: openDb(),
      openSidePanel,
      markFailuresSeen: () => void request(browser.runtime.sendMessage, { type: 'mark-failures-seen' }),
      siteAccess: createSiteAccess(browser.permissions, PLATFORM_ROUTES),
      browserName: import.meta.env.FIREFOX ? 'firefox' : 'chrome',
    }}
  />,
  document.getElementById('app')!,
);
