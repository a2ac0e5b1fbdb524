import { describe, expect, it } from 'vitest';
import { safeLink } from '@/lib/records/links';
import type { Platform } from '@/lib/records/record';

/**
 * Links (issue #10 item 7): a stored or built link is https on the platform's own host with a
 * known path shape (lib/platforms/<name>/identity.ts), else it is text. One test per hostile shape.
 */
const FSN = 'KTLHB4N8RZ2QX7PM';

describe('safeLink: the shapes each platform owns', () => {
  it.each([
    ['takealot', 'https://www.takealot.com/x/PLID91827364'],
    ['takealot', 'https://www.takealot.com/kasi-kicks-runner-42-black/PLID91827364'],
    ['takealot', 'https://sellers.takealot.com/single-product/884210'],
    ['makro', `https://www.makro.co.za/-/p/${FSN}?pid=${FSN}`],
    ['makro', `https://www.makro.co.za/defy-kettle/p/itm4f2a9c0d1e?pid=${FSN}`],
    ['makro', 'https://seller.makro.co.za/index.html#dashboard/listingsInProgress'],
    ['makro', 'https://seller.makro.co.za/index.html#dashboard/listings-management?listingState=ACTIVE'],
    ['makro', 'https://seller.makro.co.za/index.html#dashboard/addListings/single?requestId=9d1f3c2a-6b7e&vertical=air_purifier'],
    ['shopify', 'https://admin.shopify.com/store/ubuntu-threads/products/8123456789012'],
    ['shopify', 'https://admin.shopify.com/store/ubuntu-threads/products'],
    ['shopify', 'https://ubuntu-threads.myshopify.com/admin/products/8123456789012'],
    ['shopify', 'https://ubuntu-threads.myshopify.com/products/aa-1-4'],
  ] as [Platform, string][])('%s accepts %s as it is', (platform, url) => {
    expect(safeLink(platform, url)).toBe(url);
  });

  it.each([
    ['takealot', 'https://www.takealot.com/x/PLID91827364?utm_source=mail&sid=abc#reviews', 'https://www.takealot.com/x/PLID91827364'],
    ['takealot', 'https://WWW.TAKEALOT.COM/x/PLID91827364', 'https://www.takealot.com/x/PLID91827364'],
    ['takealot', 'https://www.takealot.com:443/x/PLID91827364', 'https://www.takealot.com/x/PLID91827364'],
    ['makro', `https://www.makro.co.za/-/p/${FSN}?next=https://evil.example&pid=${FSN}#x`, `https://www.makro.co.za/-/p/${FSN}?pid=${FSN}`],
    ['makro', `https://www.makro.co.za/-/p/${FSN}`, `https://www.makro.co.za/-/p/${FSN}`],
    [
      'makro',
      'https://seller.makro.co.za/index.html?redirect=evil#dashboard/listingsInProgress',
      'https://seller.makro.co.za/index.html#dashboard/listingsInProgress',
    ],
    [
      'shopify',
      'https://admin.shopify.com/store/ubuntu-threads/products/8123456789012?return_to=https://evil.example',
      'https://admin.shopify.com/store/ubuntu-threads/products/8123456789012',
    ],
  ] as [Platform, string, string][])('%s strips what the shape does not own: %s', (platform, url, expected) => {
    expect(safeLink(platform, url)).toBe(expected);
  });
});

