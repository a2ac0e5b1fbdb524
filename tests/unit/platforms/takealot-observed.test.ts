import { describe, expect, it } from 'vitest';
import { capture, route } from '@/lib/platforms';
import { checkDraft } from '@/lib/records/validate';
import { captureAll, exchangeOf, loadFixture } from '../../helpers/fixtures';

/** Takealot as its portal calls it (docs/PORTALS.md "What third parties saw…", Takealot). */
const STORE = { takealot: { storeId: '29384756' } };
const run = (path: string, ctx: Record<string, { storeId?: string }> = STORE) => capture(exchangeOf(loadFixture(`takealot/${path}`)), ctx);

describe('takealot/seller-identity from /v2/whoami', () => {
  it('seller-identity-whoami: learns only the seller id; names, email and phone reach nothing', () => {
    const [who, update] = captureAll(['takealot/seller-identity-whoami', 'takealot/offer-update-success']);
    expect(who!.drafts).toEqual([]);
    expect(who!.ctx.takealot).toEqual({ storeId: '29384756' });
    expect(update!.drafts[0]!.storeId).toBe('29384756');
    const all = JSON.stringify([who, update]);
    for (const personal of ['thandi', 'Naidoo', 'kasikicks.co.za', '555 0199', '771204']) expect(all).not.toContain(personal);
  });

  it.each([
    ['seller_id at the top', { seller_id: 29384756, email: 'a@b.co' }],
    ['sellerId at the top', { sellerId: '29384756' }],
    ['seller.id', { seller: { id: 29384756 } }],
    ['data.seller_id', { data: { seller_id: 29384756 } }],
    ['data.seller.seller_id', { data: { seller: { seller_id: 29384756 } } }],
    ['user.seller_id', { user: { seller_id: 29384756, email: 'x@y.co' } }],
  ])('accepts the seller id from %s', (_label, body) => {
    const r = capture(exchangeOf(loadFixture('takealot/seller-identity-whoami'), { responseBody: body }), {});
    expect(r.ctx.takealot).toEqual({ storeId: '29384756' });
  });

  it.each([
    ['a user id only', { user: { user_id: 771204 } }, {}],
    ['an email where the id should be', { seller_id: 'thandi@kasikicks.co.za' }, {}],
    ['a top-level id (the user, not the seller)', { id: 771204 }, {}],
    ['an error status', { seller_id: 29384756 }, { status: 401, statusText: 'Unauthorized' }],
  ])('learns nothing from %s', (_label, body, over) => {
    const r = capture(exchangeOf(loadFixture('takealot/seller-identity-whoami'), { responseBody: body, ...over }), {});
    expect(r.ctx.takealot).toBeUndefined();
  });

  it('GET /v2/seller and /1/whoami route to the same rule', () => {
    for (const u of [
      'https://seller-api.takealot.com/v2/seller',
      'https://seller-api.takealot.com/1/whoami',
      'https://seller-api.takealot.com/v2/whoami',
    ]) {
      expect(route('GET', new URL(u))).toEqual({ kind: 'rule', platform: 'takealot', name: 'takealot/seller-identity' });
    }
  });
});

describe('takealot /1/ paths', () => {
  it('offer-update-portal-path-1: an offer write through /1/ is read like /v2/, with its slug PLID link made canonical', () => {
    const r = run('offer-update-portal-path-1');
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]).toMatchObject({
      status: 'success',
      productId: '204518392',
      sku: 'KK-RUN-42-BLK',
      listingUrl: 'https://www.takealot.com/x/PLID91827364',
      changes: [
        { field: 'selling_price', value: 1199 },
        { field: 'leadtime_days', value: 3 },
      ],
    });
  });

  it.each([
    ['POST', 'https://seller-api.takealot.com/1/offers/batch', 'takealot/batch-create'],
    ['GET', 'https://seller-api.takealot.com/1/offers/batch/5531207', 'takealot/batch-status'],
    ['POST', 'https://seller-api.takealot.com/1/loadsheets/submissions', 'takealot/loadsheet-submit'],
    ['GET', 'https://seller-api.takealot.com/1/loadsheets/submissions/884213', 'takealot/loadsheet-poll'],
  ])('%s %s → %s', (method, url, name) => {
    expect(route(method, new URL(url))).toEqual({ kind: 'rule', platform: 'takealot', name });
  });

  it('a /1/ catalogue read is not a rule and not counted', () => {
    expect(route('GET', new URL('https://seller-api.takealot.com/1/catalogue/mpv/PLID91827364'))).toBeUndefined();
  });
});

