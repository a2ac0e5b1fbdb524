import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Exchange } from '@/lib/capture/envelope';
import { type Decision, installTap, MAX_BODY, quickHost, type TapOptions, type TapWindow } from '@/lib/capture/tap';
import { route } from '@/lib/platforms/routes';

/**
 * The MAIN-world tap against a fake window: the real router (lib/platforms/routes.ts) decides,
 * Node's own Request/Response/ReadableStream/Blob carry the bodies, and a small fake
 * XMLHttpRequest stands in for the browser's. `later` is a queue the test flushes, so what
 * runs on the page's call path and what runs after is visible.
 */

const TAKEALOT_BATCH = 'https://seller-api.takealot.com/v2/offers/batch';
const TAKEALOT_STATUS = 'https://seller-api.takealot.com/v2/offers/batch/5531207';
const MAKRO_SAVE = '/napi/listing/create-update-listings';
const UNKNOWN_WRITE = 'https://seller-api.takealot.com/v2/promotions/42';

class FakeXhr extends EventTarget {
  static sent: FakeXhr[] = [];
  // On the prototype (below), as the browser's are: the tap wraps those.
  declare open: (method: string, url: string | URL, async?: boolean) => void;
  declare send: (body?: unknown) => void;
  method = '';
  url = '';
  body: unknown;
  status = 0;
  statusText = '';
  responseType: XMLHttpRequestResponseType = '';
  responseValue: unknown = null;
  /** Counts reads of `response`/`responseText` (a body the tap must not touch throws). */
  reads = 0;
  forbidRead = false;
  get response(): unknown {
    this.reads++;
    if (this.forbidRead) throw new Error('the tap read a body it should have refused');
    return this.responseValue;
  }
  get responseText(): string {
    this.reads++;
    if (this.forbidRead) throw new Error('the tap read a body it should have refused');
    if (this.responseType !== '' && this.responseType !== 'text') throw new Error('InvalidStateError');
    return String(this.responseValue ?? '');
  }
  /** Ends the request as the browser would: status, then `loadend` with the bytes received. */
  finish(status: number, statusText: string, value: unknown, loaded?: number): void {
    this.status = status;
    this.statusText = statusText;
    this.responseValue = value;
    const e = new Event('loadend');
    Object.defineProperty(e, 'loaded', {
      value: loaded ?? (typeof value === 'string' ? value.length : 0),
    });
    this.dispatchEvent(e);
  }
}
// The page-facing methods live on the prototype, as the browser's do (the tap wraps those).
Object.assign(FakeXhr.prototype, {
  open(this: FakeXhr, method: string, url: string) {
    this.method = method;
    this.url = url;
  },
  send(this: FakeXhr, body?: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
  },
});

type PageFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

function fakeWindow(opts: { href?: string; fetch?: PageFetch } = {}) {
  const href = opts.href ?? 'https://sellers.takealot.com/offers/bulk-update';
  const calls: { self: unknown; args: unknown[] }[] = [];
  const pageFetch = opts.fetch ?? (async () => new Response('{}', { status: 200 }));
  const fetch = function (this: unknown, ...args: unknown[]) {
    calls.push({ self: this, args });
    return (pageFetch as (...a: unknown[]) => Promise<Response>)(...args);
  };
  FakeXhr.sent = [];
  const events = new EventTarget();
  const win = {
    fetch,
    XMLHttpRequest: FakeXhr,
    Request,
    setTimeout,
    addEventListener: events.addEventListener.bind(events),
    location: { href, hostname: new URL(href).hostname },
  } as unknown as TapWindow;
  /** The page leaves (a navigation, the tab closed): the browser fires `pagehide`, and no task runs after. */
  const leave = (): void => {
    events.dispatchEvent(new Event('pagehide'));
  };
  return { win, calls, leave };
}

function tap(win: TapWindow, over: Partial<TapOptions> = {}) {
  const emitted: Exchange[] = [];
  const queue: (() => void)[] = [];
  const knownHost = vi.fn(route.knowsHost);
  const decide = vi.fn((method: string, url: URL): Decision => {
    const r = route(method, url);
    return r ? (r.kind === 'rule' ? 'read' : 'count') : undefined;
  });
  installTap(win, {
    knowsHost: knownHost,
    decide,
    emit: (ex) => emitted.push(ex),
    now: () => 1_700_000_000_000,
    later: (fn) => queue.push(fn),
    ...over,
  });
  /** Runs the deferred work, then lets its reads and parses settle. */
  const flush = async (): Promise<void> => {
    for (let round = 0; round < 20; round++) {
      await new Promise((r) => setTimeout(r, 0));
      while (queue.length > 0) queue.shift()!();
    }
  };
  return { emitted, queue, flush, knownHost, decide };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, ...init });

