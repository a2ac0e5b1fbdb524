import { nativeRuntime, startPortalScript } from '@/lib/capture/portalScript';
import { takealotPortal } from '@/lib/platforms/takealot/portal';

/**
 * The isolated content script of Takealot's seller portal: Takealot's routes and rules only, nothing of the other
 * platforms (issue #12). The wiring is lib/capture/portalScript.ts; the checks lib/capture/portalPage.ts.
 * The shipped script imports and runs `main` alone (wxt.config.ts).
 */
export const main = (): void => startPortalScript(takealotPortal, nativeRuntime());

export default defineContentScript(
  // WXT reads the options for the manifest at build time (SSR); the shipped script goes without
  // them. Nothing reads a value this script returns: no global name for it in the page's isolated world.
  import.meta.env.SSR
    ? { matches: [...takealotPortal.matches], runAt: 'document_start', globalName: false, main }
    : ({ main } as Parameters<typeof defineContentScript>[0]),
);
