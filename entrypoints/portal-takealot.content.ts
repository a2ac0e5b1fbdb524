import { nativeRuntime, startPortalScript } from '@/lib/capture/portalScript';
import { takealotPortal } from '@/lib/platforms/takealot/portal';

/**
 * The isolated content script of Takealot's seller portal: Takealot's routes and rules only, nothing of the other
 * platforms (issue #12). The wiring is lib/capture/portalScript.ts; the checks lib/capture/portalPage.ts.
 */
export default defineContentScript({
  matches: [...takealotPortal.matches],
  runAt: 'document_start',
  // Nothing reads a value this script returns: no global name for it in the page's isolated world.
  globalName: false,
  main() {
    startPortalScript(takealotPortal, nativeRuntime());
  },
});
