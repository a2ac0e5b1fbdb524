import { describe, expect, it } from 'vitest';
import { readPageValue } from '@/lib/capture/page-value';
import { capture, route } from '@/lib/platforms';
import { exchangeOf, loadFixture } from '../../helpers/fixtures';

/** The Store ID the Makro page keeps (`__appData.sellerConfig.sellerId`): read alone, checked, never more. */
const WHERE = { key: '__appData', path: ['sellerConfig', 'sellerId'] } as const;
const store = (items: Record<string, string>) => ({ getItem: (k: string) => (Object.hasOwn(items, k) ? items[k]! : null) });
const appData = (x: unknown) => store({ __appData: JSON.stringify(x) });

describe('readPageValue', () => {
  it('reads the seller id and nothing beside it', () => {
    const s = appData({ sellerConfig: { sellerId: 'a3f91c0d7b2e4856', userName: 'thandi@kasikitchen.co.za', token: 'SENTINEL' } });
    expect(readPageValue(s, WHERE)).toBe('a3f91c0d7b2e4856');
  });

  it.each([
    ['no such key', store({})],
    ['not JSON', store({ __appData: '{sellerConfig:' })],
    ['an email where the id is', appData({ sellerConfig: { sellerId: 'thandi@kasikitchen.co.za' } })],
    ['a number', appData({ sellerConfig: { sellerId: 42 } })],
    ['an object', appData({ sellerConfig: { sellerId: { toString: 'x' } } })],
    ['a long string', appData({ sellerConfig: { sellerId: 'a'.repeat(65) } })],
    ['markup', appData({ sellerConfig: { sellerId: '<img src=x onerror=alert(1)>' } })],
    ['an array on the path', appData({ sellerConfig: [{ sellerId: 'a3f91c0d7b2e4856' }] })],
    ['a value only on the prototype path', store({ __appData: '{"__proto__":{"sellerConfig":{"sellerId":"a3f91c0d7b2e4856"}}}' })],
    [
      'too large to parse for one id',
      store({ __appData: JSON.stringify({ sellerConfig: { sellerId: 'a3f91c0d7b2e4856' }, pad: 'x'.repeat(300_000) }) }),
    ],
    [
      'a storage that throws',
      {
        getItem: () => {
          throw new Error('SecurityError');
        },
      },
    ],
  ])('nothing from %s', (_label, s) => {
    expect(readPageValue(s, WHERE)).toBeUndefined();
  });
});

describe('the page’s seller id in capture()', () => {
  const price = () => exchangeOf(loadFixture('makro/price-edit-success'));
  const reader = (value: string | undefined) => {
    const asked: unknown[] = [];
    const read = (where: unknown): string | undefined => {
      asked.push(where);
      return value;
    };
    return { asked, read };
  };

  it('only the Makro routes that need it ask for it', () => {
    const asks = (m: string, u: string) => {
      const r = route(m, new URL(u));
      return r?.kind === 'rule' ? r.pageStoreId : undefined;
    };
    expect(asks('POST', 'https://seller.makro.co.za/napi/listing/updateSellingPrice?userName=x')).toEqual(WHERE);
    expect(asks('POST', 'https://seller.makro.co.za/napi/createProductV2/create?vid=1')).toEqual(WHERE);
    expect(asks('POST', 'https://seller.makro.co.za/napi/createProductV2/submit')).toEqual(WHERE);
    expect(asks('POST', 'https://seller.makro.co.za/napi/sfx/updateListingsInventory?sellerId=a')).toBeUndefined();
    expect(asks('PATCH', 'https://seller-api.takealot.com/v2/offers/offer/ID1')).toBeUndefined();
  });

  it('a price edit (no sellerId in its URL) takes the Store ID the page keeps, and learns it for the tab', () => {
    const page = reader('a3f91c0d7b2e4856');
    const r = capture(price(), {}, page.read);
    expect(page.asked).toEqual([WHERE]);
    expect(r.drafts.map((d) => d.storeId)).toEqual(['a3f91c0d7b2e4856', 'a3f91c0d7b2e4856']);
    expect(r.ctx.makro).toEqual({ storeId: 'a3f91c0d7b2e4856' });
  });

  it('routes that do not need it never read the page', () => {
    const page = reader('a3f91c0d7b2e4856');
    capture(exchangeOf(loadFixture('makro/stock-edit-mixed')), {}, page.read);
    capture(exchangeOf(loadFixture('takealot/offer-update-success')), {}, page.read);
    expect(page.asked).toEqual([]);
  });

  it('a seller id claimed in the page’s message is dropped: only capture() reads the page', () => {
    const r = capture(price(), {}, undefined);
    expect(r.drafts.every((d) => d.storeId === undefined)).toBe(true);
    const forged = capture({ ...price(), pageStoreId: 'ffffffffffffffff' }, {});
    expect(JSON.stringify(forged)).not.toContain('ffffffffffffffff');
  });

  it('a value of the wrong shape from the reader is refused', () => {
    const r = capture(price(), {}, reader('thandi@kasikitchen.co.za').read);
    expect(JSON.stringify(r)).not.toContain('thandi');
  });

  it('the request’s own sellerId wins over the page’s', () => {
    const f = loadFixture('makro/product-submit-clean-kettle');
    const url = 'https://seller.makro.co.za/napi/createProductV2/submit?sellerId=a3f91c0d7b2e4856';
    const r = capture(exchangeOf(f, { url }), {}, reader('ffffffffffffffff').read);
    expect(r.drafts[0]!.storeId).toBe('a3f91c0d7b2e4856');
  });
});
