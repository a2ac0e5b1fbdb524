import type { Exchange } from '../capture/envelope';
import { PAGE_ID, type PageValue } from '../capture/page-value';
import type { JobSettlement, Platform, RecordDraft, UnrecognisedOp } from '../records/record';
import { shapeSignature } from './drift';
import { createRouter, isWrite, matchesPattern, type PlatformRoutes, type Route, type Router } from './routing';
import type { CaptureRule, LinkShape, PageContext } from './types';
import { pathTemplate } from './util';

export interface CaptureResult {
  drafts: RecordDraft[];
  jobs: JobSettlement[];
  unrecognised: UnrecognisedOp[];
  /** The page context after this exchange (what later exchanges may use). */
  ctx: Record<string, PageContext>;
}

/**
 * One exchange as its router took it: the request's URL and the page's, parsed, and the route.
 * The caller parses and routes once (it has to, to know the exchange is its portal's:
 * lib/capture/portalPage.ts) and the rules runner starts from that.
 */
export interface Routed {
  url: URL;
  page: URL;
  route: Route;
}

/** Runs the rules on one routed exchange (see `createCapture`). */
export type Capture = (
  message: Exchange,
  at: Routed,
  ctx: Readonly<Record<string, PageContext>>,
  readPage?: (where: PageValue) => string | undefined,
) => CaptureResult;

/**
 * The rules runner over the rules of a router's routes (by the route's name). Pure: the
 * page context goes in and comes out. A rule that throws on a shape nobody expected loses
 * nothing: it is counted as unrecognised. `readPage` reads one value the page keeps (its seller
 * id), asked only when the route says its rule needs it; whatever the message itself claims as
 * `pageStoreId` is dropped.
 */
export function createCapture(rules: readonly CaptureRule[]): Capture {
  /** Each rule by its route's name (the tap routes by name; the rules stay out of the page). */
  const byName = new Map<string, CaptureRule>(rules.map((r) => [r.name, r]));
  return (message, { url, page, route: r }, ctx, readPage) => {
    const { pageStoreId: _claimed, ...rest } = message;
    const ex: Exchange = rest;
    const out: CaptureResult = { drafts: [], jobs: [], unrecognised: [], ctx: { ...ctx } };
    if (r.kind === 'rule' && r.pageStoreId && readPage) {
      const kept = readPage(r.pageStoreId);
      if (kept !== undefined && PAGE_ID.test(kept)) ex.pageStoreId = kept;
    }
    const rule = r.kind === 'rule' ? byName.get(r.name) : undefined;
    const unknown = (operation?: string): void => {
      const op: UnrecognisedOp = {
        platform: r.platform,
        method: ex.method,
        endpoint: pathTemplate(url),
        observedAt: ex.observedAt,
        captureId: ex.captureId,
      };
      if (operation && /^[A-Za-z0-9_]{1,100}$/.test(operation)) op.operation = operation;
      // The shape of an answer a rule read (an unmatched write's body is never read: no shape).
      const shape = rule ? shapeSignature(ex.responseBody) : undefined;
      if (shape) op.shape = shape;
      out.unrecognised.push(op);
    };
    if (!rule) {
      unknown();
      return out;
    }
    try {
      const res = rule.parse({ ex, url, page, ctx: ctx[r.platform] ?? {} });
      out.drafts = res.drafts ?? [];
      out.jobs = res.jobs ?? [];
      if (res.learned) out.ctx[r.platform] = { ...ctx[r.platform], ...res.learned };
      if (res.unrecognised) unknown(res.unrecognised.operation);
    } catch {
      if (isWrite(ex.method)) unknown();
    }
    return out;
  };
}

/**
 * What one portal's isolated content script knows (entrypoints/portal-<platform>.content.ts):
 * its platform's pages, routes and rules, nothing of the other platforms. A Takealot page never
 * loads Makro's or Shopify's parsers (issue #12).
 */
export interface Portal {
  platform: Platform;
  /** Match patterns of the portal's pages: the content script's `matches`. */
  matches: readonly string[];
  /** Whether a URL is one of the portal's pages (the browser's matching of `matches`). */
  isPage(url: URL): boolean;
  /** This platform's routes only: another platform's API is nothing to this page. */
  route: Router;
  capture: Capture;
  /** The platform's link shapes (its identity's `links`): what a restored draft's `listingUrl` is checked against. */
  links: readonly LinkShape[];
  /**
   * How to read a value the page keeps (lib/capture/page-value.ts), for a portal whose routes ask
   * for one (`pageStoreId`: Makro's). A portal whose routes never ask does not carry the reader.
   */
  readPage?: (store: Pick<Storage, 'getItem'>, where: PageValue) => string | undefined;
}

export function definePortal(
  routes: PlatformRoutes,
  rules: readonly CaptureRule[],
  links: readonly LinkShape[],
  readPage?: Portal['readPage'],
): Portal {
  const route = createRouter([routes]);
  return {
    platform: routes.platform,
    matches: routes.portalMatches,
    links,
    ...(readPage && { readPage }),
    isPage: (url) => routes.portalMatches.some((m) => matchesPattern(m, url)),
    route,
    capture: createCapture(rules),
  };
}
