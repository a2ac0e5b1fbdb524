import { describe, expect, it } from 'vitest';
import { tabsNeedingReload } from '@/lib/health';

describe('first-run health', () => {
  const tabs = [
    { id: 1, title: 'A', url: 'https://sellers.takealot.com/' },
    { id: 2, title: 'B', url: 'https://seller.makro.co.za/' },
    { id: 3, title: 'C', url: 'https://admin.shopify.com/store/x' },
  ];
  it('a tab whose content script answers is recorded; one that throws or never answers needs a reload', async () => {
    const got = await tabsNeedingReload(
      {
        portalTabs: async () => tabs,
        ping: (id) =>
          id === 1
            ? Promise.resolve({ url: 'x' })
            : id === 2
              ? Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'))
              : new Promise(() => {}),
      },
      50,
    );
    expect(got.map((t) => t.id)).toEqual([2, 3]);
  });
  it('no portal tabs: nothing to reload', async () => {
    expect(await tabsNeedingReload({ portalTabs: async () => [], ping: async () => ({}) })).toEqual([]);
  });
});
