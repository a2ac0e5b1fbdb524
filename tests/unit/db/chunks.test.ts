import { describe, expect, it } from 'vitest';
import { ALL_TIME, statusCounts } from '@/lib/db/queries';
import { CALL_ROWS, writeCapture } from '@/lib/db/repo';
import { recordId } from '@/lib/records/id';
import type { RecordDraft } from '@/lib/records/record';
import { failWrites, recountStats, testDb, wrapTables } from '../../helpers/db';

/**
 * Issue #12 item 5: a big capture is written a chunk of drafts per transaction, yielding
 * between them. Whole, counted once, resolved as one write would be, and a failure mid-way
 * loses nothing and double-counts nothing once the capture is sent again.
 */
const T = Date.UTC(2026, 10, 27, 9);
const JOB = '987654321';

const item = (i: number, over: Partial<RecordDraft> = {}): RecordDraft => ({
  key: `job:${JOB}:sku:BIG-${String(i).padStart(5, '0')}`,
  platform: 'takealot',
  kind: 'import',
  status: 'pending',
  observedAt: T,
  errors: [],
  changes: [{ field: 'selling_price', value: 100 + (i % 900) }],
  storeId: '1001',
  jobId: JOB,
  sku: `BIG-${String(i).padStart(5, '0')}`,
  ...over,
});

const settled = (i: number): RecordDraft =>
  item(i, {
    observedAt: T + 60_000,
    status: i % 10 === 0 ? 'failed' : 'success',
    errors: i % 10 === 0 ? [{ message: 'Selling price cannot be greater than RRP', code: 'INVALID_SELLING_PRICE' }] : [],
    changes: [],
    productId: String(700000000 + i),
  });

/** An earlier failed publish of item i's SKU (another Record ID, the same listing). */
const earlierFailure = (i: number): RecordDraft => ({
  key: `offer:${700000000 + i}`,
  platform: 'takealot',
  kind: 'publish',
  status: 'failed',
  observedAt: T - 3_600_000,
  errors: [{ message: 'Price below minimum' }],
  changes: [],
  storeId: '1001',
  productId: String(700000000 + i),
});

/**
 * Counts the transactions that wrote records (one per chunk), and the most rows one call
 * wrote or read (the browser keys each row on the calling thread: a call is one task).
 */
function countRecordWrites(db: ReturnType<typeof testDb>['db']): { n: number; maxPut: number; maxGet: number } {
  const writes = { n: 0, maxPut: 0, maxGet: 0 };
  const seen = new WeakSet<object>();
  wrapTables(db, 'count-writes', (name, t) => ({
    ...t,
    mutate: (req) => {
      if (name === 'records' && req.type === 'put') {
        if (!seen.has(req.trans)) writes.n += 1;
        seen.add(req.trans);
        writes.maxPut = Math.max(writes.maxPut, req.values.length);
      }
      return t.mutate(req);
    },
    getMany: (req) => {
      if (name === 'records') writes.maxGet = Math.max(writes.maxGet, req.keys.length);
      return t.getMany(req);
    },
  }));
  return writes;
}

