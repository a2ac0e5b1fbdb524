import type { Decision } from '../platforms/routing';
import type { BodyIssue, Exchange } from './envelope';

export type { Decision };

/**
 * The fetch/XHR tap that runs in the portal page's MAIN world at document_start.
 *
 * Rules it keeps (issues #2, #10, #12): the page's own requests and responses are never
 * delayed, changed or broken, and the page pays (almost) nothing for them:
 * - a request to a host no platform knows costs a string scan and one lookup (`knowsHost`):
 *   no `URL`, no regular expression, nothing else;
 * - on the page's synchronous call path the tap only decides and keeps references (a body
 *   string, a `Request` or `Response` clone); every JSON parse and the post to the content
 *   script run later, in a task of their own (`later`), after the page has had its response;
 *   for a fetch, after the page has taken its own body too (`bodyUsed`, or a few tasks), so
 *   the tap's parse never runs before the page's `response.json()` is done;
 * - every body read stops at MAX_BODY bytes; a larger body is reported `too-large`, unread;
 * - every step is wrapped so nothing throws into the page; a page that froze `fetch` or
 *   `XMLHttpRequest` keeps its own.
 * Headers and cookies are never captured (`content-length` is read only to refuse early).
 */

/**
 * The most a body may hold to be read: 8 MiB. A Takealot batch holds up to 10,000 items
 * (docs/PORTALS.md "Takealot"), about 120–250 bytes each in its status response: the
 * largest legitimate job is about 2.5 MB, so this leaves room and still stops a flood.
 */
export const MAX_BODY = 8 * 1024 * 1024;

export interface TapOptions {
  /**
   * Whether a hostname (lower case, no port) is one any platform knows: the one lookup an
   * unknown host costs. Requests to other hosts are never parsed or routed.
   */
  knowsHost(host: string): boolean;
  /** Which requests to a known host the tap reports, and whether it reads their bodies. */
  decide(method: string, url: URL): Decision;
  emit(ex: Exchange): void;
  /**
   * A synchronous channel for the moment the page leaves (`pagehide`): what `later` has not
   * posted yet is handed over here, in the same task, before the document is gone. Without
   * it, `emit` is used.
   */
  emitNow?(ex: Exchange): void;
  now?: () => number;
  /** Runs deferred work off the page's call path (default: a task of its own via `setTimeout`). */
  later?: (fn: () => void) => void;
  /**
   * Installs at most once per window under this key. Firefox injects the content scripts
   * again into open tabs when the add-on is reloaded or updated, while the first tap still
   * runs in the page: a second one would report every save twice.
   */
  once?: string;
}

/** The window parts the tap touches (a fake in the unit tests). */
export type TapWindow = Pick<typeof globalThis, 'fetch' | 'XMLHttpRequest' | 'Request' | 'setTimeout' | 'addEventListener'> & {
  location: Pick<Location, 'href' | 'hostname'>;
};

type Body = { value?: unknown; issue?: BodyIssue };

/**
 * A body kept by reference on the call path, made into a value later (`p()`, in `settle`), or
 * at once when the page leaves (`p(true)`: the value if it can be had synchronously, else
 * undefined: a stream still being read, a Blob). A body at hand (a string, an issue) is the
 * same value either way.
 */
type Pending = (now?: true) => Body | Promise<Body> | undefined;

const NONE: Pending = () => ({});
const refuse =
  (issue: BodyIssue): Pending =>
  () => ({ issue });

function parseJson(text: string): Body {
  if (text.length > MAX_BODY) return { issue: 'too-large' };
  if (!text.trim()) return { issue: 'empty' };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { issue: 'not-json' };
  }
}

function newId(): string {
  // randomUUID exists in secure contexts (every portal is https); never throw into the page.
  return crypto.randomUUID?.() ?? `${Date.now()}-${Math.random()}`.replace('.', '');
}

const PAGE_HOST = 1;

/**
 * The hostname of a request URL without `URL`: a string scan of the plain absolute and
 * path-relative forms (what pages write). `''` for a URL that is not a network request
 * (`blob:`, `data:`), PAGE_HOST for a path on the page's own host, and `null` when only the
 * URL parser can tell (other schemes' spellings, `@`, `\`, `%`, upper case, relative paths).
 */
export function quickHost(raw: string): string | typeof PAGE_HOST | null {
  const at = raw.startsWith('https://') ? 8 : raw.startsWith('http://') ? 7 : 0;
  if (!at) {
    // `//host` or `/\host` is another host; any other `/path` is the page's own.
    if (raw[0] === '/') return raw[1] === '/' || raw[1] === '\\' ? null : PAGE_HOST;
    return raw.startsWith('blob:') || raw.startsWith('data:') ? '' : null;
  }
  let end = at;
  for (; end < raw.length; end++) {
    const c = raw[end]!;
    if ('/?#:'.includes(c)) break; // they end the host
    if ('@\\%'.includes(c) || (c >= 'A' && c <= 'Z') || c <= ' ') return null; // @ \ %, upper case, space/control: the URL parser's
  }
  return end > at ? raw.slice(at, end) : null;
}