describe('takealot v1 batch status as a string', () => {
  it('v1-batch-create-pending → v1-batch-status-string: items settle on the keys the create made; "failed" fails the clean item too', () => {
    const [create, status] = captureAll(['takealot/v1-batch-create-pending', 'takealot/v1-batch-status-string']);
    expect(status!.drafts.map((d) => d.key).sort()).toEqual(create!.drafts.map((d) => d.key).sort());
    expect(status!.drafts.map((d) => [d.status, d.errors.map((e) => e.code)])).toEqual([
      ['failed', ['PRICE_ABOVE_RRP']],
      ['failed', ['BATCH_FAILED']],
    ]);
  });

  it('v1-batch-status-processing: a running batch settles nothing', () => {
    const r = run('v1-batch-status-processing');
    expect(r).toMatchObject({ drafts: [], jobs: [] });
  });

  it.each([
    ['success', 'success'],
    ['Completed', 'success'],
    ['failed', 'failed'],
    ['error', 'failed'],
    ['pending', undefined],
    ['processing', undefined],
  ])('status "%s" without results → job %s', (status, job) => {
    const r = capture(exchangeOf(loadFixture('takealot/v1-batch-status-processing'), { responseBody: { batch_id: 'b-7730', status } }), {});
    expect(r.jobs.map((j) => j.status)).toEqual(job ? [job] : []);
    if (job === 'failed') expect(r.jobs[0]!.errors[0]!.message).toContain(`"${status}"`);
  });
});

describe('takealot seller_warehouse_stock', () => {
  it('v1-offer-update-warehouse-stock: the stock per warehouse is kept as a change', () => {
    const r = run('v1-offer-update-warehouse-stock');
    expect(r.drafts[0]).toMatchObject({ status: 'success', sku: 'KK-RUN-42-BLK', productId: '204518392' });
    expect(r.drafts[0]!.changes).toEqual([
      {
        field: 'seller_warehouse_stock',
        value: [
          { seller_warehouse_id: 3102, quantity_available: 14 },
          { seller_warehouse_id: 3107, quantity_available: 0 },
        ],
      },
    ]);
  });
});

