import { describe, expect, it } from 'vitest';
import { capture } from '@/lib/platforms';
import { captureAll, exchangeOf, loadFixture } from '../../helpers/fixtures';

const STORE = { takealot: { storeId: '29384756' } };
const one = (path: string, ctx: Record<string, { storeId?: string }> = STORE) => {
  const r = capture(exchangeOf(loadFixture(`takealot/${path}`)), ctx);
  expect(r.drafts).toHaveLength(1);
  return r.drafts[0]!;
};

describe('takealot/seller-identity', () => {
  it('learns the Store ID from the seller identity response, used by later publishes', () => {
    const [identity, update] = captureAll(['takealot/seller-identity', 'takealot/offer-update-success']);
    expect(identity!.drafts).toEqual([]);
    expect(identity!.ctx.takealot).toEqual({ storeId: '29384756' });
    expect(update!.drafts[0]!.storeId).toBe('29384756');
  });

  it('leaves the Store ID out when no identity response was seen on the page', () => {
    expect(one('offer-update-success', {}).storeId).toBeUndefined();
  });
});

describe('takealot/v2-offer-write', () => {
  it('offer-update-success: one Success publish with ids, changes and the PLID listing link', () => {
    const d = one('offer-update-success');
    expect(d).toMatchObject({
      platform: 'takealot',
      kind: 'publish',
      status: 'success',
      errors: [],
      productId: '204518392',
      sku: 'KK-RUN-42-BLK',
      storeId: '29384756',
      draftId: '884210',
      title: 'Kasi Kicks Runner Sneaker - Black (Size 42)',
      listingUrl: 'https://www.takealot.com/x/PLID91827364',
    });
    expect(d.changes.map((c) => c.field)).toEqual(['sku', 'selling_price', 'rrp', 'leadtime_days', 'leadtime_stock']);
    expect(d.key).toMatch(/^cap:/);
  });

  it('offer-update-validation-errors: a 200 with validation errors is Failed with every message', () => {
    const d = one('offer-update-validation-errors');
    expect(d.status).toBe('failed');
    expect(d.errors).toEqual([
      { code: 'INVALID_SELLING_PRICE', message: 'Selling price cannot be greater than RRP' },
      { code: 'IMAGE_NOT_ACCESSIBLE', message: 'Invalid image: the link is not accessible' },
    ]);
    expect(d.sku).toBe('KK-RUN-43-WHT');
    expect(d.listingUrl).toBe('https://www.takealot.com/x/PLID91827365');
  });

  it('offer-create-success: POST by barcode is a Success publish', () => {
    const d = one('offer-create-success');
    expect(d).toMatchObject({
      status: 'success',
      productId: '204519001',
      sku: 'KK-SLIDE-07',
      listingUrl: 'https://www.takealot.com/x/PLID91829999',
    });
    expect(d.draftId).toBeUndefined();
  });

  it('offer-update-http-404: Failed with the body message, product id taken from the URL', () => {
    const d = one('offer-update-http-404');
    expect(d.status).toBe('failed');
    expect(d.errors).toEqual([{ message: 'Offer with identifier ID999999999 not found', code: 'HTTP_404' }]);
    expect(d.productId).toBe('999999999');
  });

  it('offer-update-http-500-html: Failed with the status text when the body is an HTML page', () => {
    const d = one('offer-update-http-500-html');
    expect(d.status).toBe('failed');
    expect(d.errors[0]).toMatchObject({ code: 'HTTP_502' });
    expect(d.errors[0]!.message).toContain('Bad Gateway');
    expect(d.productId).toBe('204518392');
  });

  it.each(['offer-update-rate-limited-429', 'offer-update-rate-limited-420'])('%s: Failed with a rate-limit reason', (f) => {
    const d = one(f);
    expect(d.status).toBe('failed');
    expect(d.errors).toHaveLength(1);
    expect(d.errors[0]!.code).toBe('RATE_LIMITED');
    expect(d.errors[0]!.message).toMatch(/wait a minute/);
  });

  it('a 2xx whose body could not be read stays Pending and says so', () => {
    const f = loadFixture('takealot/offer-update-success');
    const r = capture(exchangeOf(f, { responseBody: undefined, responseIssue: 'too-large' }), STORE);
    expect(r.drafts[0]!.status).toBe('pending');
    expect(r.drafts[0]!.errors[0]!.code).toBe('UNREADABLE_RESPONSE');
    // The tap's cap is 8 MiB (lib/capture/tap.ts MAX_BODY); the reason used to say 1 MB.
    expect(r.drafts[0]!.errors[0]!.message).toContain('(it was larger than 8 MB)');
  });

  it('an answer the page left before it could be read (Save and close) is Pending and says why', () => {
    const f = loadFixture('takealot/offer-update-success');
    const r = capture(exchangeOf(f, { responseBody: undefined, responseIssue: 'unreadable' }), STORE);
    expect(r.drafts[0]!.status).toBe('pending');
    expect(r.drafts[0]!.errors[0]!.message).toContain('(the page closed or the read failed before it arrived)');
  });

  it('a request that never completed is Failed with a network reason', () => {
    const f = loadFixture('takealot/offer-update-success');
    const r = capture(
      exchangeOf(f, { status: 0, statusText: 'network error', responseBody: undefined, responseIssue: 'network-error' }),
      STORE,
    );
    expect(r.drafts[0]!).toMatchObject({ status: 'failed', errors: [{ code: 'NETWORK_ERROR' }] });
  });

  it.each([
    'javascript:alert(1)//PLID123',
    'data:text/html,PLID123',
    'https://evil.example/x/PLID123',
    'http://www.takealot.com/x/PLID123',
  ])('no listing link is taken from an offer_url that is not https on www.takealot.com: %s', (url) => {
    const f = loadFixture('takealot/offer-update-success');
    const body = structuredClone(f.response.body) as { offer: Record<string, unknown> };
    body.offer.offer_url = url;
    const r = capture(exchangeOf(f, { responseBody: body }), STORE);
    expect(r.drafts[0]!.listingUrl).toBeUndefined();
  });

  it('a listing link is only ever the canonical https PLID URL', () => {
    const f = loadFixture('takealot/offer-update-success');
    const body = structuredClone(f.response.body) as { offer: Record<string, unknown> };
    body.offer.offer_url = 'javascript:alert(1)//PLIDx';
    const r = capture(exchangeOf(f, { responseBody: body }), STORE);
    expect(r.drafts[0]!.listingUrl).toBeUndefined();
  });
});

