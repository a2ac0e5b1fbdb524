import { showReloadBanner } from '@/lib/capture/banner';
import { isTapMessage } from '@/lib/capture/envelope';
import { readPageValue } from '@/lib/capture/page-value';
import { createRelay } from '@/lib/capture/relay';
import { isPageUrlRequest, request } from '@/lib/messaging';
import { capture, PORTAL_MATCHES } from '@/lib/platforms';
import type { PageContext } from '@/lib/platforms/types';

/**
 * Isolated world: takes the tap's window messages (untrusted: the page can post
 * anything), runs the capture rules with what this page has taught them, and hands
 * the drafts to the background until it acknowledges the write.
 */
export default defineContentScript({
  matches: PORTAL_MATCHES,
  runAt: 'document_start',
  main() {
    // What this tab's portal pages taught the rules (the seller id), kept across navigations.
    const CTX_KEY = 'sync-history:ctx';
    let ctx: Record<string, PageContext> = {};
    try {
      const saved: unknown = JSON.parse(window.sessionStorage.getItem(CTX_KEY) ?? '{}');
      if (saved && typeof saved === 'object') ctx = saved as Record<string, PageContext>;
    } catch {
      ctx = {};
    }
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
      onRefused: (error) => console.warn(`Sync History refused a capture: ${error}`),
    });
    void relay.restore();

    // The side panel's "This listing" asks which page this tab shows (SPA routes included).
    browser.runtime.onMessage.addListener((msg: unknown, sender, sendResponse: (r: unknown) => void) => {
      if (sender.id !== browser.runtime.id || !isPageUrlRequest(msg)) return undefined;
      sendResponse({ url: window.location.href });
      return undefined;
    });

    window.addEventListener('message', (event: MessageEvent) => {
      // Only this frame's own window, same origin, and the exact envelope shape.
      if (event.source !== window || event.origin !== window.location.origin || !isTapMessage(event.data)) return;
      const result = capture(event.data.exchange, ctx, (where) => readPageValue(window.localStorage, where));
      if (JSON.stringify(result.ctx) !== JSON.stringify(ctx)) {
        ctx = result.ctx;
        try {
          window.sessionStorage.setItem(CTX_KEY, JSON.stringify(ctx));
        } catch {
          /* the in-memory context still serves this page */
        }
      }
      if (result.drafts.length === 0 && result.jobs.length === 0 && result.unrecognised.length === 0) return;
      void relay.push({
        id: event.data.exchange.captureId,
        msg: { type: 'capture', drafts: result.drafts, jobs: result.jobs, unrecognised: result.unrecognised },
      });
    });
  },
});