/** Reads a body stream (a clone the page never sees) as UTF-8 text, at most MAX_BODY bytes, then stops. */
async function readCapped(body: ReadableStream<Uint8Array<ArrayBuffer>> | null, length: string | null): Promise<string | Body> {
  if (Number(length) > MAX_BODY) {
    void body?.cancel().catch(() => {});
    return { issue: 'too-large' };
  }
  if (!body) return { issue: 'empty' };
  const reader = body.getReader();
  const d = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + d.decode();
    size += value.byteLength;
    if (size > MAX_BODY) {
      void reader.cancel().catch(() => {});
      return { issue: 'too-large' };
    }
    text += d.decode(value, { stream: true });
  }
}

/**
 * A clone's body, read as it arrives (the text is only kept) and parsed later: once `page`
 * (the page's own Response) has been taken by the page, or after a few tasks if it never is.
 */
function streamBody(r: Request | Response, later: (fn: () => void) => void, page?: Response): Pending {
  let read: string | Body | undefined;
  const asBody = (b: string | Body): Body => (typeof b === 'string' ? parseJson(b) : b);
  // Handled at once: a failed read must never surface in the page as an unhandled rejection.
  const bytes = readCapped(r.body, r.headers.get('content-length'))
    .catch((): Body => ({ issue: 'unreadable' }))
    .then((b) => (read = b));
  const pageDone = (tries: number): Promise<void> =>
    new Promise((done) => later(() => (!page || page.bodyUsed || tries < 1 ? later(done) : done(pageDone(tries - 1)))));
  return (now) => (now ? (read === undefined ? undefined : asBody(read)) : bytes.then((b) => pageDone(9).then(() => asBody(b))));
}

/**
 * A request body as JSON, when it is a string (what the portals send): the string is kept
 * (strings cannot change) and parsed later. Anything else is not read.
 */
function stringBody(body: unknown): Pending {
  return typeof body === 'string' ? () => parseJson(body) : NONE;
}

/** What an XHR's response is, kept by reference at `loadend`; decoded or parsed later. */
function xhrBody(xhr: XMLHttpRequest, loaded: number): Pending {
  if (loaded > MAX_BODY) return refuse('too-large');
  const type = xhr.responseType;
  if (!type || type === 'text') {
    const text = xhr.responseText;
    return () => parseJson(text);
  }
  if (type === 'json') {
    // The browser parsed it for the page already: the same object is passed on, never a copy here.
    const value = xhr.response as unknown;
    return () => (value === null ? { issue: 'not-json' } : { value });
  }
  if (type !== 'arraybuffer' && type !== 'blob') return refuse('unreadable');
  const res = xhr.response as ArrayBuffer | Blob | null;
  if (!res) return refuse('empty');
  if (((res as Blob).size ?? (res as ArrayBuffer).byteLength) > MAX_BODY) return refuse('too-large');
  // Decoded as UTF-8 later (not when the page leaves: an unreadable report then, not a loss).
  return (now) => (now ? undefined : new Response(res).text().then(parseJson));
}

/** A body's value later (a throw in `p` is a rejection here, never the page's). */
const settle = (p: Pending): Promise<Body> =>
  new Promise<Body>((done) => done(p() as Body | Promise<Body>)).catch((): Body => ({ issue: 'unreadable' }));

/** A body's value now, for a page that is leaving: unreadable when it cannot be had in time. */
const settleNow = (p: Pending): Body => {
  let b: Body | undefined;
  try {
    b = p(true) as Body | undefined;
  } catch {
    /* unreadable, as one not at hand */
  }
  return b ?? { issue: 'unreadable' };
};