describe('safeLink: hostile shapes are refused', () => {
  it.each([
    ['javascript:', 'takealot', 'javascript:alert(document.cookie)'],
    ['javascript: with a newline inside the scheme', 'takealot', 'java\nscript:alert(1)//https://www.takealot.com/x/PLID1'],
    ['data:', 'makro', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'shopify', 'blob:https://admin.shopify.com/3b1f'],
    ['plain http', 'takealot', 'http://www.takealot.com/x/PLID91827364'],
    ['protocol-relative', 'takealot', '//www.takealot.com/x/PLID91827364'],
    ['look-alike host (suffix)', 'takealot', 'https://takealot.com.evil.example/x/PLID91827364'],
    ['look-alike host (www + suffix)', 'takealot', 'https://www.takealot.com.evil.example/x/PLID91827364'],
    ['look-alike host (prefix)', 'takealot', 'https://evil-www.takealot.com/x/PLID91827364'],
    ['look-alike host (letters)', 'takealot', 'https://www.takeaIot.com/x/PLID91827364'],
    ['punycode look-alike', 'takealot', 'https://www.xn--tkealot-5ya.com/x/PLID91827364'],
    ['bare apex host', 'takealot', 'https://takealot.com/x/PLID91827364'],
    ['userinfo', 'takealot', 'https://seller@www.takealot.com/x/PLID91827364'],
    ['userinfo hiding the real host', 'takealot', 'https://www.takealot.com@evil.example/x/PLID91827364'],
    ['backslashes to another host', 'takealot', 'https:\\\\evil.example\\x\\PLID91827364'],
    ['a port', 'takealot', 'https://www.takealot.com:8443/x/PLID91827364'],
    ['right host, another page (login)', 'takealot', 'https://www.takealot.com/account/login'],
    ['right host, dot segments out of the shape', 'takealot', 'https://www.takealot.com/x/PLID1/../../account/login'],
    ['right host, encoded slash', 'takealot', 'https://www.takealot.com/x/PLID1%2F..%2Faccount'],
    ['the portal host, another page', 'takealot', 'https://sellers.takealot.com/logout'],
    ['the API host', 'takealot', 'https://seller-api.takealot.com/v2/offers/offer/ID1'],
    ['another platform’s host (Makro link on a Takealot record)', 'takealot', `https://www.makro.co.za/-/p/${FSN}?pid=${FSN}`],
    ['another platform’s host (Takealot link on a Makro record)', 'makro', 'https://www.takealot.com/x/PLID91827364'],
    ['another platform’s host (Takealot link on a Shopify record)', 'shopify', 'https://www.takealot.com/x/PLID91827364'],
    ['Makro look-alike host', 'makro', `https://www.makro.co.za.evil.example/-/p/${FSN}?pid=${FSN}`],
    ['Makro pid that is not an FSN', 'makro', `https://www.makro.co.za/-/p/${FSN}?pid=javascript:alert(1)`],
    ['Makro pid twice', 'makro', `https://www.makro.co.za/-/p/${FSN}?pid=${FSN}&pid=PRNH5UGWZEJAZDCA`],
    ['Makro portal with a hostile hash', 'makro', 'https://seller.makro.co.za/index.html#javascript:alert(1)'],
    [
      'Makro portal hash with an extra parameter',
      'makro',
      'https://seller.makro.co.za/index.html#dashboard/addListings/single?requestId=a&vertical=b&next=evil',
    ],
    ['Makro portal, another path', 'makro', 'https://seller.makro.co.za/logout#dashboard/listingsInProgress'],
    ['Shopify store login page', 'shopify', 'https://attacker-store.myshopify.com/account/login'],
    ['Shopify store account page', 'shopify', 'https://attacker-store.myshopify.com/account'],
    ['Shopify admin, another page', 'shopify', 'https://admin.shopify.com/store/ubuntu-threads/settings/apps'],
    ['Shopify /administrator', 'shopify', 'https://ubuntu-threads.myshopify.com/administrator/products/1'],
    ['Shopify look-alike host', 'shopify', 'https://admin.shopify.com.evil.example/store/x/products/1'],
    ['Shopify nested subdomain', 'shopify', 'https://a.b.myshopify.com/products/x'],
    ['Shopify product id that is not one', 'shopify', 'https://admin.shopify.com/store/ubuntu-threads/products/new'],
  ] as [string, Platform, string][])('%s', (_label, platform, url) => {
    expect(safeLink(platform, url)).toBeUndefined();
  });

  it.each([
    [undefined],
    [null],
    [42],
    [{ href: 'https://www.takealot.com/x/PLID1' }],
    [''],
    ['not a url'],
    [`https://www.takealot.com/x/PLID1?${'a'.repeat(3000)}`],
  ])('not a usable string: %#', (x) => {
    expect(safeLink('takealot', x)).toBeUndefined();
  });
});