afterEach(() => {
  vi.restoreAllMocks();
});

/** Lets the page's own continuations and the tap's stream reads run, but no task (`later`). */
const microtasks = async (): Promise<void> => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};

describe('quickHost: the host without the URL parser', () => {
  it.each([
    ['https://seller-api.takealot.com/v2/offers', 'seller-api.takealot.com'],
    ['http://seller.makro.co.za:8443/napi/x', 'seller.makro.co.za'],
    ['https://cdn.example.com?x=1', 'cdn.example.com'],
    ['https://cdn.example.com#top', 'cdn.example.com'],
    ['https://cdn.example.com', 'cdn.example.com'],
    ['blob:https://sellers.takealot.com/5b7c', ''],
    ['data:application/json,{}', ''],
  ])('%s → %s', (raw, host) => {
    expect(quickHost(raw)).toBe(host);
  });

  it('a path on the page is the page host', () => {
    expect(quickHost('/napi/listing/create-update-listings')).toBe(1);
  });

  it.each([
    '//seller-api.takealot.com/v2/offers', // scheme-relative
    '/\\seller-api.takealot.com/v2/offers', // the URL parser reads /\ as //
    'https://user@seller-api.takealot.com/', // userinfo
    'https://seller-api.takealot.com\\v2', // backslash
    'https://SELLER-API.takealot.com/v2', // upper case
    'https://seller%2Dapi.takealot.com/', // percent-encoded
    ' https://seller-api.takealot.com/', // leading space the parser strips
    'HTTPS://seller-api.takealot.com/',
    'v2/offers', // relative to the page's path
    'https:///path',
  ])('leaves %j to the URL parser', (raw) => {
    expect(quickHost(raw)).toBeNull();
  });
});

