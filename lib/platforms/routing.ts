import type { PageValue } from '../capture/page-value';
import type { Platform } from '../records/record';

/**
 * The routing table: which requests a capture rule reads, and which writes are counted as
 * unrecognised. This is all the MAIN-world tap knows of the platforms: it imports this file
 * and each platform's `routes.ts`, never a parser (the page pays only for deciding).
 */
export interface RouteSpec {
  /** `platform/what`: the capture rule with the same name parses what this route reads. */
  name: string;
  methods: readonly string[];
  host: RegExp;
  path: RegExp;
  /** Optional refinement on the whole URL (e.g. a GraphQL `?operation=` name), checked after host and path. */
  accept?(url: URL): boolean;
  /** Where the page keeps the Store ID, when the rule needs it and the request may not carry it (read in the MAIN world). */
  pageStoreId?: PageValue;
}

export interface PlatformRoutes {
  platform: Platform;
  /** Match patterns of the portal pages the content scripts run on. */
  portalMatches: string[];
  /** Exact API hostnames, and domains whose every subdomain is an API host (`myshopify.com`). */
  hosts: readonly string[];
  hostSuffixes?: readonly string[];
  routes: readonly RouteSpec[];
  /** Requests to these URLs are the portal's API: an unmatched write there is counted. */
  isApi(url: URL): boolean;
}

export type Route =
  | { kind: 'rule'; platform: Platform; name: string; pageStoreId?: PageValue }
  | { kind: 'unrecognised'; platform: Platform };

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const isWrite = (method: string): boolean => WRITES.has(method);

export interface Router {
  /**
   * Decides in the page, before any body is read, what a request is to us: a rule's (read its
   * bodies), an unknown write to a portal API (count it, read nothing), or nothing at all
   * (the common case: touch nothing).
   */
  (method: string, url: URL): Route | undefined;
  /** Whether any platform knows this hostname (lower case): one Map lookup, or two for a subdomain. */
  knowsHost(host: string): boolean;
}

/** Builds the router over a set of platforms' routes (one Map lookup for an unknown host). */
export function createRouter(table: readonly PlatformRoutes[]): Router {
  const byHost = new Map<string, PlatformRoutes>();
  const bySuffix = new Map<string, PlatformRoutes>();
  for (const p of table) {
    for (const h of p.hosts) byHost.set(h, p);
    for (const s of p.hostSuffixes ?? []) bySuffix.set(s, p);
  }
  const platformOf = (host: string): PlatformRoutes | undefined => {
    const exact = byHost.get(host);
    if (exact || bySuffix.size === 0) return exact;
    const dot = host.indexOf('.');
    return dot > 0 ? bySuffix.get(host.slice(dot + 1)) : undefined;
  };
  const route = (method: string, url: URL): Route | undefined => {
    const p = platformOf(url.hostname);
    if (!p) return undefined;
    const m = method.toUpperCase();
    for (const r of p.routes) {
      if (r.methods.includes(m) && r.host.test(url.hostname) && r.path.test(url.pathname) && (r.accept?.(url) ?? true)) {
        return r.pageStoreId
          ? { kind: 'rule', platform: p.platform, name: r.name, pageStoreId: r.pageStoreId }
          : { kind: 'rule', platform: p.platform, name: r.name };
      }
    }
    return isWrite(m) && p.isApi(url) ? { kind: 'unrecognised', platform: p.platform } : undefined;
  };
  return Object.assign(route, { knowsHost: (host: string): boolean => platformOf(host) !== undefined });
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
