import { createCaptureLedger, createTabBudget } from '../background/limits';
import type { Portal } from '../platforms/capture';
import type { PageContext } from '../platforms/types';
import { linkOf } from '../records/links';
import type { Platform } from '../records/record';
import { checkAll, checkDraftWith, checkJob, checkUnrecognised, isObj, LIMITS } from '../records/validate';
import { isTapMessage, TAP_LEAVING_MAX } from './envelope';
import type { PageValue } from './page-value';
import type { CaptureMessage, OutboxItem } from './relay';

/**
 * The isolated content script's logic, out of the entrypoints (one per portal,
 * entrypoints/portal-<platform>.content.ts, wired by ./portalScript.ts). Everything from the page is untrusted: a window message can be posted by any
 * script in the page, and sessionStorage can be written by it. So, for every exchange:
 *
 *   envelope shape → platform binding (the request goes to this portal's API, `pageUrl` is
 *   this page) → one captureId, one request → a budget per page → the rules → the relay.
 *
 * What is restored from sessionStorage (the page context, the outbox) passes the same
 * checks, bound to this page's platform; a context of the wrong shape is discarded.
 */
export const CTX_KEY = 'sync-history:ctx';

/** A seller id as the portals write them (digits, letters, `-`, `_`, `.`, `:`): a guess that covers all three. */
const STORE_ID = /^[A-Za-z0-9._:-]{1,200}$/;

/** The page context from sessionStorage, only for this page's platform and only in its known shape. */
export function restoreContext(raw: string | null, platform: Platform): Record<string, PageContext> {
  let saved: unknown;
  try {
    saved = JSON.parse(raw ?? '{}');
  } catch {
    return {};
  }
  if (!isObj(saved)) return {};
  const mine = saved[platform];
  if (!isObj(mine)) return {};
  const keys = Object.keys(mine);
  if (keys.some((k) => k !== 'storeId')) return {};
  if (mine.storeId === undefined) return {};
  return typeof mine.storeId === 'string' && STORE_ID.test(mine.storeId) ? { [platform]: { storeId: mine.storeId } } : {};
}

/** Whether `href` is one of the portal's pages (the browser matched `matches` to run the script there). */
function isPortalPage(portal: Portal, href: string): boolean {
  try {
    return portal.isPage(new URL(href));
  } catch {
    return false;
  }
}

type Verdict<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * A capture message (a fresh one or one restored from the outbox) checked with the same
 * validator as the background, every item bound to this page's platform (and a listing link
 * to that platform's own shapes: the background's `safeLink` for that platform).
 */
export function checkCaptureMessage(msg: CaptureMessage, portal: Pick<Portal, 'platform' | 'links'>, now: number): Verdict<CaptureMessage> {
  const { platform } = portal;
  for (const list of [msg.drafts, msg.jobs, msg.unrecognised] as unknown[][]) {
    for (const x of list) {
      if (!isObj(x) || x.platform !== platform) return { ok: false, error: `not a ${platform} capture` };
    }
  }
  const drafts = checkAll(msg.drafts, LIMITS.draftsPerMessage, (x) => checkDraftWith(x, now, (_p, url) => linkOf(portal.links, url)));
  if (!drafts.ok) return { ok: false, error: `drafts: ${drafts.error}` };
  const jobs = checkAll(msg.jobs, LIMITS.jobsPerMessage, (x) => checkJob(x, now));
  if (!jobs.ok) return { ok: false, error: `jobs: ${jobs.error}` };
  const unrecognised = checkAll(msg.unrecognised, LIMITS.unrecognisedPerMessage, (x) => checkUnrecognised(x, now));
  if (!unrecognised.ok) return { ok: false, error: `unrecognised: ${unrecognised.error}` };
  return {
    ok: true,
    value: { type: 'capture', captureId: msg.captureId, drafts: drafts.value, jobs: jobs.value, unrecognised: unrecognised.value },
  };
}

export interface PortalPageDeps {
  /** The portal this script runs for: its pages, routes and rules (lib/platforms/<platform>/portal.ts). */
  portal: Portal;
  /** `location.href` now. */
  href(): string;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  push(item: OutboxItem): void;
  now(): number;
  /** An exchange or restored item refused, with why (counted by the caller). */
  onRefused?(reason: string): void;
  /** Reads one value the page keeps in its own storage, for the routes that ask (lib/capture/page-value.ts). */
  readPage?: ((where: PageValue) => string | undefined) | undefined;
}

