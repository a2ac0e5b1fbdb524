import { describe, expect, it } from 'vitest';
import { ALL_TIME, listPage, NO_FILTER, statusCounts } from '@/lib/db/queries';
import { writeCapture } from '@/lib/db/repo';
import { capture } from '@/lib/platforms';
import { store, testDb } from '../../helpers/db';
import { captureAll, exchangeOf, loadFixture } from '../../helpers/fixtures';

describe('record store', () => {
  it('is idempotent: the same capture written twice is one row, unchanged', async () => {
    const { db } = testDb();
    const r = capture(exchangeOf(loadFixture('takealot/offer-update-validation-errors')), {});
    const first = await writeCapture(db, r);
    const before = await db.records.toArray();
    const second = await writeCapture(db, r);
    expect(first.written).toBe(1);
    expect(second.written).toBe(0);
    expect(await db.records.toArray()).toEqual(before);
    expect(await statusCounts(db, NO_FILTER)).toEqual({ success: 0, failed: 1, pending: 0, open: 1 });
  });

  it('settles a batch: same rows, createdAt kept, syncedAt moved, history of statuses kept', async () => {
    const { db } = testDb();
    const results = captureAll(['takealot/seller-identity', 'takealot/batch-create-pending']);
    await store(db, results);
    const pending = await db.records.orderBy('id').toArray();
    expect(pending.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(await statusCounts(db, NO_FILTER)).toEqual({ success: 0, failed: 0, pending: 3, open: 0 });

    await store(db, captureAll(['takealot/batch-status-running', 'takealot/batch-status-mixed'], results[1]!.ctx));
    const settled = await db.records.orderBy('id').toArray();
    expect(settled).toHaveLength(3);
    for (const [i, r] of settled.entries()) {
      expect(r.createdAt).toBe(pending[i]!.createdAt);
      expect(r.syncedAt).toBeGreaterThan(pending[i]!.syncedAt);
      expect(r.history.map((h) => h.status)).toEqual(['pending', r.status]);
      expect(r.storeId).toBe('29384756');
      expect(r.changes.length).toBeGreaterThan(0); // what was sent survives the settle
    }
    expect(settled.map((r) => r.status).sort()).toEqual(['failed', 'success', 'success']);
    expect(await statusCounts(db, NO_FILTER)).toEqual({ success: 2, failed: 1, pending: 0, open: 1 });
  });

  it('a job failed as a whole settles every pending item of that job', async () => {
    const { db } = testDb();
    await store(db, captureAll(['takealot/batch-create-pending', 'takealot/batch-status-failed-no-results']));
    const rows = await db.records.toArray();
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    expect(rows[0]!.errors[0]!.code).toBe('BATCH_FAILED');
  });

  it('a late "still running" poll never undoes a settled result', async () => {
    const { db } = testDb();
    await store(db, captureAll(['takealot/batch-create-pending', 'takealot/batch-status-mixed']));
    const f = loadFixture('takealot/batch-create-pending');
    // The same batch acknowledgement replayed (e.g. restored from the outbox) after the result.
    await writeCapture(db, capture(exchangeOf(f, { captureId: 'replayed-0001' }), {}));
    expect((await db.records.toArray()).map((r) => r.status).sort()).toEqual(['failed', 'success', 'success']);
  });

  it('lists newest first through the facets index only, and never scans the table', async () => {
    const { db, reads } = testDb();
    await store(
      db,
      captureAll(['takealot/offer-update-success', 'takealot/offer-update-validation-errors', 'takealot/offer-create-success']),
    );
    reads.length = 0;
    const page = await listPage(db, NO_FILTER, 2);
    expect(page.rows.map((r) => r.sku)).toEqual(['KK-SLIDE-07', 'KK-RUN-43-WHT']);
    const next = await listPage(db, NO_FILTER, 2, page.next);
    expect(next.rows.map((r) => r.sku)).toEqual(['KK-RUN-42-BLK']);
    expect(next.next).toBeUndefined();
    const failed = await listPage(db, { ...NO_FILTER, status: 'failed' }, 50);
    expect(failed.rows.map((r) => r.sku)).toEqual(['KK-RUN-43-WHT']);
    const bySku = await listPage(db, { ...NO_FILTER, q: 'kk-run-4' }, 50);
    expect(bySku.rows.map((r) => r.sku)).toEqual(['KK-RUN-43-WHT', 'KK-RUN-42-BLK']);
    const recordReads = reads.filter((r) => r.table === 'records');
    expect(recordReads.length).toBeGreaterThan(0);
    for (const r of recordReads) expect(r.index === '' ? r.range : ['facets', 'ids'].includes(r.index) && r.range).toBe(true);
  });

  it('time ranges bound the list', async () => {
    const { db } = testDb();
    const results = captureAll(['takealot/offer-update-success', 'takealot/offer-create-success']);
    await store(db, results);
    const t = results[1]!.drafts[0]!.observedAt;
    expect((await listPage(db, { ...NO_FILTER, from: t, to: ALL_TIME.to })).rows.map((r) => r.sku)).toEqual(['KK-SLIDE-07']);
    expect((await listPage(db, { ...NO_FILTER, from: 0, to: t - 1 })).rows.map((r) => r.sku)).toEqual(['KK-RUN-42-BLK']);
  });
});

describe('a new attempt after a failure', () => {
  it('a Makro draft submitted again after a failed submit is Pending (in QC) again, with every status kept', async () => {
    const { db } = testDb();
    const create = loadFixture('makro/product-draft-create-air-purifier');
    const failed = loadFixture('makro/product-submit-errors-air-purifier');
    // The seller fixes the attributes and submits the same draft again: this time it goes to QC.
    const clean = structuredClone(failed);
    clean.response.body = { requestId: (failed.response.body as { requestId?: string }).requestId, errorDetails: { globalErrors: [] } };
    let ctx = {};
    for (const ex of [exchangeOf(create), exchangeOf(failed), exchangeOf(clean)]) {
      const r = capture(ex, ctx);
      ctx = r.ctx;
      await writeCapture(db, r);
    }
    const rows = await db.records.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('pending');
    expect(rows[0]!.errors).toEqual([]);
    expect(rows[0]!.history.map((h) => h.status)).toEqual(['pending', 'failed', 'pending']);
  });
});

describe('unrecognised operations', () => {
  // Regression: records were idempotent but this counter was not; the content script
  // re-sends a capture whose ack was lost (worker stopped after the commit).
  it('a capture sent twice is counted once; two captures of the same endpoint count twice', async () => {
    const { db } = testDb();
    const f = loadFixture('shopify/unknown-mutation');
    const first = capture(exchangeOf(f), {});
    await writeCapture(db, first);
    await writeCapture(db, first);
    expect((await db.unrecognised.toArray()).map((r) => r.count)).toEqual([1]);
    await writeCapture(db, capture(exchangeOf(f), {}));
    expect((await db.unrecognised.toArray()).map((r) => r.count)).toEqual([2]);
  });
});
