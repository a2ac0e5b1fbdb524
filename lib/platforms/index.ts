import type { Exchange } from '../capture/envelope';
import type { JobSettlement, Platform, RecordDraft, UnrecognisedOp } from '../records/record';
import { takealot } from './takealot';
import type { CaptureRule, PageContext, PlatformModule } from './types';
import { pathTemplate } from './util';

/** Every platform the extension captures. A new platform is a module here plus fixtures. */
export const PLATFORM_MODULES: readonly PlatformModule[] = [takealot];

/** Match patterns of every portal page (the content scripts' `matches`). */
export const PORTAL_MATCHES: string[] = PLATFORM_MODULES.flatMap((m) => m.portalMatches);

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type Route =
  | { kind: 'rule'; platform: Platform; rule: CaptureRule }
  | { kind: 'unrecognised'; platform: Platform };

/**
 * Decides in the page, before any body is read, what a request is to us:
 * a rule's (read its bodies), an unknown write to a portal API (count it, read nothing),
 * or nothing at all (the common case: touch nothing).
 */
export function route(method: string, url: URL): Route | undefined {
  const m = method.toUpperCase();
  for (const mod of PLATFORM_MODULES) {
    for (const rule of mod.rules) {
      if (rule.methods.includes(m) && rule.host.test(url.hostname) && rule.path.test(url.pathname)) {
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
    const op: UnrecognisedOp = { platform: r.platform, method: ex.method, endpoint: pathTemplate(url), observedAt: ex.observedAt };
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
