import type { BodyIssue, Exchange } from './envelope';

/**
 * The fetch/XHR tap that runs in the portal page's MAIN world at document_start.
 *
 * Rules it keeps (issue #2): the page's own request and response are never delayed,
 * changed or broken: the tap reads a clone after the page has its response, every
 * step is wrapped so nothing throws into the page, and only requests `decide` picks
 * have their bodies read, at most MAX_BODY bytes. Headers and cookies are never read.
 */
export const MAX_BODY = 1024 * 1024;

/** `read`: a capture rule wants the bodies; `count`: report that it happened, read nothing. */
export type Decision = 'read' | 'count' | undefined;

export interface TapOptions {
  decide(method: string, url: URL): Decision;
  emit(ex: Exchange): void;
  now?: () => number;
  /**
   * Installs at most once per window under this key. Firefox injects the content scripts
   * again into open tabs when the add-on is reloaded or updated, while the first tap still
   * runs in the page: a second one would report every save twice.
   */
  once?: string;
}

type Body = { value?: unknown; issue?: BodyIssue };

function parseJson(text: string): Body {
  if (text.length > MAX_BODY) return { issue: 'too-large' };
  if (text.trim() === '') return { issue: 'empty' };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { issue: 'not-json' };
  }
}

function newId(): string {
  try {
    return crypto.randomUUID();
  } catch {
    return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  }
}

/** Reads at most MAX_BODY bytes of a response clone, then stops reading. */
async function readCapped(res: Response): Promise<Body> {
  const length = Number(res.headers.get('content-length'));
  if (length > MAX_BODY) {
    void res.body?.cancel().catch(() => undefined);
    return { issue: 'too-large' };
  }
  if (!res.body) return { issue: 'empty' };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY) {
      void reader.cancel().catch(() => undefined);
      return { issue: 'too-large' };
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return parseJson(new TextDecoder().decode(all));
}

/** A request body as JSON, when it is a string (what the portals send); anything else is not read. */
function requestJson(body: unknown): unknown {
  if (typeof body !== 'string' || body.length > MAX_BODY) return undefined;
  return parseJson(body).value;
}

async function xhrBody(xhr: XMLHttpRequest): Promise<Body> {
  switch (xhr.responseType) {
    case '':
    case 'text':
      return parseJson(xhr.responseText);
    case 'json':
      return xhr.response === null ? { issue: 'not-json' } : { value: xhr.response as unknown };
    case 'arraybuffer': {
      const buf = xhr.response as ArrayBuffer | null;
      if (!buf) return { issue: 'empty' };
      if (buf.byteLength > MAX_BODY) return { issue: 'too-large' };
      return parseJson(new TextDecoder().decode(buf));
    }
    case 'blob': {
      const blob = xhr.response as Blob | null;
      if (!blob) return { issue: 'empty' };
      if (blob.size > MAX_BODY) return { issue: 'too-large' };
      return parseJson(await blob.text());
    }
    default:
      return { issue: 'unreadable' };
  }
}