describe('takealot loadsheets (hypothesis)', () => {
  it('loadsheet-submit-pending: a Pending import keyed by the submission, file name as title', () => {
    const r = run('loadsheet-submit-pending');
    expect(r.drafts).toEqual([
      {
        key: 'loadsheet:884213',
        platform: 'takealot',
        kind: 'import',
        status: 'pending',
        observedAt: expect.any(Number),
        storeId: '29384756',
        jobId: '884213',
        title: 'kasi-kicks-winter-range.xlsx',
        errors: [],
        changes: [],
      },
    ]);
  });

  it('loadsheet-submit → poll processing → poll completed with errors: Pending, unchanged, then Failed with each row reason', () => {
    const [submit, processing, done] = captureAll([
      'takealot/loadsheet-submit-pending',
      'takealot/loadsheet-poll-processing',
      'takealot/loadsheet-poll-completed-with-errors',
    ]);
    expect(processing!.drafts).toEqual([]);
    expect(done!.drafts).toHaveLength(1);
    expect(done!.drafts[0]).toMatchObject({ key: submit!.drafts[0]!.key, kind: 'import', status: 'failed', jobId: '884213' });
    expect(done!.drafts[0]!.errors).toEqual([
      { message: 'Row 7: barcode 6009801234611 already exists', code: 'DUPLICATE_BARCODE' },
      { message: 'Row 19: Main image link is not direct', code: 'IMAGE_NOT_DIRECT' },
      { message: '2 rows of the loadsheet were not imported.', code: 'LOADSHEET_ROWS_FAILED' },
    ]);
  });

  it('loadsheet-poll-success: settles the import as Success', () => {
    const [submit, done] = captureAll(['takealot/loadsheet-submit-pending', 'takealot/loadsheet-poll-success']);
    expect(done!.drafts[0]).toMatchObject({ key: submit!.drafts[0]!.key, status: 'success', errors: [] });
  });

  it('a refused upload is Failed with the portal’s message; a throttled one with a rate-limit reason', () => {
    const f = loadFixture('takealot/loadsheet-submit-pending');
    const bad = capture(
      exchangeOf(f, { status: 400, statusText: 'Bad Request', responseBody: { message: 'The file is not a Takealot loadsheet' } }),
      STORE,
    );
    expect(bad.drafts[0]).toMatchObject({
      status: 'failed',
      errors: [{ message: 'The file is not a Takealot loadsheet', code: 'HTTP_400' }],
    });
    const slow = capture(exchangeOf(f, { status: 429, statusText: 'Too Many Requests', responseBody: undefined }), STORE);
    expect(slow.drafts[0]).toMatchObject({ status: 'failed', errors: [{ code: 'RATE_LIMITED' }] });
  });

  it('an accepted upload without a recognisable id is Pending and says it cannot be followed', () => {
    const f = loadFixture('takealot/loadsheet-submit-pending');
    const r = capture(exchangeOf(f, { responseBody: { ok: true } }), STORE);
    expect(r.drafts[0]).toMatchObject({ status: 'pending', errors: [{ code: 'NO_SUBMISSION_ID' }] });
    expect(r.drafts[0]!.key).toMatch(/^cap:/);
  });

  it.each([
    ['a failed status without reasons', { status: 'Failed' }, 'failed', 'LOADSHEET_FAILED'],
    ['status as {description}', { status: { id: 4, description: 'Completed' } }, 'success', undefined],
    ['a state word', { state: 'ERROR', error_message: 'Sheet version is outdated' }, 'failed', undefined],
  ])('poll with %s', (_label, body, status, code) => {
    const f = loadFixture('takealot/loadsheet-poll-success');
    const r = capture(exchangeOf(f, { responseBody: body }), STORE);
    expect(r.drafts[0]).toMatchObject({ key: 'loadsheet:884213', status });
    if (code) expect(r.drafts[0]!.errors[0]!.code).toBe(code);
  });

  it('unknown, garbage or failed polls settle nothing and never throw', () => {
    const f = loadFixture('takealot/loadsheet-poll-success');
    for (const over of [
      { responseBody: null },
      { responseBody: 'x' },
      { responseBody: { status: 'Queued' } },
      { responseBody: { status: 7 } },
      { status: 503, statusText: 'Service Unavailable', responseBody: undefined },
    ]) {
      expect(capture(exchangeOf(f, over), STORE)).toMatchObject({ drafts: [], unrecognised: [] });
    }
  });
});

describe('takealot observed fixtures pass the background validator unchanged', () => {
  it.each([
    'offer-update-portal-path-1',
    'v1-batch-status-string',
    'v1-offer-update-warehouse-stock',
    'loadsheet-submit-pending',
    'loadsheet-poll-completed-with-errors',
    'loadsheet-poll-success',
  ])('%s', (name) => {
    const r = run(name);
    expect(r.drafts.length).toBeGreaterThan(0);
    for (const d of r.drafts) expect(checkDraft(d, Date.UTC(2030, 0, 1))).toEqual({ ok: true, value: d });
  });
});
