import { makroRoutes } from './makro/routes';
import { PORTAL_MATCHES } from './portalPages';
import { createRouter, type PlatformRoutes } from './routing';
import { shopifyRoutes } from './shopify/routes';
import { takealotRoutes } from './takealot/routes';

/**
 * Every platform's routing table, with the rules' names and the portal pages: what the content
 * script, the background and the views use. The MAIN-world tap loads only its match half
 * (lib/platforms/tapRoutes.ts, the same patterns).
 */
export const PLATFORM_ROUTES: readonly PlatformRoutes[] = [takealotRoutes, makroRoutes, shopifyRoutes];

export const route = createRouter(PLATFORM_ROUTES);

/** Match patterns of every portal page (the content scripts' `matches`): lib/platforms/portalPages.ts. */
export { PORTAL_MATCHES };
