import type { Platform } from '../records/record';
import { makroIdPrefix, makroLinks } from './makro/identity';
import { shopifyIdPrefix, shopifyLinks } from './shopify/identity';
import { takealotIdPrefix, takealotLinks } from './takealot/identity';
import type { LinkShape } from './types';

/**
 * What the store and the validator need of each platform: its Record ID prefix and link shapes,
 * without the rest of its identity (guidance text, labels): the background imports this, not
 * ./identities.ts (issue #12, the background's budget). The identities use the same constants.
 */
export const ID_PREFIXES: Readonly<Record<Platform, string>> = {
  takealot: takealotIdPrefix,
  makro: makroIdPrefix,
  shopify: shopifyIdPrefix,
};

export const LINK_SHAPES: Readonly<Record<Platform, readonly LinkShape[]>> = {
  takealot: takealotLinks,
  makro: makroLinks,
  shopify: shopifyLinks,
};
