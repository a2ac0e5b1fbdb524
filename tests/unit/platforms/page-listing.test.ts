import { describe, expect, it } from 'vitest';
import { pageListing } from '@/lib/platforms';

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
    'https://admin.shopify.com/store/ubuntu-threads/orders/123',
    'https://ubuntu-threads.myshopify.com/products/123', // the storefront, not the admin
    'https://example.com/single-product/884210',
    'not a url',
  ])('not a listing page: %s', (url) => {
    expect(pageListing(url)).toBeUndefined();
  });
});