describe('fetch: what the page pays', () => {
  it('an unknown host costs one lookup: no URL, no route, no clone, the same promise back', async () => {
    const res = new Response('hello');
    const { win, calls } = fakeWindow({ fetch: async () => res });
    const t = tap(win);
    let urls = 0;
    const RealURL = URL;
    vi.stubGlobal(
      'URL',
      new Proxy(RealURL, {
        construct(target, args) {
          urls++;
          return new target(...(args as [string, string?]));
        },
      }),
    );
    const clone = vi.spyOn(Response.prototype, 'clone');
    const p = win.fetch('https://cdn.example.com/app.js', { method: 'POST', body: '{"a":1}' });
    expect(urls).toBe(0);
    vi.unstubAllGlobals();
    expect(t.knownHost).toHaveBeenCalledTimes(1);
    expect(t.knownHost).toHaveBeenCalledWith('cdn.example.com');
    expect(t.decide).not.toHaveBeenCalled();
    expect(await p).toBe(res);
    await t.flush();
    expect(clone).not.toHaveBeenCalled();
    expect(t.emitted).toEqual([]);
    expect(t.queue).toEqual([]);
    expect(calls[0]!.args).toEqual(['https://cdn.example.com/app.js', { method: 'POST', body: '{"a":1}' }]);
  });

  it('blob: and data: URLs are never routed', async () => {
    const { win } = fakeWindow();
    const t = tap(win);
    await win.fetch('blob:https://sellers.takealot.com/5b7c');
    await win.fetch('data:application/json,{}');
    expect(t.decide).not.toHaveBeenCalled();
    await t.flush();
    expect(t.emitted).toEqual([]);
  });

  it('a GET on a known host that no route wants is not reported', async () => {
    const { win } = fakeWindow();
    const t = tap(win);
    await win.fetch('https://seller-api.takealot.com/v2/sales');
    expect(t.decide).toHaveBeenCalledTimes(1);
    await t.flush();
    expect(t.emitted).toEqual([]);
  });

  it('passes the arguments and `this` through exactly, and keeps the name', async () => {
    const { win, calls } = fakeWindow();
    tap(win);
    const self = { marker: true };
    const init = { method: 'POST', body: '[]' };
    await win.fetch.call(self, TAKEALOT_BATCH, init);
    await win.fetch('https://cdn.example.com/');
    expect(calls[0]).toEqual({ self, args: [TAKEALOT_BATCH, init] });
    expect(calls[0]!.args[1]).toBe(init);
    expect(calls[1]!.args).toEqual(['https://cdn.example.com/']);
    expect(win.fetch.name).toBe('fetch');
  });

  it('the wrapped fetch, open and send look like the browser’s own: their names, and not constructors (no prototype)', () => {
    // A page script that inspects them (a portal's own error tracker, a hostile one) sees
    // methods, as the natives are: `new fetch()` throws, `fetch.prototype` is undefined.
    const { win } = fakeWindow();
    tap(win);
    const xhr = win.XMLHttpRequest.prototype as unknown as Record<'open' | 'send', (...a: unknown[]) => unknown>;
    for (const [fn, name] of [
      [win.fetch, 'fetch'],
      [xhr.open, 'open'],
      [xhr.send, 'send'],
    ] as const) {
      expect(fn.name).toBe(name);
      expect('prototype' in fn).toBe(false);
      expect(() => new (fn as unknown as new () => unknown)()).toThrow(TypeError);
    }
  });

  it('neither reads nor parses a body on the call path: the request string is parsed later', async () => {
    const { win } = fakeWindow({ fetch: async () => json({ batch_id: 5531207, status: { id: 1, description: 'Queued' } }) });
    const t = tap(win);
    const parse = vi.spyOn(JSON, 'parse');
    const body = JSON.stringify([{ sku: 'KK-RUN-42-BLK', selling_price: 1249 }]);
    const res = await win.fetch(TAKEALOT_BATCH, { method: 'POST', body });
    expect(parse).not.toHaveBeenCalled();
    expect(t.emitted).toEqual([]);
    // The page reads its own response first, untouched by the clone.
    expect(await res.json()).toEqual({ batch_id: 5531207, status: { id: 1, description: 'Queued' } });
    parse.mockClear();
    expect(t.queue.length).toBe(1);
    await t.flush();
    expect(parse).toHaveBeenCalled();
    expect(t.emitted).toEqual([
      {
        captureId: expect.stringMatching(/^[A-Za-z0-9-]{8,64}$/),
        transport: 'fetch',
        method: 'POST',
        url: TAKEALOT_BATCH,
        pageUrl: 'https://sellers.takealot.com/offers/bulk-update',
        requestBody: [{ sku: 'KK-RUN-42-BLK', selling_price: 1249 }],
        status: 200,
        statusText: 'OK',
        responseBody: { batch_id: 5531207, status: { id: 1, description: 'Queued' } },
        responseIssue: undefined,
        observedAt: 1_700_000_000_000,
      },
    ]);
  });

  it('a relative URL resolves against the page (Makro’s API is on the portal host)', async () => {
    const { win } = fakeWindow({ href: 'https://seller.makro.co.za/listings', fetch: async () => json({ ok: true }) });
    const t = tap(win);
    await win.fetch(MAKRO_SAVE, { method: 'post', body: '{"listings":[]}' });
    await t.flush();
    expect(t.knownHost).toHaveBeenCalledWith('seller.makro.co.za');
    expect(t.emitted[0]).toMatchObject({ method: 'POST', url: `https://seller.makro.co.za${MAKRO_SAVE}`, requestBody: { listings: [] } });
  });

  it('a URL object is routed by its href', async () => {
    const { win } = fakeWindow({ fetch: async () => json({ result: [] }) });
    const t = tap(win);
    await win.fetch(new URL(TAKEALOT_STATUS));
    await t.flush();
    expect(t.emitted[0]).toMatchObject({ method: 'GET', url: TAKEALOT_STATUS, responseBody: { result: [] } });
  });

  it('a Request: method and URL from it, its body read from a clone, the page’s own body left whole', async () => {
    let pageSaw = '';
    const { win } = fakeWindow({
      fetch: async (input) => {
        pageSaw = await (input as Request).text();
        return json({ batch_id: 1 });
      },
    });
    const t = tap(win);
    const body = JSON.stringify([{ sku: 'A-1' }]);
    await win.fetch(new Request(TAKEALOT_BATCH, { method: 'POST', body }));
    expect(pageSaw).toBe(body);
    await t.flush();
    expect(t.emitted[0]).toMatchObject({
      method: 'POST',
      url: TAKEALOT_BATCH,
      requestBody: [{ sku: 'A-1' }],
      responseBody: { batch_id: 1 },
    });
  });

  it('init.method overrides the Request’s own, as fetch does', async () => {
    const { win } = fakeWindow();
    const t = tap(win);
    await win.fetch(new Request(TAKEALOT_BATCH), { method: 'POST', body: '[]' });
    expect(t.decide).toHaveBeenCalledWith('POST', new URL(TAKEALOT_BATCH));
  });

  it('a network error: the page gets its own rejection, the capture says network-error', async () => {
    const failure = new TypeError('Failed to fetch');
    const { win } = fakeWindow({ fetch: () => Promise.reject(failure) });
    const t = tap(win);
    await expect(win.fetch(TAKEALOT_BATCH, { method: 'POST', body: '[{"sku":"A"}]' })).rejects.toBe(failure);
    await t.flush();
    expect(t.emitted[0]).toMatchObject({
      status: 0,
      statusText: 'network error',
      responseIssue: 'network-error',
      requestBody: [{ sku: 'A' }],
    });
    expect(t.emitted[0]!.responseBody).toBeUndefined();
  });

  it('an unrecognised write is counted: no clone, no body read', async () => {
    const { win } = fakeWindow({ fetch: async () => json({ data: {} }) });
    const t = tap(win);
    const clone = vi.spyOn(Response.prototype, 'clone');
    const parse = vi.spyOn(JSON, 'parse');
    await win.fetch(UNKNOWN_WRITE, { method: 'POST', body: '{"query":"mutation"}' });
    await t.flush();
    expect(clone).not.toHaveBeenCalled();
    expect(parse).not.toHaveBeenCalled();
    expect(t.emitted[0]).toMatchObject({ method: 'POST', responseIssue: 'not-read', status: 200 });
    expect(t.emitted[0]!.requestBody).toBeUndefined();
  });

  it('non-string request bodies (FormData, Blob) are not read', async () => {
    const { win } = fakeWindow();
    const t = tap(win);
    const form = new FormData();
    form.set('sku', 'A');
    await win.fetch(TAKEALOT_BATCH, { method: 'POST', body: form });
    await win.fetch(TAKEALOT_BATCH, { method: 'POST', body: new Blob(['[{"sku":"B"}]']) });
    await t.flush();
    expect(t.emitted.map((e) => e.requestBody)).toEqual([undefined, undefined]);
  });

  it.each([
    ['not JSON', '<html>oops</html>', 'not-json'],
    ['empty', '  ', 'empty'],
  ])('a response body that is %s is reported as %s', async (_what, text, issue) => {
    const { win } = fakeWindow({ fetch: async () => new Response(text, { status: 500, statusText: 'Server Error' }) });
    const t = tap(win);
    await win.fetch(TAKEALOT_STATUS);
    await t.flush();
    expect(t.emitted[0]).toMatchObject({ status: 500, statusText: 'Server Error', responseIssue: issue });
  });

  it('a response with no body is empty', async () => {
    const { win } = fakeWindow({ fetch: async () => new Response(null, { status: 204 }) });
    const t = tap(win);
    await win.fetch(TAKEALOT_STATUS);
    await t.flush();
    expect(t.emitted[0]).toMatchObject({ status: 204, responseIssue: 'empty' });
  });

  it('a body already used by another reader is unreadable, and the page is unaffected', async () => {
    const res = json({ a: 1 });
    await res.text(); // locked and used: clone() throws
    const { win } = fakeWindow({ fetch: async () => res });
    const t = tap(win);
    await expect(win.fetch(TAKEALOT_STATUS)).resolves.toBe(res);
    await t.flush();
    expect(t.emitted[0]).toMatchObject({ responseIssue: 'unreadable' });
  });
});

