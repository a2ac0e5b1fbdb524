import type { Exchange } from '../capture/envelope';
import type { JobSettlement, Platform, RecordDraft, UnrecognisedOp } from '../records/record';
import { makro } from './makro';
import { shopify } from './shopify';
import { takealot } from './takealot';
import type { CaptureRule, PageContext, PageListing, PlatformModule, RecordLinkFields } from './types';
import { pathTemplate } from './util';

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
    if (!m.portalMatches.some((p) => matchesPattern(p, page))) continue;
    const l = m.pageListing?.(page);
    if (l) return { ...l, platform: m.platform };
  }
  return undefined;
}

/** A `https://*.host/*` match pattern against a URL (scheme and host; every path). */
export function matchesPattern(pattern: string, u: URL): boolean {
  const m = /^(https?):\/\/(\*\.)?([^/*]+)\//.exec(pattern);
  if (!m) return false;
  const [, scheme, wildcard, host] = m;
  return u.protocol === `${scheme}:` && (u.hostname === host || (Boolean(wildcard) && u.hostname.endsWith(`.${host}`)));
}

/** Portal page to fix a record's listing and try again (https, the platform's own host). */
export const fixUrl = (r: RecordLinkFields): string | undefined => moduleOf(r.platform)?.fixUrl?.(r);

/** Portal page that shows a pending job's status. */
export const statusUrl = (r: RecordLinkFields): string | undefined => moduleOf(r.platform)?.statusUrl?.(r);

/** Match patterns of every portal page (the content scripts' `matches`). */
export const PORTAL_MATCHES: string[] = PLATFORM_MODULES.flatMap((m) => m.portalMatches);

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type Route = { kind: 'rule'; platform: Platform; rule: CaptureRule } | { kind: 'unrecognised'; platform: Platform };

/**
 * Decides in the page, before any body is read, what a request is to us:
 * a rule's (read its bodies), an unknown write to a portal API (count it, read nothing),
 * or nothing at all (the common case: touch nothing).
 */
export function route(method: string, url: URL): Route | undefined {
  const m = method.toUpperCase();
  for (const mod of PLATFORM_MODULES) {
    for (const rule of mod.rules) {
      if (rule.methods.includes(m) && rule.host.test(url.hostname) && rule.path.test(url.pathname) && (rule.accept?.(url) ?? true)) {
        return { kind: 'rule', platform: mod.platform, rule };
      }
    }
  }
  for (const mod of PLATFORM_MODULES) {
    if (WRITES.has(m) && mod.isApi(url)) return { kind: 'unrecognised', platform: mod.platform };
  }
  return undefined;
}

export interface CaptureResult {
  drafts: RecordDraft[];
  jobs: JobSettlement[];
  unrecognised: UnrecognisedOp[];
  /** The page context after this exchange (what later exchanges may use). */
  ctx: Record<string, PageContext>;
}

/**
 * Runs the rules on one exchange. Pure: the page context goes in and comes out.
 * A rule that throws on a shape nobody expected loses nothing: it is counted as unrecognised.
 */
export function capture(ex: Exchange, ctx: Readonly<Record<string, PageContext>>): CaptureResult {
  const out: CaptureResult = { drafts: [], jobs: [], unrecognised: [], ctx: { ...ctx } };
  let url: URL;
  let page: URL;
  try {
    url = new URL(ex.url);
    page = new URL(ex.pageUrl);
  } catch {
    return out;
  }
  const r = route(ex.method, url);
  if (!r) return out;
  const unknown = (operation?: string): void => {
    const op: UnrecognisedOp = {
      platform: r.platform,
      method: ex.method,
      endpoint: pathTemplate(url),
      observedAt: ex.observedAt,
      captureId: ex.captureId,
    };
    if (operation && /^[A-Za-z0-9_]{1,100}$/.test(operation)) op.operation = operation;
    out.unrecognised.push(op);
  };
  if (r.kind === 'unrecognised') {
    unknown();
    return out;
  }
  try {
    const res = r.rule.parse({ ex, url, page, ctx: ctx[r.platform] ?? {} });
    out.drafts = res.drafts ?? [];
    out.jobs = res.jobs ?? [];
    if (res.learned) out.ctx[r.platform] = { ...ctx[r.platform], ...res.learned };
    if (res.unrecognised) unknown(res.unrecognised.operation);
  } catch {
    if (WRITES.has(ex.method)) unknown();
  }
  return out;
}
