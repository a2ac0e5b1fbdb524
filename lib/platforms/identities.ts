import type { Platform } from '../records/record';
import { makroIdentity } from './makro/identity';
import { shopifyIdentity } from './shopify/identity';
import { takealotIdentity } from './takealot/identity';
import type { PlatformIdentity } from './types';

/**
 * Every platform's identity (name, Record ID prefix, link shapes, guidance), without its parsers:
 * what the stores, the validator and the views import. Each module spreads its own identity, so
 * a platform is named in one place (tests/unit/platforms/identity.test.ts checks they agree).
 */
export const PLATFORM_IDENTITIES: Readonly<Record<Platform, PlatformIdentity>> = {
  takealot: takealotIdentity,
  makro: makroIdentity,
  shopify: shopifyIdentity,
};

export const identityOf = (p: Platform): PlatformIdentity => PLATFORM_IDENTITIES[p];