describe('fetch: body caps', () => {
  it('a declared length over the cap is refused before reading, and the clone is cancelled', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const { win } = fakeWindow({
      fetch: async () => new Response(stream, { status: 200, headers: { 'content-length': String(MAX_BODY + 1) } }),
    });
    const t = tap(win);
    await win.fetch(TAKEALOT_STATUS);
    await t.flush();
    expect(t.emitted[0]).toMatchObject({ status: 200, responseIssue: 'too-large' });
    expect(pulled).toBeLessThan(5);
  });

  it('a stream without a length stops at the cap', async () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        sent += chunk.byteLength;
        c.enqueue(chunk);
        if (sent > 64 * MAX_BODY) c.close();
      },
    });
    const { win } = fakeWindow({ fetch: async () => new Response(stream) });
    const t = tap(win);
    await win.fetch(TAKEALOT_STATUS);
    await t.flush();
    expect(t.emitted[0]).toMatchObject({ responseIssue: 'too-large' });
    expect(sent).toBeLessThan(4 * MAX_BODY);
  });

  it('a body of exactly the cap is read', async () => {
    const pad = ' '.repeat(MAX_BODY - '{"ok":true}'.length);
    const { win } = fakeWindow({ fetch: async () => new Response(`{"ok":true}${pad}`) });
    const t = tap(win);
    await win.fetch(TAKEALOT_STATUS);
    await t.flush();
    expect(t.emitted[0]).toMatchObject({ responseBody: { ok: true } });
  });

  it('a request string over the cap is not parsed; a Request body over the cap is not read whole', async () => {
    const big = `[${'1,'.repeat(MAX_BODY / 2)}1]`;
    const { win } = fakeWindow();
    const t = tap(win);
    const parse = vi.spyOn(JSON, 'parse');
    await win.fetch(TAKEALOT_BATCH, { method: 'POST', body: big });
    await win.fetch(new Request(TAKEALOT_BATCH, { method: 'POST', body: big }));
    await t.flush();
    expect(parse.mock.calls.filter(([s]) => typeof s === 'string' && s.length > 1000)).toEqual([]);
    expect(t.emitted.map((e) => e.requestBody)).toEqual([undefined, undefined]);
    expect(t.emitted.map((e) => e.responseBody)).toEqual([{}, {}]);
  });
});

