import { tapPortal } from '@/lib/capture/portalTap';
import { PORTAL_MATCHES } from '@/lib/platforms/routes';

/**
 * MAIN world, document_start: wraps the page's fetch/XHR before the portal's first
 * request (WXT's injectScript would load too late). No extension API exists here.
 */
export default defineContentScript({
  matches: import.meta.env.SSR ? PORTAL_MATCHES : [],
  world: 'MAIN',
  runAt: 'document_start',
  globalName: false,
  main() {
    tapPortal(window);
  },
});
