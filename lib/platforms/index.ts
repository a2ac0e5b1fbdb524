import type { Exchange } from '../capture/envelope';
import { PAGE_ID, type PageValue } from '../capture/page-value';
import type { JobSettlement, RecordDraft, UnrecognisedOp } from '../records/record';
import { shapeSignature } from './drift';
import { makro } from './makro';
import { PORTAL_MATCHES, route } from './routes';
import { isWrite } from './routing';
import { shopify } from './shopify';
import { takealot } from './takealot';
import type { CaptureRule, PageContext, PlatformModule } from './types';
import { pathTemplate } from './util';

export { matchesPattern } from './routing';

/** Every platform the extension captures. A new platform is a module here plus fixtures. */
export const PLATFORM_MODULES: readonly PlatformModule[] = [takealot, makro, shopify];

// What the views use (no parsers): lib/platforms/pages.ts, re-exported for the tests and tools.
export { fixUrl, type ListingOnPage, pageListing, reportEndpoint, statusUrl } from './pages';

export { PORTAL_MATCHES, route };

/** Each rule by its route's name (the tap routes by name; the rules stay out of the page). */
const RULES = new Map<string, CaptureRule>(PLATFORM_MODULES.flatMap((m) => m.rules.map((r) => [r.name, r] as const)));

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
 * `readPage` reads one value the page keeps (its seller id), asked only when the route says
 * its rule needs it; whatever the message itself claims as `pageStoreId` is dropped.
 */
export function capture(
  message: Exchange,
  ctx: Readonly<Record<string, PageContext>>,
  readPage?: (where: PageValue) => string | undefined,
): CaptureResult {
  const { pageStoreId: _claimed, ...rest } = message;
  const ex: Exchange = rest;
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
  if (r.kind === 'rule' && r.pageStoreId && readPage) {
    const kept = readPage(r.pageStoreId);
    if (kept !== undefined && PAGE_ID.test(kept)) ex.pageStoreId = kept;
  }
  const rule = r.kind === 'rule' ? RULES.get(r.name) : undefined;
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
}
