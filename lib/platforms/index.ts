import type { Platform } from '../records/record';
import { type Capture, type CaptureResult, createCapture } from './capture';
import { makro } from './makro';
import { PORTAL_MATCHES, route } from './routes';
import { matchesPattern } from './routing';
import { shopify } from './shopify';
import { takealot } from './takealot';
import type { PageListing, PlatformModule, RecordLinkFields } from './types';

export { matchesPattern } from './routing';

/** Every platform the extension captures. A new platform is a module here plus fixtures. */
export const PLATFORM_MODULES: readonly PlatformModule[] = [takealot, makro, shopify];

const moduleOf = (p: Platform): PlatformModule | undefined => PLATFORM_MODULES.find((m) => m.platform === p);

/** The listing a portal page (the active tab) is about, when it is one. */
export function pageListing(pageUrl: string): (PageListing & { platform: Platform }) | undefined {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return undefined;
  }
  for (const m of PLATFORM_MODULES) {
    if (!m.routes.portalMatches.some((p) => matchesPattern(p, page))) continue;
    const l = m.pageListing?.(page);
    if (l) return { ...l, platform: m.platform };
  }
  return undefined;
}

/** An unrecognised operation's endpoint as a report shows it: without the seller's store (lib/platforms/drift.ts). */
export const reportEndpoint = (p: Platform, endpoint: string): string => moduleOf(p)?.reportEndpoint?.(endpoint) ?? endpoint;

/** Portal page to fix a record's listing and try again (https, the platform's own host). */
export const fixUrl = (r: RecordLinkFields): string | undefined => moduleOf(r.platform)?.fixUrl?.(r);

/** Portal page that shows a pending job's status. */
export const statusUrl = (r: RecordLinkFields): string | undefined => moduleOf(r.platform)?.statusUrl?.(r);

export { type Capture, type CaptureResult, PORTAL_MATCHES, route };

let everyRule: Capture | undefined;

/**
 * The rules of every platform over every platform's routes (tests, fixtures; a portal's content
 * script runs its own platform's: ./capture.ts). Built on first use, so a bundle that imports
 * this module for its links (the side panel) does not keep the rules runner.
 */
export function capture(...args: Parameters<Capture>): CaptureResult {
  everyRule ??= createCapture(
    route,
    PLATFORM_MODULES.flatMap((m) => m.rules),
  );
  return everyRule(...args);
}