describe('a big capture, written in chunks', () => {
  it('writes a 10,000-item batch whole, pending and then settled, in chunks; counts equal a recount; earlier failures fixed', async () => {
    const { db } = testDb();
    const writes = countRecordWrites(db);
    const N = 10_000;
    // Two earlier failures of listings in the batch: item 1 settles as a success (fixes it),
    // item 20 as a failure (the next attempt: supersedes it).
    await writeCapture(db, { drafts: [earlierFailure(1), earlierFailure(20)], jobs: [], unrecognised: [] });
    writes.n = 0;

    const created = await writeCapture(db, { drafts: Array.from({ length: N }, (_, i) => item(i)), jobs: [], unrecognised: [] });
    expect(created.written).toBe(N);
    expect(writes.n).toBe(10); // 1,000 drafts a transaction
    // …read and written CALL_ROWS rows a call (1,000 in one call held the worker 100–250 ms).
    expect(writes.maxPut).toBe(CALL_ROWS);
    expect(writes.maxGet).toBe(CALL_ROWS);
    expect(await statusCounts(db, { q: '', platform: 'takealot', status: '*', ...ALL_TIME })).toMatchObject({ pending: N, failed: 2 });

    const done = await writeCapture(db, { drafts: Array.from({ length: N }, (_, i) => settled(i)), jobs: [], unrecognised: [] });
    expect(done.written).toBeGreaterThanOrEqual(N);
    expect(await db.records.count()).toBe(N + 2);
    expect(await statusCounts(db, { q: '', platform: 'takealot', status: '*', ...ALL_TIME })).toEqual({
      success: N - N / 10,
      failed: N / 10 + 2,
      pending: 0,
      open: N / 10 + 0, // every batch failure is open; the earlier failure of item 20 is superseded
    });
    const stats = (await db.stats.toArray()).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    expect(stats).toEqual(await recountStats(db));
    const fixed = await db.records.get(recordId('takealot', 'offer:700000001'));
    expect(fixed?.fixedBy).toBe(recordId('takealot', `job:${JOB}:sku:BIG-00001`));
    const superseded = await db.records.get(recordId('takealot', 'offer:700000020'));
    expect(superseded?.supersededBy).toBe(recordId('takealot', `job:${JOB}:sku:BIG-00020`));
  }, 300_000);

  it('a failure mid-way keeps the chunks before it; the resend writes the rest and counts nothing twice', async () => {
    const { db } = testDb();
    const N = 2_500;
    const chunks: object[] = [];
    const full = { on: false };
    // Storage fills up at the third chunk's records (the chunk's transaction: its rows go in several calls).
    failWrites(db, (name, req) => {
      if (name !== 'records' || req.type !== 'put' || !full.on) return undefined;
      if (!chunks.includes(req.trans)) chunks.push(req.trans);
      return chunks.indexOf(req.trans) === 2 ? new DOMException('The quota has been exceeded.', 'QuotaExceededError') : undefined;
    });
    await writeCapture(db, { drafts: Array.from({ length: N }, (_, i) => item(i)), jobs: [], unrecognised: [] });
    full.on = true;
    const settle = Array.from({ length: N }, (_, i) => settled(i));
    await expect(writeCapture(db, { drafts: settle, jobs: [], unrecognised: [] }, { chunk: 500 })).rejects.toThrow(/quota/);
    // Chunks 1 and 2 committed, and chunk 4 (opened while chunk 3 ran); 3 and 5 are still
    // pending. The counts match the rows.
    expect(await statusCounts(db, { q: '', platform: 'takealot', status: '*', ...ALL_TIME })).toMatchObject({ pending: 1_000 });
    expect(await db.stats.toArray().then((s) => s.sort((a, b) => (a.key < b.key ? -1 : 1)))).toEqual(await recountStats(db));

    full.on = false;
    const again = await writeCapture(db, { drafts: settle, jobs: [], unrecognised: [] }, { chunk: 500 });
    expect(again.written).toBe(1_000); // the committed chunks merge to themselves: no change
    expect(await statusCounts(db, { q: '', platform: 'takealot', status: '*', ...ALL_TIME })).toEqual({
      success: N - N / 10,
      failed: N / 10,
      pending: 0,
      open: N / 10,
    });
    expect(await db.stats.toArray().then((s) => s.sort((a, b) => (a.key < b.key ? -1 : 1)))).toEqual(await recountStats(db));
    expect(await db.records.count()).toBe(N);
  }, 120_000);

  it('a job result settles a big job a chunk at a time, every item once', async () => {
    const { db } = testDb();
    const writes = countRecordWrites(db);
    const N = 2_500;
    await writeCapture(db, { drafts: Array.from({ length: N }, (_, i) => item(i)), jobs: [], unrecognised: [] });
    writes.n = 0;
    const res = await writeCapture(
      db,
      {
        drafts: [],
        jobs: [
          {
            platform: 'takealot',
            jobId: JOB,
            status: 'failed',
            observedAt: T + 60_000,
            errors: [{ message: 'Batch failed', code: 'BATCH_FAILED' }],
          },
        ],
        unrecognised: [],
      },
      { chunk: 1_000 },
    );
    expect(res.written).toBe(N);
    expect(writes.n).toBe(3);
    expect(writes.maxPut).toBe(CALL_ROWS);
    expect(writes.maxGet).toBe(CALL_ROWS);
    expect(await statusCounts(db, { q: '', platform: 'takealot', status: '*', ...ALL_TIME })).toEqual({
      success: 0,
      failed: N,
      pending: 0,
      open: N,
    });
    expect(await db.stats.toArray().then((s) => s.sort((a, b) => (a.key < b.key ? -1 : 1)))).toEqual(await recountStats(db));
  }, 120_000);
});
