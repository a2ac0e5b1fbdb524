// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ListingLink } from '@/components/ListingLink';
import type { Platform } from '@/lib/records/record';
import { domRoot } from '../../helpers/dom';

const { mount } = domRoot();
const PRODUCT = 'PLID91827364';

describe('ListingLink', () => {
  it.each([
    ['takealot', 'javascript:alert(document.cookie)'],
    ['takealot', ' JaVaScRiPt:alert(1)'],
    ['takealot', 'data:text/html,<script>alert(1)</script>'],
    ['takealot', 'https://evil.example/PLID91827364'],
    ['takealot', 'https://www.takealot.com.evil.example/x'],
    ['takealot', 'https://user:pw@www.takealot.com/x'],
    ['takealot', 'http://www.takealot.com/x/PLID91827364'],
    ['takealot', '//www.takealot.com/x/PLID91827364'],
    ['takealot', 'https://www.makro.co.za/-/p/X'], // another platform's host
    ['shopify', 'https://evil.com/.myshopify.com/x'],
    ['makro', 'https://www.makro.co.za:8443/-/p/X'],
  ] as [Platform, string][])('%s %s: the Product ID is plain text, no link', async (platform, listingUrl) => {
    const el = await mount(<ListingLink record={{ platform, listingUrl, productId: PRODUCT }} />);
    expect(el.querySelector('a, [href]')).toBeNull();
    expect(el.innerHTML).not.toContain(listingUrl.trim().slice(0, 12));
    expect(el.querySelector('span.id')!.textContent).toBe(PRODUCT);
  });

  it('a bad link and no Product ID shows nothing', async () => {
    const el = await mount(<ListingLink record={{ platform: 'takealot', listingUrl: 'javascript:alert(1)' }} />);
    expect(el.innerHTML).toBe('');
  });

  it.each([
    ['takealot', 'https://www.takealot.com/x/PLID91827364'],
    ['makro', 'https://www.makro.co.za/-/p/KTLH7ZQ4MNB2WXAY?pid=KTLH7ZQ4MNB2WXAY'],
    ['shopify', 'https://admin.shopify.com/store/ubuntu-threads/products/8123456789012'],
    ['shopify', 'https://ubuntu-threads.myshopify.com/products/aa-1-4'],
  ] as [Platform, string][])('%s %s: a link to the listing that cannot reach back to the extension', async (platform, listingUrl) => {
    const el = await mount(<ListingLink record={{ platform, listingUrl, productId: PRODUCT }} />);
    const links = el.querySelectorAll('a');
    expect(links).toHaveLength(1);
    const a = links[0]!;
    expect(a.getAttribute('href')).toBe(listingUrl);
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.textContent).toBe(PRODUCT);
  });
});
