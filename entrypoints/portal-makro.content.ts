import { nativeRuntime, startPortalScript } from '@/lib/capture/portalScript';
import { makroPortal } from '@/lib/platforms/makro/portal';

/**
 * The isolated content script of Makro's seller portal: Makro's routes and rules only, nothing of the other
 * platforms (issue #12). The wiring is lib/capture/portalScript.ts; the checks lib/capture/portalPage.ts.
 */
export default defineContentScript({
  matches: [...makroPortal.matches],
  runAt: 'document_start',
  // Nothing reads a value this script returns: no global name for it in the page's isolated world.
  globalName: false,
  main() {
    startPortalScript(makroPortal, nativeRuntime());
  },
});
