import { makroRoutes } from './makro/routes';
import { createRouter, type PlatformRoutes } from './routing';
import { shopifyRoutes } from './shopify/routes';
import { takealotRoutes } from './takealot/routes';

/** Every platform's routing table: what the MAIN-world tap imports (no parsers). */
export const PLATFORM_ROUTES: readonly PlatformRoutes[] = [takealotRoutes, makroRoutes, shopifyRoutes];

export const route = createRouter(PLATFORM_ROUTES);

/** Match patterns of every portal page (the content scripts' `matches`). */
export const PORTAL_MATCHES: string[] = PLATFORM_ROUTES.flatMap((p) => p.portalMatches);
