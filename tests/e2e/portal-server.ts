import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Route } from '@playwright/test';
import { FIXTURES, type Fixture } from '../helpers/fixtures';

/**
 * Serves the fixture portals at the real portal URLs, so the built extension's match
 * patterns, worlds and messaging all run for real. A page button "arms" a fixture
 * (GET /__sim/arm?fixture=…); the next request with that method and URL gets the
 * fixture's response. Nothing reaches the network.
 *
 * `createPortals()` is the one source of answers for both browsers: the Chromium suite
 * plugs it into Playwright's context.route (servePortals below), the Firefox suite into
 * Puppeteer's request interception (tests/firefox/harness.ts).
 */
const PAGES = join(import.meta.dirname, 'portal');

/** Portal page hosts → the fixture page served for any of their paths. */
const PORTAL_PAGES: { match: (host: string) => boolean; page: string }[] = [
  { match: (h) => h === 'sellers.takealot.com' || h === 'seller.takealot.com', page: 'takealot.html' },
  { match: (h) => h === 'seller.makro.co.za', page: 'makro.html' },
  { match: (h) => h === 'admin.shopify.com' || h.endsWith('.myshopify.com'), page: 'shopify.html' },
];

/** Every host the fixtures talk to: portal pages and the APIs they call. */
const HOSTS = [
  'sellers.takealot.com',
  'seller.takealot.com',
  'seller-api.takealot.com',
  'marketplace-api.takealot.com',
  'seller.makro.co.za',
  'admin.shopify.com',
  '*.myshopify.com',
];

/** The same hosts as Playwright route patterns. */
export const ROUTED = HOSTS.map((h) => `https://${h}/**`);

/** Whether a URL is one the fixtures answer (Puppeteer's interception sees every request). */
export function isRouted(url: URL): boolean {
  return url.protocol === 'https:' && HOSTS.some((h) => (h.startsWith('*.') ? url.hostname.endsWith(h.slice(1)) : url.hostname === h));
}

/** A request as either browser's interception sees it. */
export interface PortalRequest {
  method: string;
  url: string;
  /** The Origin header, when the request has one. */
  origin?: string | undefined;
  /** The request body as sent, when there is one. */
  postData?: string | undefined;
  /** A top-level or frame navigation (a document load). */
  isDocument: boolean;
}

export interface PortalResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface PortalServer {
  /** Requests served from fixtures, in order (method, url, fixture). */
  served: { method: string; url: string; fixture: string }[];
  /** Arms a fixture from the test itself (what a page button does). */
  arm(name: string): Fixture;
  /**
   * Answers every unarmed request matching `method` and `url` with `respond(body)`: for load
   * tests that make thousands of distinct requests.
   */
  answer(method: string, url: RegExp, respond: (requestBody: unknown, url: URL) => Fixture['response']): void;
}

export interface Portals extends PortalServer {
  /** The answer to one intercepted request. */
  respond(req: PortalRequest): PortalResponse;
}

export function readFixture(name: string): Fixture {
  if (!/^[a-z]+\/[a-z0-9-]+$/.test(name)) throw new Error(`bad fixture name ${name}`);
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;
}

const TYPES: Record<string, string> = { js: 'text/javascript', css: 'text/css', html: 'text/html; charset=utf-8' };

/** The fixture portals, independent of the browser that asks. */
export function createPortals(): Portals {
  const armed = new Map<string, { name: string; fixture: Fixture }[]>();
  const served: PortalServer['served'] = [];
  const answers: { method: string; url: RegExp; respond: (b: unknown, u: URL) => Fixture['response'] }[] = [];
  const arm = (name: string): Fixture => {
    const fixture = readFixture(name);
    const key = `${fixture.request.method} ${fixture.request.url}`;
    armed.set(key, [...(armed.get(key) ?? []), { name, fixture }]);
    return fixture;
  };

  const respond = (req: PortalRequest): PortalResponse => {
    const url = new URL(req.url);
    const cors = {
      'access-control-allow-origin': req.origin ?? '*',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type, x-requested-with, fk-csrf-token, x-shopify-access-token',
      vary: 'origin',
    };
    const json = (status: number, body: unknown): PortalResponse => ({
      status,
      headers: { ...cors, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = (status: number, type: string, body: string): PortalResponse => ({ status, headers: { 'content-type': type }, body });
    if (req.method === 'OPTIONS') return { status: 204, headers: cors, body: '' };
    if (url.pathname === '/__sim/arm') {
      try {
        return json(200, arm(url.searchParams.get('fixture') ?? '').request);
      } catch (e) {
        return text(404, 'text/plain', String(e));
      }
    }
    if (url.pathname.startsWith('/__sim/')) {
      const file = url.pathname.slice('/__sim/'.length);
      if (!/^[a-z]+\.(js|css)$/.test(file)) return text(404, 'text/plain', '');
      return text(200, TYPES[file.split('.')[1]!] ?? 'text/plain', readFileSync(join(PAGES, file), 'utf8'));
    }
    const queue = armed.get(`${req.method} ${url.href}`);
    if (queue && queue.length > 0) {
      const { name, fixture } = queue.shift()!;
      served.push({ method: req.method, url: url.href, fixture: name });
      const r = fixture.response;
      if (r.body !== undefined) return json(r.status, r.body);
      return { status: r.status, headers: { ...cors, 'content-type': 'text/html' }, body: r.rawBody ?? '' };
    }
    const dynamic = answers.find((a) => a.method === req.method && a.url.test(url.href));
    if (dynamic) {
      let body: unknown;
      try {
        body = req.postData === undefined ? undefined : (JSON.parse(req.postData) as unknown);
      } catch {
        body = undefined;
      }
      const r = dynamic.respond(body, url);
      return json(r.status, r.body);
    }
    const page = PORTAL_PAGES.find((p) => p.match(url.hostname));
    if (page && req.method === 'GET' && req.isDocument) {
      return text(200, 'text/html', readFileSync(join(PAGES, page.page), 'utf8'));
    }
    return json(404, { message: 'not a fixture' });
  };

  return { served, arm, answer: (method, url, r) => void answers.push({ method, url, respond: r }), respond };
}

/** The fixture portals behind a Playwright (Chromium) context. */
export async function servePortals(context: BrowserContext): Promise<PortalServer> {
  const portals = createPortals();
  const handler = async (route: Route): Promise<void> => {
    const req = route.request();
    const r = portals.respond({
      method: req.method(),
      url: req.url(),
      origin: (await req.headerValue('origin')) ?? undefined,
      postData: req.postData() ?? undefined,
      isDocument: req.resourceType() === 'document',
    });
    return route.fulfill({ status: r.status, headers: r.headers, body: r.body });
  };
  for (const pattern of ROUTED) await context.route(pattern, handler);
  return portals;
}
