import { describe, expect, it } from 'vitest';
import { pageListing } from '@/lib/platforms/pages';

describe('"This listing": which listing a portal page shows', () => {
  it.each([
    ['https://sellers.takealot.com/single-product/884210', { platform: 'takealot', term: '884210' }],
    ['https://admin.shopify.com/store/ubuntu-threads/products/8123456789012', { platform: 'shopify', term: '8123456789012' }],
    ['https://ubuntu-threads.myshopify.com/admin/products/8123456789012', { platform: 'shopify', term: '8123456789012' }],
    [
      'https://seller.makro.co.za/index.html#dashboard/addListings/single?requestId=RQ-77a1&vertical=kettle&vid=2258',
      { platform: 'makro', term: 'RQ-77a1' },
    ],
    [
      'https://seller.makro.co.za/index.html#dashboard/listings-management?listingId=LSTKTLHB7ZQX9RWE4N2',
      { platform: 'makro', term: 'LSTKTLHB7ZQX9RWE4N2' },
    ],
  ])('%s', (url, want) => {
    expect(pageListing(url)).toMatchObject(want);
  });

  it.each([
    'https://sellers.takealot.com/dashboard',
    'https://sellers.takealot.com/offers/abc', // a portal page, but no id in its address
    'https://admin.shopify.com/store/ubuntu-threads/orders/123',
    'https://ubuntu-threads.myshopify.com/products/123', // the storefront, not the admin
    'https://example.com/single-product/884210',
    'not a url',
  ])('not a listing page: %s', (url) => {
    expect(pageListing(url)).toBeUndefined();
  });

  it('names every id the address shows, so any of them finds the listing', () => {
    expect(pageListing('https://seller.makro.co.za/index.html#dashboard/listings-management?listingId=LSTKTLHB7ZQX9RWE4N2')).toEqual({
      platform: 'makro',
      term: 'LSTKTLHB7ZQX9RWE4N2',
      label: 'Makro listing LSTKTLHB7ZQX9RWE4N2',
      ids: ['lstktlhb7zqx9rwe4n2'],
    });
  });

  // A portal page no platform names as a listing's: its ids may still find records (shown only then).
  it.each([
    [
      'https://sellers.takealot.com/offers/edit/PLID90112233',
      { platform: 'takealot', term: 'plid90112233', ids: ['plid90112233', '90112233'] },
    ],
    ['https://admin.shopify.com/store/ubuntu-threads/products/8123456789012/variants/44012345678901', undefined],
  ])('tentative on a page no rule names: %s', (url, want) => {
    const got = pageListing(url);
    if (!want) {
      expect(got?.tentative).toBeUndefined();
      return;
    }
    expect(got).toEqual({ ...want, label: want.term, tentative: true });
  });

  it('nothing tentative outside the portals, even with ids in the address', () => {
    expect(pageListing('https://www.takealot.com/x/PLID90112233')).toBeUndefined();
    expect(pageListing('https://ubuntu-threads.myshopify.com/products/8123456789012')).toBeUndefined();
  });
});
