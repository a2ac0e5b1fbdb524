import type { Exchange } from '../capture/envelope';
import type { PageValue } from '../capture/page-value';
import { type Capture, type CaptureResult, createCapture, type Routed } from './capture';
import { makro } from './makro';
import { PORTAL_MATCHES, route } from './routes';
import { shopify } from './shopify';
import { takealot } from './takealot';
import type { PageContext, PlatformModule } from './types';

export { matchesPattern } from './routing';

/** Every platform the extension captures. A new platform is a module here plus fixtures. */
export const PLATFORM_MODULES: readonly PlatformModule[] = [takealot, makro, shopify];

// What the views use (no parsers): lib/platforms/pages.ts, re-exported for the tests and tools.
export { fixUrl, type ListingOnPage, pageListing, reportEndpoint, statusUrl } from './pages';

export { type Capture, type CaptureResult, PORTAL_MATCHES, type Routed, route };

let everyRule: Capture | undefined;

/**
 * The rules of every platform over every platform's routes, from the exchange alone: it parses
 * the URLs and routes the exchange itself (tests, fixtures; a portal's content script routes with
 * its own platform's table and runs its own rules: ./capture.ts, lib/capture/portalPage.ts). An
 * exchange no route takes, or with a URL that does not parse, makes nothing. Built on first use,
 * so a bundle that imports this module for its links does not keep the rules runner.
 */
export function capture(
  message: Exchange,
  ctx: Readonly<Record<string, PageContext>>,
  readPage?: (where: PageValue) => string | undefined,
): CaptureResult {
  everyRule ??= createCapture(PLATFORM_MODULES.flatMap((m) => m.rules));
  const nothing: CaptureResult = { drafts: [], jobs: [], unrecognised: [], ctx: { ...ctx } };
  let url: URL;
  let page: URL;
  try {
    url = new URL(message.url);
    page = new URL(message.pageUrl);
  } catch {
    return nothing;
  }
  const r = route(message.method, url);
  return r ? everyRule(message, { url, page, route: r }, ctx, readPage) : nothing;
}