describe('XMLHttpRequest', () => {
  function xhrTap(href?: string) {
    const { win } = fakeWindow(href ? { href } : {});
    const t = tap(win);
    const X = win.XMLHttpRequest as unknown as typeof FakeXhr;
    return { t, X };
  }

  it.each([
    ['', '{"batch_id":7}', { batch_id: 7 }, undefined],
    ['text', '{"batch_id":7}', { batch_id: 7 }, undefined],
    ['json', { batch_id: 7 }, { batch_id: 7 }, undefined],
    ['json', null, undefined, 'not-json'],
    ['arraybuffer', new TextEncoder().encode('{"batch_id":7}').buffer, { batch_id: 7 }, undefined],
    ['arraybuffer', null, undefined, 'empty'],
    ['blob', new Blob(['{"batch_id":7}']), { batch_id: 7 }, undefined],
    ['blob', null, undefined, 'empty'],
    ['document', {}, undefined, 'unreadable'],
  ] as const)('responseType %j is read after the page has it', async (type, value, body, issue) => {
    const { t, X } = xhrTap();
    const xhr = new X();
    xhr.open('POST', TAKEALOT_BATCH);
    xhr.responseType = type;
    const parse = vi.spyOn(JSON, 'parse');
    xhr.send('[{"sku":"A"}]');
    xhr.finish(200, 'OK', value, 14);
    expect(parse).not.toHaveBeenCalled();
    expect(t.emitted).toEqual([]);
    await t.flush();
    expect(t.emitted).toHaveLength(1);
    expect(t.emitted[0]).toMatchObject({ transport: 'xhr', method: 'POST', url: TAKEALOT_BATCH, status: 200, requestBody: [{ sku: 'A' }] });
    expect(t.emitted[0]!.responseBody).toEqual(body);
    expect(t.emitted[0]!.responseIssue).toBe(issue);
  });

  it('the page’s own calls reach the real open/send unchanged', () => {
    const { X } = xhrTap();
    const xhr = new X();
    xhr.open('GET', 'https://cdn.example.com/a.json');
    xhr.send(null);
    expect(xhr.method).toBe('GET');
    expect(xhr.url).toBe('https://cdn.example.com/a.json');
    expect(FakeXhr.sent).toEqual([xhr]);
  });

  it('an unknown host is never routed, and no listener is added', () => {
    const { t, X } = xhrTap();
    const xhr = new X();
    const add = vi.spyOn(xhr, 'addEventListener');
    xhr.open('POST', 'https://telemetry.example.com/collect');
    xhr.send('{"a":1}');
    expect(t.decide).not.toHaveBeenCalled();
    expect(add).not.toHaveBeenCalled();
  });

  it('a network error or abort (status 0) is reported as network-error, body untouched', async () => {
    const { t, X } = xhrTap();
    const xhr = new X();
    xhr.open('GET', TAKEALOT_STATUS);
    xhr.send();
    xhr.forbidRead = true;
    xhr.finish(0, '', null, 0);
    await t.flush();
    expect(t.emitted[0]).toMatchObject({ status: 0, statusText: 'network error', responseIssue: 'network-error' });
  });

  it('a response over the cap (bytes received) is refused without touching it', async () => {
    const { t, X } = xhrTap();
    for (const type of ['', 'json', 'blob'] as const) {
      const xhr = new X();
      xhr.open('GET', TAKEALOT_STATUS);
      xhr.responseType = type;
      xhr.send();
      xhr.forbidRead = true;
      xhr.finish(200, 'OK', null, MAX_BODY + 1);
      expect(xhr.reads).toBe(0);
    }
    await t.flush();
    expect(t.emitted.map((e) => e.responseIssue)).toEqual(['too-large', 'too-large', 'too-large']);
  });

  it('an arraybuffer or blob over the cap is refused by its own size', async () => {
    const { t, X } = xhrTap();
    const big = new ArrayBuffer(MAX_BODY + 1);
    for (const [type, value] of [
      ['arraybuffer', big],
      ['blob', new Blob([big])],
    ] as const) {
      const xhr = new X();
      xhr.open('GET', TAKEALOT_STATUS);
      xhr.responseType = type;
      xhr.send();
      xhr.finish(200, 'OK', value, 0);
    }
    await t.flush();
    expect(t.emitted.map((e) => e.responseIssue)).toEqual(['too-large', 'too-large']);
  });

  it('an unrecognised write is counted without reading either body', async () => {
    const { t, X } = xhrTap();
    const xhr = new X();
    xhr.open('POST', UNKNOWN_WRITE);
    xhr.send('{"query":"mutation"}');
    xhr.forbidRead = true;
    xhr.finish(200, 'OK', '{}', 2);
    await t.flush();
    expect(t.emitted[0]).toMatchObject({ responseIssue: 'not-read' });
    expect(t.emitted[0]!.requestBody).toBeUndefined();
  });

  it('a reused XHR: each request is reported once, with its own URL', async () => {
    const { t, X } = xhrTap();
    const xhr = new X();
    xhr.open('POST', TAKEALOT_BATCH);
    xhr.send('[]');
    xhr.finish(200, 'OK', '{"batch_id":1}');
    xhr.open('GET', TAKEALOT_STATUS);
    xhr.send();
    xhr.finish(200, 'OK', '{"batch_id":1,"result":[]}');
    // Opened again elsewhere before it ended: the first request's listener stays quiet.
    xhr.open('GET', TAKEALOT_STATUS);
    xhr.send();
    xhr.open('GET', 'https://cdn.example.com/x');
    xhr.send();
    xhr.finish(200, 'OK', '{}');
    await t.flush();
    expect(t.emitted.map((e) => [e.method, e.url])).toEqual([
      ['POST', TAKEALOT_BATCH],
      ['GET', TAKEALOT_STATUS],
    ]);
    expect(new Set(t.emitted.map((e) => e.captureId)).size).toBe(2);
  });

  it('a relative URL resolves against the page', async () => {
    const { t, X } = xhrTap('https://seller.makro.co.za/listings');
    const xhr = new X();
    xhr.open('POST', MAKRO_SAVE);
    xhr.send('{"listings":[]}');
    xhr.finish(200, 'OK', '{"ok":true}');
    await t.flush();
    expect(t.emitted[0]).toMatchObject({ url: `https://seller.makro.co.za${MAKRO_SAVE}`, responseBody: { ok: true } });
  });
});

