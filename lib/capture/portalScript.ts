import { isPageUrlRequest, request } from '../messaging';
import type { Portal } from '../platforms/capture';
import { showReloadBanner } from './banner';
import { TAP_LEAVING } from './envelope';
import { createPortalPage } from './portalPage';
import { createRelay } from './relay';

/** What the isolated content script uses of `browser.runtime` (passed in: lib/ stays free of `browser`). */
export interface PortalRuntime {
  readonly id?: string | undefined;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(
      listener: (message: unknown, sender: { id?: string | undefined }, sendResponse: (response: unknown) => void) => undefined,
    ): void;
  };
}

/**
 * The browser's own `runtime` in a content script: Firefox's `browser` (promises), else Chrome's
 * `chrome` (promises in MV3), as WXT's `wxt/browser` picks it without a polyfill. The content
 * scripts use only `id`, `sendMessage` and `onMessage` with `sendResponse`, which both browsers
 * give natively; webextension-polyfill would cost each portal page 2.8 KB gzipped of its 12 KB
 * budget (issue #12; README "Performance"). The background and the pages keep the polyfill.
 */
export function nativeRuntime(): PortalRuntime {
  const g = globalThis as { browser?: { runtime?: PortalRuntime }; chrome?: { runtime?: PortalRuntime } };
  const runtime = g.browser?.runtime?.id ? g.browser.runtime : g.chrome?.runtime;
  if (!runtime) throw new Error('Sync History: no extension runtime in this content script');
  return runtime;
}

/**
 * Isolated world, one script per portal (entrypoints/portal-<platform>.content.ts): takes the
 * tap's window messages (untrusted: the page can post anything, and write the tab's
 * sessionStorage), runs this portal's capture rules (./portalPage.ts), and hands the drafts to
 * the background until it acknowledges the write.
 */
export function startPortalScript(portal: Portal, runtime: PortalRuntime, win: Window = window): void {
  // One line a second at most: a flood of refusals must not become a flood of console work.
  let quiet = 0;
  let held = 0;
  const warn = (error: string) => {
    const now = Date.now();
    if (now < quiet) {
      held += 1;
      return;
    }
    console.warn(`Sync History refused a capture: ${error}${held ? ` (and ${held} more refused before it)` : ''}`);
    held = 0;
    quiet = now + 1000;
  };
  const relay = createRelay({
    send: (msg) => request((m) => runtime.sendMessage(m), msg),
    storage: win.sessionStorage,
    alive: () => {
      try {
        return Boolean(runtime.id);
      } catch {
        return false;
      }
    },
    onDead: (pending) => showReloadBanner(win.document, pending),
    onRefused: warn,
    accept: (msg) => page.accept(msg),
  });
  const page = createPortalPage({
    portal,
    href: () => win.location.href,
    storage: win.sessionStorage,
    push: (item) => void relay.push(item),
    now: Date.now,
    onRefused: warn,
    readPage: portal.readPage && ((where) => portal.readPage?.(win.localStorage, where)),
  });
  void relay.restore();

  // An SPA's route changes: an exchange started on the previous route is still this page's.
  const nav = (win as { navigation?: EventTarget }).navigation;
  nav?.addEventListener('currententrychange', () => page.sawUrl(win.location.href));

  // The side panel's "This listing" asks which page this tab shows (SPA routes included).
  runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== runtime.id || !isPageUrlRequest(msg)) return undefined;
    sendResponse({ url: win.location.href });
    return undefined;
  });

  win.addEventListener('message', (event: MessageEvent) => {
    // Only this frame's own window and same origin; portalPage checks the rest.
    if (event.source !== win || event.origin !== win.location.origin) return;
    page.onMessage(event.data);
  });
  // The page is leaving ("Save and close"): the tap hands over what it had not posted, in this task.
  win.addEventListener(TAP_LEAVING, (event: Event) => {
    page.onLeaving((event as CustomEvent<unknown>).detail);
  });
}
