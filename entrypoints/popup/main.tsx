import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import '@/components/theme.css';
import { openDb } from '@/lib/db/schema';

/** sidePanel.open needs the click's user gesture, so the popup calls it itself. */
async function openSidePanel(): Promise<void> {
  const win = await browser.windows.getCurrent();
  if (browser.sidePanel && win.id !== undefined) await browser.sidePanel.open({ windowId: win.id });
  // Firefox has a sidebar instead (issue #5).
  else await (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open();
  window.close();
}

render(<PopupApp db={openDb()} openSidePanel={() => void openSidePanel()} />, document.getElementById('app')!);
