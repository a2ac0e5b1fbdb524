import type { PageValue } from '../capture/page-value';
import type { Platform } from '../records/record';

/**
 * The routing table: which requests a capture rule reads, and which writes are counted as
 * unrecognised. The MAIN-world tap loads only the match half of it (`RouteMatch`,
 * `PlatformMatch`: methods, hosts, path patterns, lib/platforms/tapRoutes.ts), never a rule's
 * name, the portal pages or a parser: the page pays only for deciding. The names and the rest
 * (`RouteSpec`, `PlatformRoutes`) are added to the same match objects for the content script
 * and the background (lib/platforms/routes.ts): one set of patterns, two views of it.
 */
export interface RouteMatch {
  methods: readonly string[];
  /** Which of the platform's hosts take it (without it, every one of them: `hosts` decides). */
  host?: RegExp;
  path: RegExp;
  /** Optional refinement on the whole URL (e.g. a GraphQL `?operation=` name), checked after host and path. */
  accept?(url: URL): boolean;
}

export interface RouteSpec extends RouteMatch {
  /** `platform/what`: the capture rule with the same name parses what this route reads. */
  name: string;
  /** Where the page keeps the Store ID, when the rule needs it and the request may not carry it (read in the isolated world). */
  pageStoreId?: PageValue | undefined;
}

/** What the tap knows of a platform: its API hosts, the routes its rules read, and where a write is counted. */
export interface PlatformMatch<R extends RouteMatch = RouteMatch> {
  /** API hostnames: exact, or `*.domain` for every host one label under it (`*.myshopify.com`). */
  hosts: readonly string[];
  routes: readonly R[];
  /**
   * Requests to these URLs are the portal's API: an unmatched write there is counted. Asked only
   * of a URL on one of `hosts`.
   */
  isApi(url: URL): boolean;
}

export interface PlatformRoutes extends PlatformMatch<RouteSpec> {
  platform: Platform;
  /** Match patterns of the portal pages the content scripts run on (lib/platforms/portalPages.ts). */
  portalMatches: readonly string[];
}

export type Route =
  | { kind: 'rule'; platform: Platform; name: string; pageStoreId?: PageValue }
  | { kind: 'unrecognised'; platform: Platform };

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const isWrite = (method: string): boolean => WRITES.has(method);

/**
 * The match parts of a platform's routes with their rules' names (and, for a rule that needs
 * it, where the page keeps the Store ID): the same objects' patterns, so the tap (which loads
 * only `match`) and the rules can never disagree on what a route takes.
 */
/* @__NO_SIDE_EFFECTS__ */
export function named<K extends string>(routes: Readonly<Record<K, readonly [RouteMatch, string, PageValue?]>>): Record<K, RouteSpec> {
  const out = {} as Record<K, RouteSpec>;
  for (const k in routes) {
    const [match, name, page] = routes[k];
    out[k] = { ...match, name, pageStoreId: page };
  }
  return out;
}

/**
 * A platform's full table: its tap half with the portal pages and the routes' names. Free of
 * side effects (for the bundler): the tap, which never asks for it, does not carry it.
 */
/* @__NO_SIDE_EFFECTS__ */
export function platformRoutes(
  platform: Platform,
  portalMatches: readonly string[],
  tap: PlatformMatch,
  routes: Readonly<Record<string, RouteSpec>>,
): PlatformRoutes {
  return { ...tap, platform, portalMatches, routes: Object.values(routes) };
}

/**
 * What both routers share: the platform that knows the host (one Map lookup, or two for a
 * `*.` parent), then the first of its routes that takes the request; `[platform]` alone for a
 * write to its API that no route takes; undefined for everything else.
 */
function matcher<P extends PlatformMatch<RouteMatch>>(table: readonly P[]) {
  const byHost = new Map<string, P>();
  for (const p of table) for (const h of p.hosts) byHost.set(h, p);
  /** The exact host, else `*.` and its parent domain (one label under it, never the domain itself). */
  const platformOf = (host: string): P | undefined => byHost.get(host) ?? byHost.get(`*${host.slice(host.indexOf('.', 1))}`);
  return {
    knowsHost: (host: string): boolean => !!platformOf(host),
    /** `method` in upper case. */
    match(method: string, url: URL): [P, P['routes'][number]?] | undefined {
      const p = platformOf(url.hostname);
      const r = p?.routes.find(
        (r) => r.methods.includes(method) && r.host?.test(url.hostname) !== false && r.path.test(url.pathname) && r.accept?.(url) !== false,
      );
      return p && (r ? [p, r] : WRITES.has(method) && p.isApi(url) ? [p] : undefined);
    },
  };
}

/** `read`: a capture rule wants the bodies; `count`: report that it happened, read nothing. */
export type Decision = 'read' | 'count' | undefined;

/** What the MAIN-world tap asks of the routing table. */
export interface TapRouter {
  /** Whether any platform knows this hostname (lower case): the one lookup an unknown host costs. */
  knowsHost(host: string): boolean;
  /** `method` in upper case. */
  decide(method: string, url: URL): Decision;
}

export function createTapRouter(table: readonly PlatformMatch[]): TapRouter {
  const { knowsHost, match } = matcher(table);
  return {
    knowsHost,
    decide(method, url) {
      const m = match(method, url);
      return m && (m[1] ? 'read' : 'count');
    },
  };
}

export interface Router {
  /**
   * Decides what a request is to us: a rule's (read its bodies), an unknown write to a portal
   * API (count it, read nothing), or nothing at all (the common case: touch nothing).
   */
  (method: string, url: URL): Route | undefined;
  /** Whether any platform knows this hostname (lower case): one Map lookup, or two for a subdomain. */
  knowsHost(host: string): boolean;
}

/** Builds the router over a set of platforms' routes (one Map lookup for an unknown host). */
/* @__NO_SIDE_EFFECTS__ */
export function createRouter(table: readonly PlatformRoutes[]): Router {
  const { knowsHost, match } = matcher(table);
  const route = (method: string, url: URL): Route | undefined => {
    const m = match(method.toUpperCase(), url);
    if (!m) return undefined;
    const [p, r] = m;
    if (!r) return { kind: 'unrecognised', platform: p.platform };
    return r.pageStoreId
      ? { kind: 'rule', platform: p.platform, name: r.name, pageStoreId: r.pageStoreId }
      : { kind: 'rule', platform: p.platform, name: r.name };
  };
  return Object.assign(route, { knowsHost });
}

/**
 * A match pattern (`https://*.host/path*`) against a URL: scheme, host and path, as the browser
 * matches a content script (the path pattern against the path and query string, `*` any run).
 */
export function matchesPattern(pattern: string, u: URL): boolean {
  const m = /^(https?):\/\/(\*\.)?([^/*]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, wildcard, host, path = '/'] = m;
  const hostOk = u.hostname === host || (Boolean(wildcard) && u.hostname.endsWith(`.${host}`));
  if (u.protocol !== `${scheme}:` || !hostOk) return false;
  const glob = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return glob.test(u.pathname + u.search);
}