export function createPortalPage(deps: PortalPageDeps) {
  const { portal } = deps;
  const platform = isPortalPage(portal, deps.href()) ? portal.platform : undefined;
  let ctx: Record<string, PageContext> = platform ? restoreContext(deps.storage?.getItem(CTX_KEY) ?? null, platform) : {};
  const ledger = createCaptureLedger(5000);
  const budget = createTabBudget();
  /** The URLs this document has shown (an SPA's routes): an exchange's `pageUrl` must be one. */
  const shown = new Set<string>([deps.href()]);
  const refuse = (reason: string): false => {
    deps.onRefused?.(reason);
    return false;
  };

  /** Notes an SPA navigation (the content script wires the Navigation API to it). */
  const sawUrl = (href: string): void => {
    shown.add(href);
    if (shown.size > 200) shown.delete(shown.values().next().value!);
  };

  /** A window message from this window; returns whether a capture was queued. */
  function onMessage(data: unknown): boolean {
    if (!platform || !isTapMessage(data)) return false;
    // The page's budget first: once a flood has spent it, a message costs this check and
    // nothing more (no URL parsing, no rule). Only this page's captures pay for it.
    const spent = budget(0, 0, deps.now());
    if (!spent.ok) return refuse(spent.error);
    const ex = data.exchange;
    sawUrl(deps.href());
    let url: URL;
    let page: URL;
    try {
      url = new URL(ex.url);
      page = new URL(ex.pageUrl);
    } catch {
      return refuse('an exchange with a bad URL');
    }
    // Platform binding: the portal's own routes only. Another platform's API (a forged message:
    // the tap posts an exchange only from the page that made it) is not this page's to read.
    const route = portal.route(ex.method, url);
    if (!route) return false; // not this portal's API: nothing to do
    if (page.origin !== new URL(deps.href()).origin || !shown.has(page.href)) return refuse('an exchange whose pageUrl is not this page');
    // The rules start from this parse and this route: an exchange is parsed and routed once.
    const result = portal.capture(ex, { url, page, route }, ctx, deps.readPage);
    if (result.drafts.length === 0 && result.jobs.length === 0 && result.unrecognised.length === 0) {
      learn(result.ctx);
      return false;
    }
    const msg: CaptureMessage = {
      type: 'capture',
      captureId: ex.captureId,
      drafts: result.drafts,
      jobs: result.jobs,
      unrecognised: result.unrecognised,
    };
    const once = ledger(ex.captureId, { drafts: msg.drafts, jobs: msg.jobs, unrecognised: msg.unrecognised });
    if (!once.ok) return refuse(once.error);
    const records = budget(0, msg.drafts.length, deps.now(), 0);
    if (!records.ok) return refuse(records.error);
    learn(result.ctx);
    deps.push({ id: ex.captureId, msg });
    return true;
  }

  /**
   * The tap's leaving event (the page is going away; lib/capture/tap.ts `emitNow`): its detail
   * is a TapMessage as JSON. The page can dispatch the same event, so after parsing it gets
   * exactly a window message's checks. Runs in the page's last task: the relay saves the
   * capture to sessionStorage synchronously, and the next page of this tab sends it.
   */
  function onLeaving(detail: unknown): boolean {
    if (!platform || typeof detail !== 'string' || detail.length > TAP_LEAVING_MAX) return false;
    let data: unknown;
    try {
      data = JSON.parse(detail);
    } catch {
      return refuse('a leaving message that is not JSON');
    }
    return onMessage(data);
  }

  function learn(next: Record<string, PageContext>): void {
    if (!platform) return;
    const mine = next[platform];
    if (!mine || JSON.stringify(mine) === JSON.stringify(ctx[platform])) return;
    if (mine.storeId !== undefined && !STORE_ID.test(mine.storeId)) return;
    ctx = { [platform]: mine };
    try {
      deps.storage?.setItem(CTX_KEY, JSON.stringify(ctx));
    } catch {
      /* the in-memory context still serves this page */
    }
  }

  return {
    platform,
    onMessage,
    onLeaving,
    sawUrl,
    /** For the relay's restore: the same checks as a fresh capture, bound to this page's platform. */
    accept: (msg: CaptureMessage): Verdict<CaptureMessage> =>
      platform ? checkCaptureMessage(msg, portal, deps.now()) : { ok: false, error: 'not a portal page' },
    context: (): Readonly<Record<string, PageContext>> => ctx,
  };
}
