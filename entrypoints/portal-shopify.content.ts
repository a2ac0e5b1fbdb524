import { nativeRuntime, startPortalScript } from '@/lib/capture/portalScript';
import { shopifyPortal } from '@/lib/platforms/shopify/portal';

/**
 * The isolated content script of Shopify's admin: Shopify's routes and rules only, nothing of the other
 * platforms (issue #12). The wiring is lib/capture/portalScript.ts; the checks lib/capture/portalPage.ts.
 */
export default defineContentScript({
  matches: [...shopifyPortal.matches],
  runAt: 'document_start',
  // Nothing reads a value this script returns: no global name for it in the page's isolated world.
  globalName: false,
  main() {
    startPortalScript(shopifyPortal, nativeRuntime());
  },
});
