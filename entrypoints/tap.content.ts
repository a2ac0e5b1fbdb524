import { tapPortal } from '@/lib/capture/portalTap';
import { PORTAL_MATCHES } from '@/lib/platforms/routes';

/**
 * MAIN world, document_start: wraps the page's fetch/XHR before the portal's first
 * request (WXT's injectScript would load too late). No extension API exists here.
 * The shipped tap imports and runs this alone (wxt.config.ts).
 */
export const main = (): void => tapPortal(window);

export default defineContentScript(
  // WXT reads these options for the manifest by running this file at build time (SSR): the
  // manifest lists every portal page. The shipped tap goes without them and without the
  // patterns (issue #12, the tap's 3 KB). tests/unit/manifest.test.ts checks the manifest.
  import.meta.env.SSR
    ? { matches: PORTAL_MATCHES, world: 'MAIN', runAt: 'document_start', globalName: false, main }
    : ({ main } as Parameters<typeof defineContentScript>[0]),
);
