/**
 * The notice an orphaned content script shows in the portal page after the extension was
 * updated or reloaded ("Extension context invalidated"): this page can no longer reach the
 * extension, so the seller is told to reload the tab. Captures made meanwhile wait in the
 * tab's sessionStorage outbox and are sent by the reloaded page.
 */
export function showReloadBanner(doc: Document, pending: number): void {
  if (doc.getElementById('sync-history-reload')) return;
  const host = doc.createElement('div');
  host.id = 'sync-history-reload';
  const root = host.attachShadow({ mode: 'open' });
  const box = doc.createElement('div');
  box.setAttribute('role', 'alert');
  box.style.cssText =
    'position:fixed;z-index:2147483647;right:16px;bottom:16px;max-width:360px;padding:12px 14px;border-radius:8px;' +
    'background:#1b1f24;color:#fff;font:14px/1.4 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.3)';
  const text = doc.createElement('p');
  text.style.margin = '0 0 8px';
  text.textContent =
    `Sync History was updated or reloaded: reload this tab to keep recording your publishes.` +
    (pending > 0 ? ` ${pending} result${pending === 1 ? ' is' : 's are'} kept and will be saved after the reload.` : '');
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload tab';
  button.style.cssText = 'font:inherit;padding:4px 12px;border-radius:6px;border:0;background:#58a6ff;color:#0d1117;cursor:pointer';
  button.addEventListener('click', () => doc.defaultView?.location.reload());
  box.append(text, button);
  root.append(box);
  (doc.body ?? doc.documentElement).append(host);
}
