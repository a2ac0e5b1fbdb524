import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCaptureMessage } from '@/lib/capture/portalPage';
import { capture, PORTAL_MATCHES, route } from '@/lib/platforms';
import type { Portal } from '@/lib/platforms/capture';
import { makroPortal } from '@/lib/platforms/makro/portal';
import { makroRoutes } from '@/lib/platforms/makro/routes';
import { shopifyPortal } from '@/lib/platforms/shopify/portal';
import { shopifyRoutes } from '@/lib/platforms/shopify/routes';
import { takealotPortal } from '@/lib/platforms/takealot/portal';
import { takealotRoutes } from '@/lib/platforms/takealot/routes';
import { safeLink } from '@/lib/records/links';
import type { RecordDraft } from '@/lib/records/record';
import { checkDraft } from '@/lib/records/validate';
import { exchangeOf, FIXTURES, loadFixture } from '../../helpers/fixtures';

/**
 * One isolated content script per portal (issue #12): each runs its own platform's routes and
 * rules, and nothing of the others. Split this way, a portal's script must still do exactly what
 * the one script over every platform did on that portal's pages, and check a restored capture
 * exactly as the background does.
 */
const PORTALS: readonly [Portal, typeof takealotRoutes][] = [
  [takealotPortal, takealotRoutes],
  [makroPortal, makroRoutes],
  [shopifyPortal, shopifyRoutes],
];

const fixtures = (platform: string) =>
  readdirSync(join(FIXTURES, platform))
    .filter((f) => f.endsWith('.json'))
    .map((f) => loadFixture(`${platform}/${f.replace(/\.json$/, '')}`));

describe.each(PORTALS)('the $platform portal', (portal, routes) => {
  it('runs on its platform’s portal pages, and together the portals cover every portal page', () => {
    expect(portal.matches).toEqual(routes.portalMatches);
    expect(PORTALS.flatMap(([p]) => p.matches).sort()).toEqual([...PORTAL_MATCHES].sort());
    for (const m of portal.matches) expect(portal.isPage(new URL(m.replace('*.', 'store.').replaceAll('*', 'x')))).toBe(true);
  });

  it('routes its own fixtures as the whole table does, and no fixture of another platform', () => {
    let own = 0;
    for (const [other] of PORTALS) {
      for (const f of fixtures(other.platform)) {
        const url = new URL(f.request.url);
        const mine = portal.route(f.request.method, url);
        if (other === portal) {
          expect(mine, f.request.url).toEqual(route(f.request.method, url));
          if (mine) own += 1;
        } else expect(mine, f.request.url).toBeUndefined();
      }
    }
    expect(own).toBeGreaterThan(3);
  });

  it('makes of every fixture exactly what the rules of every platform make of it', () => {
    const list = fixtures(portal.platform);
    expect(list.length).toBeGreaterThan(3);
    for (const f of list) {
      const ex = exchangeOf(f);
      const url = new URL(ex.url);
      const mine = portal.route(ex.method, url);
      if (!mine) {
        // A fixture no route takes: the page never runs the rules on it, and they make nothing of it.
        expect(capture(ex, {}), f.scenario).toMatchObject({ drafts: [], jobs: [], unrecognised: [] });
        continue;
      }
      expect(portal.capture(ex, { url, page: new URL(ex.pageUrl), route: mine }, {}), f.scenario).toEqual(capture(ex, {}));
    }
  });

  it('carries the page-value reader only when its routes ask for a page value (Makro)', () => {
    expect(portal.readPage !== undefined).toBe(routes.routes.some((r) => r.pageStoreId !== undefined));
  });
});

describe('a restored capture is checked as the background checks it', () => {
  const NOW = Date.UTC(2026, 10, 27, 10, 30);
  const draft = (platform: RecordDraft['platform'], listingUrl: string): RecordDraft =>
    ({
      key: 'k',
      platform,
      kind: 'publish',
      status: 'success',
      observedAt: NOW - 1000,
      errors: [],
      changes: [],
      listingUrl,
    }) as RecordDraft;
  const URLS = [
    'https://www.takealot.com/x/PLID91827364?utm_source=mail#reviews',
    'https://sellers.takealot.com/single-product/884210',
    'https://takealot.com.evil.example/x/PLID91827364',
    'https://www.makro.co.za/-/p/KTLHB4N8RZ2QX7PM?next=https://evil.example&pid=KTLHB4N8RZ2QX7PM',
    'https://seller.makro.co.za/index.html#dashboard/listingsInProgress',
    'https://admin.shopify.com/store/ubuntu-threads/products/8123456789012?return_to=x',
    'https://attacker-store.myshopify.com/account/login',
    'https://ubuntu-threads.myshopify.com/products/aa-1-4',
    'javascript:alert(1)',
  ];

  it.each(PORTALS.map(([p]) => [p.platform, p] as const))(
    '%s: the portal’s own link shapes give what safeLink gives',
    (platform, portal) => {
      let kept = 0;
      for (const url of URLS) {
        const msg = { type: 'capture' as const, captureId: 'restored-0001', drafts: [draft(platform, url)], jobs: [], unrecognised: [] };
        const page = checkCaptureMessage(msg, portal, NOW);
        const background = checkDraft(draft(platform, url), NOW);
        expect(page.ok, url).toBe(background.ok);
        if (page.ok && background.ok) {
          expect(page.value.drafts[0], url).toEqual(background.value);
          expect(page.value.drafts[0]?.listingUrl).toBe(safeLink(platform, url));
          kept += 1;
        }
      }
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(URLS.length);
    },
  );
});
