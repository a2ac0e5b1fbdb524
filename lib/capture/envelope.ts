/**
 * The message the MAIN-world tap posts to the isolated content script.
 * The page can forge it, so the content script checks it with `isTapMessage`
 * and the background re-validates whatever the rules make of it.
 */
export const TAP_SOURCE = 'sync-history:tap';
export const TAP_VERSION = 1;
/**
 * The DOM event the tap dispatches on `window` when the page leaves, for what it had not
 * posted yet (lib/capture/tap.ts `emitNow`): its `detail` is the TapMessage as JSON. The page
 * can dispatch it too, so it gets exactly the checks a window message gets.
 */
export const TAP_LEAVING = 'sync-history:tap-leaving';
/** The most a leaving message's JSON may hold: two bodies at the tap's 8 MiB cap, and the envelope. */
export const TAP_LEAVING_MAX = 17 * 1024 * 1024;

export type BodyIssue = 'too-large' | 'not-json' | 'empty' | 'unreadable' | 'not-read' | 'network-error';

/** One request/response pair the tap saw. Never holds headers or cookies. */
export interface Exchange {
  /** Unique per request: a capture relayed twice is still one operation. */
  captureId: string;
  transport: 'fetch' | 'xhr';
  method: string;
  /** Absolute URL of the request. */
  url: string;
  /** The page that made it. */
  pageUrl: string;
  /** Parsed JSON body, when the request had one. */
  requestBody?: unknown;
  /** HTTP status, 0 when the request never completed. */
  status: number;
  statusText: string;
  /** Parsed JSON body of the response. */
  responseBody?: unknown;
  /** Why `responseBody` is absent. */
  responseIssue?: BodyIssue | undefined;
  observedAt: number;
  /**
   * The Store ID the page keeps, for the routes that ask for it. Never taken from the tap's
   * message: capture() reads it from the page's storage itself (lib/capture/page-value.ts).
   */
  pageStoreId?: string;
}

export interface TapMessage {
  source: typeof TAP_SOURCE;
  v: typeof TAP_VERSION;
  exchange: Exchange;
}

const MAX_URL = 4096;
const ISSUES: readonly BodyIssue[] = ['too-large', 'not-json', 'empty', 'unreadable', 'not-read', 'network-error'];

function isHttpUrl(x: unknown): x is string {
  if (typeof x !== 'string' || x.length > MAX_URL) return false;
  try {
    const u = new URL(x);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

export function isTapMessage(x: unknown): x is TapMessage {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  if (m.source !== TAP_SOURCE || m.v !== TAP_VERSION) return false;
  const e = m.exchange as Record<string, unknown> | null;
  if (typeof e !== 'object' || e === null) return false;
  return (
    typeof e.captureId === 'string' &&
    /^[A-Za-z0-9-]{8,64}$/.test(e.captureId) &&
    (e.transport === 'fetch' || e.transport === 'xhr') &&
    typeof e.method === 'string' &&
    /^[A-Z]{3,7}$/.test(e.method) &&
    isHttpUrl(e.url) &&
    isHttpUrl(e.pageUrl) &&
    typeof e.status === 'number' &&
    Number.isInteger(e.status) &&
    e.status >= 0 &&
    e.status < 600 &&
    typeof e.statusText === 'string' &&
    e.statusText.length < 200 &&
    typeof e.observedAt === 'number' &&
    Number.isFinite(e.observedAt) &&
    (e.responseIssue === undefined || ISSUES.includes(e.responseIssue as BodyIssue))
  );
}