describe('takealot/v1 marketplace API', () => {
  it('v1-offer-update-by-sku: Success with the SKU and a link from productline_id', () => {
    const d = one('v1-offer-update-by-sku');
    expect(d).toMatchObject({
      status: 'success',
      sku: 'KK-RUN-42-BLK',
      productId: '204518392',
      listingUrl: 'https://www.takealot.com/x/PLID91827364',
    });
  });

  it('v1-offer-create-rate-limited: Failed with a rate-limit reason', () => {
    expect(one('v1-offer-create-rate-limited').errors[0]!.code).toBe('RATE_LIMITED');
  });

  it('v1-offer-update-by-barcode-400: Failed with the error detail', () => {
    const d = one('v1-offer-update-by-barcode-400');
    expect(d.status).toBe('failed');
    expect(d.errors[0]).toEqual({ message: 'selling_price must be greater than 0', code: 'HTTP_400' });
  });

  it('v1-batch-create-pending: one Pending import per item under the batch id', () => {
    const [r] = captureAll(['takealot/v1-batch-create-pending']);
    expect(r!.drafts.map((d) => [d.status, d.jobId, d.key])).toEqual([
      ['pending', 'b-7730', 'job:b-7730:barcode:6009801234598'],
      ['pending', 'b-7730', 'job:b-7730:barcode:6009801234604'],
    ]);
  });
});

describe('takealot/batch', () => {
  it('batch-create-pending: one Pending import per item sent, sharing the batch id', () => {
    const [, r] = captureAll(['takealot/seller-identity', 'takealot/batch-create-pending']);
    expect(r!.drafts).toHaveLength(3);
    for (const d of r!.drafts)
      expect(d).toMatchObject({ kind: 'import', status: 'pending', jobId: '5531207', storeId: '29384756', errors: [] });
    expect(r!.drafts.map((d) => d.sku)).toEqual(['KK-RUN-42-BLK', 'KK-RUN-43-WHT', 'KK-SLIDE-07']);
  });

  it('batch-status-mixed: settles each item by SKU onto the same record keys', () => {
    const [create, , settle] = captureAll([
      'takealot/batch-create-pending',
      'takealot/batch-status-running',
      'takealot/batch-status-mixed',
    ]);
    expect(settle!.drafts.map((d) => d.key)).toEqual(create!.drafts.map((d) => d.key));
    expect(settle!.drafts.map((d) => d.status)).toEqual(['success', 'failed', 'success']);
    expect(settle!.drafts[1]!.errors).toEqual([{ code: 'INVALID_SELLING_PRICE', message: 'Selling price cannot be greater than RRP' }]);
    expect(settle!.drafts[0]!.productId).toBe('204518392');
  });

  it('batch-status-running: a poll of a running batch settles nothing', () => {
    const [r] = captureAll(['takealot/batch-status-running']);
    expect(r!.drafts).toEqual([]);
    expect(r!.jobs).toEqual([]);
  });

  it('batch-status-failed-no-results: the whole job is settled as Failed', () => {
    const [r] = captureAll(['takealot/batch-status-failed-no-results']);
    expect(r!.jobs).toHaveLength(1);
    expect(r!.jobs[0]).toMatchObject({ platform: 'takealot', jobId: '5531207', status: 'failed' });
  });
});

describe('takealot routing', () => {
  it('an unknown write to the seller API is counted with its path template, never its body', () => {
    const r = capture(
      exchangeOf(loadFixture('takealot/offer-update-success'), {
        method: 'POST',
        url: 'https://seller-api.takealot.com/v2/promotions/77123/join',
      }),
      {},
    );
    expect(r.drafts).toEqual([]);
    expect(r.unrecognised).toEqual([
      expect.objectContaining({ platform: 'takealot', method: 'POST', endpoint: 'seller-api.takealot.com/v2/promotions/{id}/join' }),
    ]);
    expect(JSON.stringify(r.unrecognised)).not.toContain('selling_price');
  });

  it('reads of other endpoints are ignored entirely', () => {
    const r = capture(
      exchangeOf(loadFixture('takealot/offer-update-success'), { method: 'GET', url: 'https://seller-api.takealot.com/v2/sales' }),
      {},
    );
    expect(r).toMatchObject({ drafts: [], jobs: [], unrecognised: [] });
  });
});