export function installTap(win: typeof globalThis, opts: TapOptions): void {
  if (opts.once !== undefined) {
    const mark = Symbol.for(opts.once);
    if ((win as unknown as Record<symbol, unknown>)[mark]) return;
    try {
      Object.defineProperty(win, mark, { value: true });
    } catch {
      /* a frozen global: tap anyway */
    }
  }
  const now = opts.now ?? Date.now;
  const pageUrl = (): string => win.location.href;
  const decide = (method: string, raw: string): { url: URL; decision: Decision } | undefined => {
    try {
      const url = new URL(raw, win.location.href);
      const decision = opts.decide(method.toUpperCase(), url);
      return decision ? { url, decision } : undefined;
    } catch {
      return undefined;
    }
  };
  const emit = (ex: Exchange): void => {
    try {
      opts.emit(ex);
    } catch {
      /* never into the page */
    }
  };

  const origFetch = win.fetch;
  if (typeof origFetch === 'function') {
    const tapped = function (this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      let pending: { url: URL; decision: Decision; method: string; body: Promise<unknown> } | undefined;
      try {
        const isReq = typeof Request !== 'undefined' && input instanceof Request;
        const method = (init?.method ?? (isReq ? (input as Request).method : 'GET')).toUpperCase();
        const raw = isReq ? (input as Request).url : String(input);
        const d = decide(method, raw);
        if (d) {
          let body: Promise<unknown> = Promise.resolve(undefined);
          if (d.decision === 'read') {
            if (init?.body !== undefined) body = Promise.resolve(requestJson(init.body));
            // Clone before the page's fetch consumes the Request's body.
            else if (isReq && (input as Request).body)
              body = (input as Request)
                .clone()
                .text()
                .then(requestJson, () => undefined);
          }
          pending = { ...d, method, body };
        }
      } catch {
        pending = undefined;
      }
      const result = origFetch.apply(this, [input, init] as Parameters<typeof fetch>);
      if (pending) {
        const p = pending;
        const base = { captureId: newId(), transport: 'fetch' as const, method: p.method, url: p.url.href, pageUrl: pageUrl() };
        result.then(
          (res) => {
            let clone: Response | undefined;
            try {
              clone = p.decision === 'read' ? res.clone() : undefined;
            } catch {
              clone = undefined;
            }
            const body: Promise<Body> = clone
              ? readCapped(clone).catch(() => ({ issue: 'unreadable' as const }))
              : Promise.resolve({ issue: 'not-read' as const });
            void Promise.all([p.body, body]).then(([requestBody, b]) =>
              emit({
                ...base,
                requestBody,
                status: res.status,
                statusText: res.statusText,
                responseBody: b.value,
                responseIssue: b.issue,
                observedAt: now(),
              }),
            );
          },
          () => {
            void p.body.then((requestBody) =>
              emit({ ...base, requestBody, status: 0, statusText: 'network error', responseIssue: 'network-error', observedAt: now() }),
            );
          },
        );
      }
      return result;
    };
    try {
      Object.defineProperty(tapped, 'name', { value: 'fetch' });
      win.fetch = tapped as typeof fetch;
    } catch {
      /* a page that froze fetch keeps it */
    }
  }

  const XHR = win.XMLHttpRequest;
  if (typeof XHR === 'function') {
    const state = new WeakMap<XMLHttpRequest, { method: string; url: URL; decision: Decision }>();
    const origOpen = XHR.prototype.open;
    const origSend = XHR.prototype.send;
    XHR.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
      try {
        const d = decide(String(method), String(url));
        if (d) state.set(this, { method: String(method).toUpperCase(), ...d });
        else state.delete(this);
      } catch {
        /* never into the page */
      }
      return (origOpen as (...a: unknown[]) => void).call(this, method, url, ...rest);
    } as typeof XHR.prototype.open;
    XHR.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      try {
        const s = state.get(this);
        if (s) {
          const requestBody = s.decision === 'read' ? requestJson(body) : undefined;
          const base = { captureId: newId(), transport: 'xhr' as const, method: s.method, url: s.url.href, pageUrl: pageUrl() };
          this.addEventListener('loadend', () => {
            try {
              if (this.status === 0) {
                emit({ ...base, requestBody, status: 0, statusText: 'network error', responseIssue: 'network-error', observedAt: now() });
                return;
              }
              const read: Promise<Body> =
                s.decision === 'read'
                  ? xhrBody(this).catch(() => ({ issue: 'unreadable' as const }))
                  : Promise.resolve({ issue: 'not-read' as const });
              void read.then((b) =>
                emit({
                  ...base,
                  requestBody,
                  status: this.status,
                  statusText: this.statusText,
                  responseBody: b.value,
                  responseIssue: b.issue,
                  observedAt: now(),
                }),
              );
            } catch {
              /* never into the page */
            }
          });
        }
      } catch {
        /* never into the page */
      }
      return origSend.call(this, body);
    };
  }
}
