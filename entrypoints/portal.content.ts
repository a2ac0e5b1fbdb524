import { showReloadBanner } from '@/lib/capture/banner';
import { TAP_LEAVING } from '@/lib/capture/envelope';
import { readPageValue } from '@/lib/capture/page-value';
import { createPortalPage } from '@/lib/capture/portalPage';
import { createRelay } from '@/lib/capture/relay';
import { isPageUrlRequest, request } from '@/lib/messaging';
import { PORTAL_MATCHES } from '@/lib/platforms';

/**
 * Isolated world: takes the tap's window messages (untrusted: the page can post anything,
 * and write the tab's sessionStorage), runs the capture rules (lib/capture/portalPage.ts),
 * and hands the drafts to the background until it acknowledges the write.
 */
export default defineContentScript({
  matches: PORTAL_MATCHES,
  runAt: 'document_start',
  main() {
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
      send: (msg) => request(browser.runtime.sendMessage, msg),
      storage: window.sessionStorage,
      alive: () => {
        try {
          return Boolean(browser.runtime?.id);
        } catch {
          return false;
        }
      },
      onDead: (pending) => showReloadBanner(document, pending),
      onRefused: warn,
      accept: (msg) => page.accept(msg),
    });
    const page = createPortalPage({
      href: () => window.location.href,
      storage: window.sessionStorage,
      push: (item) => void relay.push(item),
      now: Date.now,
      onRefused: warn,
      readPage: (where) => readPageValue(window.localStorage, where),
    });
    void relay.restore();

    // An SPA's route changes: an exchange started on the previous route is still this page's.
    const nav = (window as { navigation?: EventTarget }).navigation;
    nav?.addEventListener('currententrychange', () => page.sawUrl(window.location.href));

    // The side panel's "This listing" asks which page this tab shows (SPA routes included).
    browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse: (r: unknown) => void) => {
      if (sender.id !== browser.runtime.id || !isPageUrlRequest(msg)) return undefined;
      sendResponse({ url: window.location.href });
      return undefined;
    });

    window.addEventListener('message', (event: MessageEvent) => {
      // Only this frame's own window and same origin; portalPage checks the rest.
      if (event.source !== window || event.origin !== window.location.origin) return;
      page.onMessage(event.data);
    });
    // The page is leaving ("Save and close"): the tap hands over what it had not posted, in this task.
    window.addEventListener(TAP_LEAVING, (event: Event) => {
      page.onLeaving((event as CustomEvent<unknown>).detail);
    });
  },
});
