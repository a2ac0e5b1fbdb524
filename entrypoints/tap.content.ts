import { TAP_SOURCE, TAP_VERSION, type TapMessage } from '@/lib/capture/envelope';
import { installTap } from '@/lib/capture/tap';
import { PORTAL_MATCHES, route } from '@/lib/platforms/routes';

/**
 * MAIN world, document_start: wraps the page's fetch/XHR before the portal's first
 * request (WXT's injectScript would load too late). No extension API exists here.
 */
export default defineContentScript({
  matches: PORTAL_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  globalName: false,
  main() {
    installTap(globalThis, {
      // Per envelope version: after an update that changes it, the old tap's messages are refused, the new tap reports.
      once: `sync-history:tap:v${TAP_VERSION}`,
      decide: (method, url) => {
        const r = route(method, url);
        return r ? (r.kind === 'rule' ? 'read' : 'count') : undefined;
      },
      emit: (exchange) => {
        const msg: TapMessage = { source: TAP_SOURCE, v: TAP_VERSION, exchange };
        window.postMessage(msg, window.location.origin);
      },
    });
  },
});