export function installTap(win: TapWindow, opts: TapOptions): void {
  if (opts.once) {
    const mark = Symbol.for(opts.once);
    if ((win as unknown as Record<symbol, unknown>)[mark]) return;
    try {
      Object.defineProperty(win, mark, { value: true });
    } catch {
      /* a frozen global: tap anyway */
    }
  }
  const now = opts.now ?? Date.now;
  const later =
    opts.later ??
    ((fn: () => void): void => {
      win.setTimeout(fn, 0);
    });

  type Base = Pick<Exchange, 'captureId' | 'transport' | 'method' | 'url' | 'pageUrl'>;
  type Seen = { base: Base; read: boolean };
  /**
   * What the tap makes of a request: undefined (the common case: nothing), or what is known as
   * it leaves (the page's URL then, not when it answers) and whether its bodies are read. It
   * throws on a URL the parser refuses: its callers catch (nothing is reported then).
   */
  const decide = (transport: Exchange['transport'], method: string, raw: string): Seen | undefined => {
    const quick = quickHost(raw);
    if (quick !== null && !opts.knowsHost(quick === PAGE_HOST ? win.location.hostname : quick)) return undefined;
    const pageUrl = win.location.href;
    const url = new URL(raw, pageUrl);
    const m = method.toUpperCase();
    const d = opts.decide(m, url);
    return d && { read: d === 'read', base: { captureId: newId(), transport, method: m, url: url.href, pageUrl } };
  };
  /**
   * Exchanges answered but not posted yet. A portal's "Save and close" leaves the page as soon
   * as its save answered: the document can be gone before `later` runs. So when the page
   * leaves, each one is handed over synchronously (`emitNow`), with the bodies that can be
   * had at once (a response still streaming in is reported unreadable: a Pending record that
   * says to check the listing, not a loss).
   */
  const unsent = new Set<() => void>();
  /**
   * Later, off the page's call path: settle both bodies and post the exchange. Without `read`
   * (status 0) it never completed; with it, `read` takes the response body if the route reads it
   * (it runs on the call path, so it only keeps references).
   */
  const report = ({ base, read: reads }: Seen, request: Pending, status = 0, statusText = 'network error', read?: () => Pending): void => {
    let body = refuse('network-error');
    if (read) {
      try {
        body = reads ? read() : refuse('not-read');
      } catch {
        body = refuse('unreadable');
      }
    }
    const post = (emit: (ex: Exchange) => void, req: Body, res: Body): void => {
      if (!unsent.delete(leaving)) return; // posted already
      try {
        emit({
          ...base,
          requestBody: req.value,
          status,
          statusText,
          responseBody: res.value,
          responseIssue: res.issue,
          observedAt: now(),
        });
      } catch {
        /* never into the page */
      }
    };
    const leaving = (): void => post(opts.emitNow ?? opts.emit, settleNow(request), settleNow(body));
    unsent.add(leaving);
    // The response first: a large request body is parsed only after the page has its answer.
    later(() => {
      void settle(body).then((res) => settle(request).then((req) => post(opts.emit, req, res)));
    });
  };
  try {
    win.addEventListener('pagehide', () => {
      // Each deletes only itself: the iteration goes on.
      for (const leaving of unsent) leaving();
    });
  } catch {
    /* a page without events: the deferred path still posts */
  }

  const origFetch = win.fetch;
  if (typeof origFetch === 'function') {
    // A method, as the page's own: named `fetch`, no constructor, no `prototype`.
    const tapped = {
      fetch(this: unknown, ...args: Parameters<typeof fetch>): Promise<Response> {
        let seen: Seen | undefined;
        let request = NONE;
        try {
          const [input, init] = args;
          const req = input instanceof win.Request ? input : undefined;
          const d = decide('fetch', init?.method ?? req?.method ?? 'GET', req ? req.url : String(input));
          if (d?.read) {
            if (init?.body != null) request = stringBody(init.body);
            // Clone before the page's fetch consumes the Request's body; read it capped.
            else if (req?.body) request = streamBody(req.clone(), later);
          }
          seen = d;
        } catch {
          /* never into the page: not reported */
        }
        const result = origFetch.apply(this, args);
        if (seen) {
          // Registered before the page gets `result`: this runs first, so the clone is taken
          // before the page can read (and lock) the body. The clone is only queued here.
          result.then(
            (res) => report(seen, request, res.status, res.statusText, () => streamBody(res.clone(), later, res)),
            () => report(seen, request),
          );
        }
        return result;
      },
    }.fetch;
    try {
      win.fetch = tapped as typeof fetch;
    } catch {
      /* a page that froze fetch keeps it */
    }
  }

  const XHR = win.XMLHttpRequest;
  if (typeof XHR === 'function') {
    const opened = new WeakMap<XMLHttpRequest, Seen>();
    const origOpen = XHR.prototype.open;
    const origSend = XHR.prototype.send;
    try {
      // Methods, as the page's own: named `open` and `send`, no constructor, no `prototype`.
      Object.assign(XHR.prototype, {
        open(this: XMLHttpRequest, ...args: unknown[]) {
          // Whatever this XHR was opened for before is another request.
          opened.delete(this);
          try {
            const d = decide('xhr', String(args[0]), String(args[1]));
            if (d) opened.set(this, d);
          } catch {
            /* never into the page */
          }
          return (origOpen as (...a: unknown[]) => void).apply(this, args);
        },
        send(this: XMLHttpRequest, ...args: [body?: Document | XMLHttpRequestBodyInit | null]) {
          try {
            const s = opened.get(this);
            if (s) {
              const request = s.read ? stringBody(args[0]) : NONE;
              const onEnd = (e: Event): void => {
                try {
                  // A reused XHR opened again before this one ended is another request.
                  if (opened.get(this) !== s) return;
                  opened.delete(this);
                  // Status 0: it never completed.
                  if (this.status) report(s, request, this.status, this.statusText, () => xhrBody(this, (e as ProgressEvent).loaded || 0));
                  else report(s, request);
                } catch {
                  /* never into the page */
                }
              };
              this.addEventListener('loadend', onEnd, { once: true });
            }
          } catch {
            /* never into the page */
          }
          return origSend.apply(this, args);
        },
      });
    } catch {
      /* a page that froze XMLHttpRequest keeps it */
    }
  }
}
