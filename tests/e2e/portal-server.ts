import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Route } from '@playwright/test';
import { FIXTURES, type Fixture } from '../helpers/fixtures';

/**
 * Serves the fixture portals at the real portal URLs (context.route), so the built
 * extension's match patterns, worlds and messaging all run for real. A page button
 * "arms" a fixture (GET /__sim/arm?fixture=…); the next request with that method and
 * URL gets the fixture's response. Nothing reaches the network.
 */
const PAGES = join(import.meta.dirname, 'portal');

/** Portal page hosts → the fixture page served for any of their paths. */
const PORTAL_PAGES: { match: (host: string) => boolean; page: string }[] = [
  { match: (h) => h === 'sellers.takealot.com' || h === 'seller.takealot.com', page: 'takealot.html' },
  { match: (h) => h === 'seller.makro.co.za', page: 'makro.html' },
  { match: (h) => h === 'admin.shopify.com' || h.endsWith('.myshopify.com'), page: 'shopify.html' },
];

/** Every origin the fixtures talk to: portal pages and the APIs they call. */
export const ROUTED = [
  'https://sellers.takealot.com/**',
  'https://seller.takealot.com/**',
  'https://seller-api.takealot.com/**',
  'https://marketplace-api.takealot.com/**',
  'https://seller.makro.co.za/**',
  'https://admin.shopify.com/**',
  'https://*.myshopify.com/**',
];

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

export function readFixture(name: string): Fixture {
  if (!/^[a-z]+\/[a-z0-9-]+$/.test(name)) throw new Error(`bad fixture name ${name}`);
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;
}

const TYPES: Record<string, string> = { js: 'text/javascript', css: 'text/css', html: 'text/html; charset=utf-8' };

export async function servePortals(context: BrowserContext): Promise<PortalServer> {
  const armed = new Map<string, { name: string; fixture: Fixture }[]>();
  const served: PortalServer['served'] = [];
  const answers: { method: string; url: RegExp; respond: (b: unknown, u: URL) => Fixture['response'] }[] = [];
  const arm = (name: string): Fixture => {
    const fixture = readFixture(name);
    const key = `${fixture.request.method} ${fixture.request.url}`;
    armed.set(key, [...(armed.get(key) ?? []), { name, fixture }]);
    return fixture;
  };

  const handler = async (route: Route): Promise<void> => {
    const req = route.request();
    const url = new URL(req.url());
    const origin = (await req.headerValue('origin')) ?? '*';
    const cors = {
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type, x-requested-with, fk-csrf-token, x-shopify-access-token',
      vary: 'origin',
    };
    if (req.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    if (url.pathname === '/__sim/arm') {
      try {
        const f = arm(url.searchParams.get('fixture') ?? '');
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(f.request) });
      } catch (e) {
        return route.fulfill({ status: 404, contentType: 'text/plain', body: String(e) });
      }
    }
    if (url.pathname.startsWith('/__sim/')) {
      const file = url.pathname.slice('/__sim/'.length);
      if (!/^[a-z]+\.(js|css)$/.test(file)) return route.fulfill({ status: 404 });
      return route.fulfill({
        status: 200,
        contentType: TYPES[file.split('.')[1]!] ?? 'text/plain',
        body: readFileSync(join(PAGES, file), 'utf8'),
      });
    }
    const key = `${req.method()} ${url.href}`;
    const queue = armed.get(key);
    if (queue && queue.length > 0) {
      const { name, fixture } = queue.shift()!;
      served.push({ method: req.method(), url: url.href, fixture: name });
      const r = fixture.response;
      const isJson = r.body !== undefined;
      return route.fulfill({
        status: r.status,
        headers: { ...cors, 'content-type': isJson ? 'application/json' : 'text/html' },
        body: isJson ? JSON.stringify(r.body) : (r.rawBody ?? ''),
      });
    }
    const dynamic = answers.find((a) => a.method === req.method() && a.url.test(url.href));
    if (dynamic) {
      let body: unknown;
      try {
        body = req.postDataJSON() as unknown;
      } catch {
        body = undefined;
      }
      const r = dynamic.respond(body, url);
      return route.fulfill({ status: r.status, headers: { ...cors, 'content-type': 'application/json' }, body: JSON.stringify(r.body) });
    }
    const page = PORTAL_PAGES.find((p) => p.match(url.hostname));
    if (page && req.method() === 'GET' && req.resourceType() === 'document') {
      return route.fulfill({ status: 200, contentType: 'text/html', body: readFileSync(join(PAGES, page.page), 'utf8') });
    }
    return route.fulfill({ status: 404, headers: { ...cors, 'content-type': 'application/json' }, body: '{"message":"not a fixture"}' });
  };

  for (const pattern of ROUTED) await context.route(pattern, handler);
  return { served, arm, answer: (method, url, respond) => void answers.push({ method, url, respond }) };
}
