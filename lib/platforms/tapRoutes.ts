import { makroTap } from './makro/routes';
import { createTapRouter } from './routing';
import { shopifyTap } from './shopify/routes';
import { takealotTap } from './takealot/routes';

/**
 * All the MAIN-world tap knows of the platforms: their API hosts and the match half of their
 * routes (lib/platforms/routes.ts adds the rules' names and the portal pages to the same
 * objects, in the same order). No name, no parser, no portal page: the page pays only for deciding.
 */
export const tapRouter = createTapRouter([takealotTap, makroTap, shopifyTap]);
