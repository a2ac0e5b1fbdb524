import { describe, expect, it } from 'vitest';
import { portalPlatform, type Sender, senderChecks } from '@/lib/background/senders';
import { PLATFORM_ROUTES } from '@/lib/platforms/routes';

/**
 * The background decides which platform a tab speaks for from the portal match patterns
 * (lib/platforms/portalPages.ts, the lists the routing table and the manifest take too) without
 * loading the routing table (issue #12). A portal page it missed would have its captures
 * refused; a page it took wrongly would be trusted to speak for a platform it is not.
 */
describe('portalPlatform', () => {
  it('knows every page of every platform in the routing table (a new platform is a portal page here too)', () => {
    for (const { platform, portalMatches } of PLATFORM_ROUTES)
      for (const m of portalMatches) expect(portalPlatform(m.replace('*.', 'store.').replaceAll('*', 'x')), m).toBe(platform);
  });

  it.each([
    ['https://sellers.takealot.com/offers', 'takealot'],
    ['https://seller.takealot.com/', 'takealot'],
    ['https://seller.makro.co.za/index.html#dashboard/listingsInProgress', 'makro'],
    ['https://admin.shopify.com/store/kk-running/products/1', 'shopify'],
    ['https://kk-running.myshopify.com/admin', 'shopify'],
    ['https://kk-running.myshopify.com/admin?tab=1', 'shopify'],
    ['https://kk-running.myshopify.com/admin/products/1', 'shopify'],
  ] as const)('%s is a %s portal page', (url, platform) => {
    expect(portalPlatform(url)).toBe(platform);
  });

  it.each([
    'http://sellers.takealot.com/offers', // not https
    'https://sellers.takealot.com.evil.example/offers', // a look-alike host
    'https://evil.example/?https://sellers.takealot.com/',
    'https://www.takealot.com/solar-lamp/PLID1', // the shop, not the portal
    'https://seller-api.takealot.com/v2/offers', // the API, not a page
    'https://www.makro.co.za/-/p/itm123',
    'https://admin.shopify.com/login', // not a store's admin
    'https://kk-running.myshopify.com/administrator', // issue #10: `/admin*` also matched this
    'https://kk-running.myshopify.com/collections/all', // the storefront
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop/sidepanel.html',
    'not a url',
    '',
    undefined,
  ])('%s is no portal page', (url) => {
    expect(portalPlatform(url)).toBeUndefined();
  });
});

describe('senderChecks', () => {
  const ID = 'abcdefghijklmnopabcdefghijklmnop';
  const { portalTabPlatform, fromExtensionPage } = senderChecks(ID, `chrome-extension://${ID}`);
  const tab = (url: string, over: Partial<Sender> = {}): Sender => ({ id: ID, url, tab: { id: 3 }, frameId: 0, ...over });

  it('a portal tab’s top frame speaks for its portal’s platform only', () => {
    expect(portalTabPlatform(tab('https://sellers.takealot.com/offers'))).toBe('takealot');
    expect(portalTabPlatform(tab('https://seller.makro.co.za/index.html'))).toBe('makro');
    expect(portalTabPlatform(tab('https://admin.shopify.com/store/kk/products'))).toBe('shopify');
  });

  it('a frame, another extension, a sender without a tab or a page that is not a portal speaks for none', () => {
    expect(portalTabPlatform(tab('https://sellers.takealot.com/offers', { frameId: 2 }))).toBeUndefined();
    expect(portalTabPlatform(tab('https://sellers.takealot.com/offers', { id: 'another-extension' }))).toBeUndefined();
    expect(portalTabPlatform(tab('https://sellers.takealot.com/offers', { tab: undefined }))).toBeUndefined();
    expect(portalTabPlatform(tab('https://kk.myshopify.com/administrator'))).toBeUndefined();
    expect(fromExtensionPage(tab('https://sellers.takealot.com/offers'))).toBe(false);
    expect(fromExtensionPage({ id: ID, url: `chrome-extension://${ID}/sidepanel.html` })).toBe(true);
  });
});