describe('never into the page', () => {
  it('a page that froze fetch and XMLHttpRequest keeps its own', () => {
    const { win } = fakeWindow();
    const own = win.fetch;
    Object.defineProperty(win, 'fetch', { value: own, writable: false, configurable: false });
    class Frozen extends FakeXhr {}
    Object.freeze(Frozen.prototype);
    (win as { XMLHttpRequest: unknown }).XMLHttpRequest = Frozen;
    const openBefore = Frozen.prototype.open;
    expect(() => tap(win)).not.toThrow();
    expect(win.fetch).toBe(own);
    expect(Frozen.prototype.open).toBe(openBefore);
  });

  it('an emit that throws, or a hostile input, never reaches the page', async () => {
    const { win, calls } = fakeWindow({ fetch: async () => json({ result: [] }) });
    const t = tap(win, {
      emit: () => {
        throw new Error('boom');
      },
    });
    const hostile = {
      toString() {
        throw new Error('hostile toString');
      },
    };
    await expect(win.fetch(TAKEALOT_STATUS)).resolves.toBeInstanceOf(Response);
    await win.fetch(hostile as unknown as string);
    expect(calls[1]!.args[0]).toBe(hostile);
    await t.flush();
  });

  it('a decide that throws leaves the request alone', async () => {
    const { win, calls } = fakeWindow();
    const t = tap(win, {
      decide: () => {
        throw new Error('rule bug');
      },
    });
    await win.fetch(TAKEALOT_STATUS);
    expect(calls).toHaveLength(1);
    await t.flush();
    expect(t.emitted).toEqual([]);
  });

  it('by default the deferred work runs in a task of its own (the window’s setTimeout)', async () => {
    const { win } = fakeWindow({ fetch: async () => json({ result: [] }) });
    // The window's timer queue, run by hand: the deferred work can only run when the test runs
    // one of its tasks (no real time is waited on).
    const tasks: (() => void)[] = [];
    const delays: number[] = [];
    (win as { setTimeout: unknown }).setTimeout = (fn: () => void, ms: number) => {
      delays.push(ms);
      tasks.push(fn);
      return tasks.length;
    };
    const emitted: Exchange[] = [];
    installTap(win, { knowsHost: route.knowsHost, decide: () => 'read', emit: (e) => emitted.push(e) });
    const res = await win.fetch(TAKEALOT_STATUS);
    await res.json();
    await microtasks();
    // Everything the page's turn could run has run (its continuations, the clone's reads): nothing yet.
    expect(emitted).toEqual([]);
    expect(tasks.length).toBeGreaterThan(0);
    for (let i = 0; i < 30 && emitted.length === 0 && tasks.length > 0; i++) {
      tasks.shift()!();
      await microtasks();
    }
    expect(delays.filter((ms) => ms !== 0)).toEqual([]);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({ responseBody: { result: [] } });
  });
});

