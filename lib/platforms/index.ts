import { type Capture, type CaptureResult, createCapture } from './capture';
import { makro } from './makro';
import { PORTAL_MATCHES, route } from './routes';
import { shopify } from './shopify';
import { takealot } from './takealot';
import type { PlatformModule } from './types';

export { matchesPattern } from './routing';

/** Every platform the extension captures. A new platform is a module here plus fixtures. */
export const PLATFORM_MODULES: readonly PlatformModule[] = [takealot, makro, shopify];

// What the views use (no parsers): lib/platforms/pages.ts, re-exported for the tests and tools.
export { fixUrl, type ListingOnPage, pageListing, reportEndpoint, statusUrl } from './pages';

export { type Capture, type CaptureResult, PORTAL_MATCHES, route };

let everyRule: Capture | undefined;

/**
 * The rules of every platform over every platform's routes (tests, fixtures; a portal's content
 * script runs its own platform's: ./capture.ts). Built on first use, so a bundle that imports
 * this module for its links does not keep the rules runner.
 */
export function capture(...args: Parameters<Capture>): CaptureResult {
  everyRule ??= createCapture(
    route,
    PLATFORM_MODULES.flatMap((m) => m.rules),
  );
  return everyRule(...args);
}
