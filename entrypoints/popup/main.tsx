import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import '@/components/theme.css';
import { openDb } from '@/lib/db/schema';
import { request } from '@/lib/messaging';
import { PANEL_SEARCH_KEY } from '@/lib/prefs';

/** sidePanel.open needs the click's user gesture, so the popup calls it itself, first. */
function openSidePanel(query?: string): void {
  if (query) void browser.storage.local.set({ [PANEL_SEARCH_KEY]: { q: query, at: Date.now() } });
  void browser.windows.getCurrent().then(async (win) => {
    if (browser.sidePanel && win.id !== undefined) await browser.sidePanel.open({ windowId: win.id });
    // Firefox has a sidebar instead (issue #5).
    else await (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open();
    window.close();
  });
}

render(
  <PopupApp
    deps={{
      db: openDb(),
      openSidePanel,
      markFailuresSeen: () => void request(browser.runtime.sendMessage, { type: 'mark-failures-seen' }),
    }}
  />,
  document.getElementById('app')!,
);