describe('the page has its answer before the tap parses it (issue #12: a matched 1 MB answer)', () => {
  /** One task: runs what was deferred so far (not what that defers in turn), then lets reads settle. */
  const step = async (t: ReturnType<typeof tap>): Promise<void> => {
    await new Promise((r) => setTimeout(r, 0));
    for (const fn of t.queue.splice(0)) fn();
    await new Promise((r) => setTimeout(r, 0));
  };

  // The tap used to parse (and post) as soon as its clone was read: in a browser that was
  // before the page's own response.json() was done, so the page waited for the tap's parse.
  it('a fetch answer is parsed only once the page has taken its own body', async () => {
    const { win } = fakeWindow({ fetch: async () => json({ result: [1] }) });
    const t = tap(win);
    const res = await win.fetch(TAKEALOT_STATUS);
    for (let i = 0; i < 5; i++) await step(t);
    expect(t.emitted).toEqual([]);
    expect(await res.json()).toEqual({ result: [1] });
    for (let i = 0; i < 3; i++) await step(t);
    expect(t.emitted).toHaveLength(1);
    expect(t.emitted[0]).toMatchObject({ responseBody: { result: [1] } });
  });

  it('an answer the page never reads is still reported, a few tasks later', async () => {
    const { win } = fakeWindow({ fetch: async () => json({ result: [2] }) });
    const t = tap(win);
    await win.fetch(TAKEALOT_STATUS);
    for (let i = 0; i < 15; i++) await step(t);
    expect(t.emitted).toHaveLength(1);
    expect(t.emitted[0]).toMatchObject({ responseBody: { result: [2] } });
  });

  it('a request body is parsed after the answer, not before', async () => {
    const { win } = fakeWindow({ fetch: async () => json({ batch_id: 1 }) });
    const t = tap(win);
    const parse = vi.spyOn(JSON, 'parse');
    const res = await win.fetch(TAKEALOT_BATCH, { method: 'POST', body: JSON.stringify({ offers: [{ sku: 'Q' }] }) });
    for (let i = 0; i < 3; i++) await step(t);
    expect(parse).not.toHaveBeenCalled();
    await res.json();
    parse.mockClear();
    await t.flush();
    expect(parse.mock.calls.map(([text]) => text)).toEqual(['{"batch_id":1}', '{"offers":[{"sku":"Q"}]}']);
    expect(t.emitted[0]).toMatchObject({ requestBody: { offers: [{ sku: 'Q' }] }, responseBody: { batch_id: 1 } });
  });
});

