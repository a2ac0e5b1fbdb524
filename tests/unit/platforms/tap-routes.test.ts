import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES as MAKRO, makroTap } from '@/lib/platforms/makro/routes';
import { PLATFORM_ROUTES, route } from '@/lib/platforms/routes';
import { createTapRouter, type PlatformMatch } from '@/lib/platforms/routing';
import { ROUTES as SHOPIFY, shopifyTap } from '@/lib/platforms/shopify/routes';
import { ROUTES as TAKEALOT, takealotTap } from '@/lib/platforms/takealot/routes';
import { tapRouter } from '@/lib/platforms/tapRoutes';
import { FIXTURES, loadFixture } from '../../helpers/fixtures';

/**
 * The MAIN-world tap loads only the match half of the routing table (lib/platforms/tapRoutes.ts):
 * its decision must be the full router's for every request, or the tap would read what no rule
 * takes, or miss what one does.
 */

const FIXTURE_REQUESTS = ['takealot', 'makro', 'shopify'].flatMap((platform) =>
  readdirSync(join(FIXTURES, platform))
    .filter((f) => f.endsWith('.json'))
    .map((f) => loadFixture(`${platform}/${f.replace(/\.json$/, '')}`).request),
);

/** Requests next to the routes: other methods, paths one segment off, look-alike hosts, other services. */
const NEAR_MISSES: [string, string][] = [
  ['GET', 'https://seller-api.takealot.com/v2/offers/offer/123'],
  ['PUT', 'https://seller-api.takealot.com/v2/offers/offer/123'],
  ['PATCH', 'https://seller-api.takealot.com/v2/offers/offer/123/extra'],
  ['PATCH', 'https://marketplace-api.takealot.com/v1/offers/batch'],
  ['PATCH', 'https://marketplace-api.takealot.com/v1/offers/by_sku/KK-1'],
  ['POST', 'https://marketplace-api.takealot.com/v1/offers/by_sku/KK-1'],
  ['POST', 'https://seller-api.takealot.com/v3/offers/batch'],
  ['GET', 'https://seller-api.takealot.com/v2/offers/batch/1/2'],
  ['DELETE', 'https://seller-api.takealot.com/v2/promotions/42'],
  ['GET', 'https://seller-api.takealot.com/v2/sales'],
  ['POST', 'https://seller-api.takealot.com.evil.example/v2/offers/batch'],
  ['POST', 'https://sellers.takealot.com/v2/offers/batch'],
  ['GET', 'https://seller-api.takealot.com/v2/loadsheets/submissions/9'],
  ['POST', 'https://seller.makro.co.za/napi/listing/create-update-listings/x'],
  ['GET', 'https://seller.makro.co.za/napi/listing/create-update-listings'],
  ['POST', 'https://seller.makro.co.za/napi/listing/searchListings'],
  ['POST', 'https://seller.makro.co.za/napi/scf/uploadImage'],
  ['POST', 'https://seller.makro.co.za/napi/listing/somethingNew'],
  ['POST', 'https://seller.makro.co.za/api/listing/create-update-listings'],
  ['GET', 'https://seller.makro.co.za/napi/listing/inProgressSingle'],
  ['PUT', 'https://seller.makro.co.za/napi/sfx/updateSellingPrice'],
  ['POST', 'https://admin.shopify.com/api/shopify/kudu-kicks?operation=ProductUpdate&type=mutation'],
  ['POST', 'https://admin.shopify.com/api/shopify/kudu-kicks?operation=ProductsList&type=query'],
  ['POST', 'https://admin.shopify.com/api/shopify/kudu-kicks?operation=ProductOperation&type=query'],
  ['POST', 'https://admin.shopify.com/api/operations/0123456789abcdef0123/ProductSave/shopify/kudu-kicks'],
  ['POST', 'https://admin.shopify.com/api/operations/0123456789abcdef0123/ProductSave/some-app/kudu-kicks'],
  ['GET', 'https://admin.shopify.com/api/operations/0123456789abcdef0123/ProductOperation/shopify/kudu-kicks'],
  ['GET', 'https://admin.shopify.com/api/operations/0123456789abcdef0123/ProductsList/shopify/kudu-kicks'],
  ['POST', 'https://kudu-kicks.myshopify.com/admin/internal/web/graphql/core'],
  ['POST', 'https://kudu-kicks.myshopify.com/admin/api/2025-01/graphql.json'],
  ['POST', 'https://kudu-kicks.myshopify.com/admin/api/2025-01/products.json'],
  ['POST', 'https://kudu-kicks.myshopify.com/cart/add.js'],
  ['POST', 'https://a.b.myshopify.com/admin/internal/web/graphql/core'],
  ['POST', 'https://myshopify.com/admin/internal/web/graphql/core'],
  ['POST', 'https://admin.shopify.com/admin/api/unstable/graphql.json'],
  ['POST', 'https://admin.shopify.com/monorail/produce'],
  ['POST', 'https://cdn.example.com/v2/offers/batch'],
];