describe('the page leaves right after its save answered ("Save and close")', () => {
  it('a fetch whose answer the page has read is handed over synchronously at pagehide, bodies and all', async () => {
    const { win, leave } = fakeWindow({ fetch: async () => json({ batch_id: 5531207, status: 'pending' }) });
    const leaving: Exchange[] = [];
    const t = tap(win, { emitNow: (ex) => leaving.push(ex) });
    const res = await win.fetch(TAKEALOT_BATCH, { method: 'POST', body: JSON.stringify({ offers: [{ sku: 'A' }] }) });
    expect(await res.json()).toEqual({ batch_id: 5531207, status: 'pending' });
    await microtasks();
    expect(t.emitted).toHaveLength(0); // the deferred task has not run: the page navigates first
    leave();
    expect(leaving).toHaveLength(1);
    expect(leaving[0]).toMatchObject({
      method: 'POST',
      url: TAKEALOT_BATCH,
      status: 200,
      requestBody: { offers: [{ sku: 'A' }] },
      responseBody: { batch_id: 5531207, status: 'pending' },
    });
    expect(leaving[0]!.responseIssue).toBeUndefined();
    // If the page is kept (the back/forward cache) and the task runs after all: still one report.
    await t.flush();
    expect(t.emitted).toHaveLength(0);
  });

  it('an XHR that ended is handed over at pagehide; a response still streaming in is reported unreadable, not lost', async () => {
    let answer!: (r: Response) => void;
    const { win, leave } = fakeWindow({ fetch: () => new Promise<Response>((r) => (answer = r)) });
    const leaving: Exchange[] = [];
    const t = tap(win, { emitNow: (ex) => leaving.push(ex) });
    const xhr = new win.XMLHttpRequest() as unknown as FakeXhr;
    xhr.open('POST', TAKEALOT_BATCH);
    xhr.send(JSON.stringify({ offers: [] }));
    xhr.finish(200, 'OK', JSON.stringify({ ok: true }));
    // A fetch whose body never finishes arriving before the page leaves.
    void win.fetch(TAKEALOT_STATUS);
    answer(new Response(new ReadableStream({ start: () => undefined }), { status: 200 }));
    await microtasks();
    leave();
    expect(leaving.map((e) => [e.transport, e.status, e.responseIssue])).toEqual([
      ['xhr', 200, undefined],
      ['fetch', 200, 'unreadable'],
    ]);
    expect(leaving[0]!.responseBody).toEqual({ ok: true });
    expect(t.emitted).toHaveLength(0);
  });

  it('what was posted already is not posted again when the page leaves', async () => {
    const { win, leave } = fakeWindow({ fetch: async () => json({ ok: 1 }) });
    const leaving: Exchange[] = [];
    const t = tap(win, { emitNow: (ex) => leaving.push(ex) });
    await (await win.fetch(TAKEALOT_BATCH, { method: 'POST' })).json();
    await t.flush();
    expect(t.emitted).toHaveLength(1);
    leave();
    expect(leaving).toHaveLength(0);
  });

  it('without emitNow the leaving exchanges go to emit', async () => {
    const { win, leave } = fakeWindow({ fetch: async () => json({ ok: 1 }) });
    const t = tap(win);
    await (await win.fetch(TAKEALOT_BATCH, { method: 'POST' })).json();
    await microtasks();
    leave();
    expect(t.emitted).toHaveLength(1);
  });
});

describe('router.knowsHost', () => {
  it.each([
    ['seller-api.takealot.com', true],
    ['marketplace-api.takealot.com', true],
    ['seller.makro.co.za', true],
    ['admin.shopify.com', true],
    ['kudu-kicks.myshopify.com', true],
    ['sellers.takealot.com', false],
    ['myshopify.com', false],
    ['a.b.myshopify.com', false],
    ['evil-takealot.com', false],
    ['', false],
  ])('%s → %s', (host, known) => {
    expect(route.knowsHost(host)).toBe(known);
  });
});