const kind = (method: string, url: string): string => {
  const r = route(method, new URL(url));
  return r ? (r.kind === 'rule' ? 'read' : 'count') : 'none';
};
const tapKind = (method: string, url: string): string => tapRouter.decide(method.toUpperCase(), new URL(url)) ?? 'none';

describe('the tap decides as the full router does', () => {
  it.each(FIXTURE_REQUESTS.map((r) => [r.method, r.url] as const))('fixture %s %s', (method, url) => {
    expect(tapKind(method, url)).toBe(kind(method, url));
  });

  it.each(NEAR_MISSES)('near miss %s %s', (method, url) => {
    expect(tapKind(method, url)).toBe(kind(method, url));
  });

  it('the requests cover reading, counting and leaving alone', () => {
    const all = [...FIXTURE_REQUESTS.map((r) => [r.method, r.url] as const), ...NEAR_MISSES];
    expect(new Set(all.map(([m, u]) => kind(m, u)))).toEqual(new Set(['read', 'count', 'none']));
  });

  it('knows the same hosts', () => {
    for (const host of [
      'seller-api.takealot.com',
      'seller.makro.co.za',
      'admin.shopify.com',
      'x.myshopify.com',
      'sellers.takealot.com',
      'a.b.myshopify.com',
    ])
      expect(tapRouter.knowsHost(host)).toBe(route.knowsHost(host));
  });
});

describe('one set of patterns', () => {
  const pairs: [string, PlatformMatch, Record<string, { methods: readonly string[]; host?: RegExp | undefined; path: RegExp }>][] = [
    ['takealot', takealotTap, TAKEALOT],
    ['makro', makroTap, MAKRO],
    ['shopify', shopifyTap, SHOPIFY],
  ];
  it.each(pairs)('%s: the tap has every named route, in order, with the same patterns', (_, tap, named) => {
    const specs = Object.values(named);
    expect(specs.length).toBeGreaterThan(0);
    expect(tap.routes).toHaveLength(specs.length);
    tap.routes.forEach((m, i) => {
      expect(specs[i]!.host).toBe(m.host);
      expect(specs[i]!.path).toBe(m.path);
      expect(specs[i]!.methods).toBe(m.methods);
    });
  });

  it('the full table is the tap table plus names, platform by platform', () => {
    expect(PLATFORM_ROUTES.map((p) => p.platform)).toEqual(['takealot', 'makro', 'shopify']);
    for (const p of PLATFORM_ROUTES) for (const r of p.routes) expect(r.name.startsWith(`${p.platform}/`)).toBe(true);
  });

  // The comparison itself can fail: a tap table missing a route decides otherwise.
  it('a tap table without a route disagrees with the router', () => {
    const partial = createTapRouter([{ ...takealotTap, routes: takealotTap.routes.slice(1) }]);
    expect(partial.decide('GET', new URL('https://seller-api.takealot.com/v2/seller'))).toBeUndefined();
    expect(kind('GET', 'https://seller-api.takealot.com/v2/seller')).toBe('read');
  });
});
