import { describe, expect, it, vi } from 'vitest';
import { clearHistory, importRecords, pruneOlderThan, rollbackImport } from '@/lib/db/maintenance';
import { type Cursor, listPage, NO_FILTER, statusCounts } from '@/lib/db/queries';
import { writeCapture } from '@/lib/db/repo';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { isOpenFailure } from '@/lib/records/listing';
import type { ExportedRecord } from '@/lib/records/record';
import { csvHeader, csvLine, jsonClose, jsonOpen, jsonRecord, toExported } from '@/lib/transfer/exportFile';
import { readExport } from '@/lib/transfer/importFile';
import { failWrites, recountStats, store, testDb } from '../../helpers/db';
import { captureAll } from '../../helpers/fixtures';
import { byId, drafts, HOUR, recordsOf, seed, snapshot, T0 } from '../../helpers/records';

const NOW = Date.UTC(2026, 10, 27, 12);
const exportJsonOf = (records: ExportedRecord[]): string => jsonOpen(NOW) + records.map((r, i) => jsonRecord(r, i)).join('') + jsonClose();
const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

async function expectStatsConsistent(db: SyncHistoryDB): Promise<void> {
  expect(await db.stats.orderBy('key').toArray()).toEqual(await recountStats(db));
}

/** Pages through the list the way the side panel exports: never the whole table at once. */
async function exportPaged(db: SyncHistoryDB, pageSize: number): Promise<{ json: string; csv: string }> {
  const json = [jsonOpen(NOW)];
  const csv = [csvHeader()];
  let after: Cursor | undefined;
  let i = 0;
  do {
    const page = await listPage(db, NO_FILTER, pageSize, after);
    for (const r of page.rows) {
      json.push(jsonRecord(r, i++));
      csv.push(csvLine(r));
    }
    after = page.next;
  } while (after);
  json.push(jsonClose());
  return { json: json.join(''), csv: csv.join('') };
}

const FIXTURES = [
  'takealot/seller-identity',
  'takealot/batch-create-pending',
  'takealot/batch-status-mixed',
  'takealot/offer-update-validation-errors',
  'takealot/offer-update-success',
  'takealot/offer-create-success',
  'makro/listings-update-mixed',
];

describe('export → import', () => {
  it('round trip: a paged export imported in chunks into an empty store gives identical records and counts', async () => {
    const { db: a } = testDb();
    await store(a, captureAll(FIXTURES));
    await seed(a, drafts(1234));
    const { json, csv } = await exportPaged(a, 100);
    expect(csv.split('\r\n')).toHaveLength(1 + (await a.records.count()) + 1);

    const parsed = await readExport(json, { now: NOW });
    if (!parsed.ok) throw new Error(parsed.error);
    const { db: b } = testDb();
    const results = [];
    for (const chunk of chunks(parsed.records, 500)) results.push(await importRecords(b, chunk));
    const total = await a.records.count();
    expect(total).toBeGreaterThan(1234);
    expect(results.map((r) => r.created.length)).toEqual([500, 500, total - 1000]);

    const [sa, sb] = [await snapshot(a), await snapshot(b)];
    expect(sb.records).toHaveLength(sa.records.length);
    expect(sb.records).toEqual(sa.records);
    expect(sb.stats).toEqual(sa.stats);
    expect(await statusCounts(b, NO_FILTER)).toEqual(await statusCounts(a, NO_FILTER));
  });

  it('importing the same file twice creates no duplicates and changes nothing', async () => {
    const { db } = testDb();
    const records = recordsOf(drafts(300)).map(toExported);
    const first = await importRecords(db, records);
    const before = await snapshot(db);
    const second = await importRecords(db, records);
    expect(first).toMatchObject({ replaced: [], skipped: 0 });
    expect(first.created).toHaveLength(300);
    expect(second).toEqual({ created: [], replaced: [], skipped: 300 });
    expect(await snapshot(db)).toEqual(before);
    // Every record counts once in its day over all stores.
    expect(
      before.stats.filter((s) => s.storeId === '' && s.status !== 'open' && s.bucket.startsWith('d')).reduce((n, s) => n + s.n, 0),
    ).toBe(300);
  });

  it('an older imported version never overwrites a newer stored one; a newer one replaces it', async () => {
    const { db } = testDb();
    const [d] = drafts(1);
    await seed(db, [{ ...d!, status: 'failed', observedAt: T0 + 10 * HOUR, errors: [{ message: 'Price too low' }] }]);
    const stored = (await db.records.toArray())[0]!;
    const older: ExportedRecord = {
      ...toExported(stored),
      status: 'success',
      errors: [],
      syncedAt: T0 + 5 * HOUR,
      createdAt: T0 + 5 * HOUR,
    };
    const same: ExportedRecord = { ...toExported(stored), status: 'success', errors: [] };
    expect(await importRecords(db, [older, same])).toEqual({ created: [], replaced: [], skipped: 2 });
    expect(await db.records.toArray()).toEqual([stored]);
    expect(await statusCounts(db, NO_FILTER)).toEqual({ success: 0, failed: 1, pending: 0, open: 1 });

    const newer: ExportedRecord = {
      ...same,
      syncedAt: T0 + 11 * HOUR,
      history: [...stored.history, { status: 'success', at: T0 + 11 * HOUR }],
    };
    expect(await importRecords(db, [newer])).toEqual({ created: [], replaced: [toExported(stored)], skipped: 0 });
    const [now] = await db.records.toArray();
    expect(toExported(now!)).toEqual(newer);
    expect(now!.facets.some((f) => f.includes('\u0001success\u0001'))).toBe(true); // derived fields recomputed
    expect(now!.facets.some((f) => f.includes('\u0001failed\u0001'))).toBe(false);
    expect(await statusCounts(db, NO_FILTER)).toEqual({ success: 1, failed: 0, pending: 0, open: 0 });
    await expectStatsConsistent(db);
  });

  it('keeps the newest of two versions of one id inside one chunk, whatever their order', async () => {
    const [r] = recordsOf(drafts(1)).map(toExported);
    const later = { ...r!, status: 'failed' as const, syncedAt: r!.syncedAt + HOUR };
    for (const chunk of [
      [r!, later],
      [later, r!],
    ]) {
      const { db } = testDb();
      expect(await importRecords(db, chunk)).toEqual({ created: [r!.id], replaced: [], skipped: 1 });
      expect((await db.records.toArray()).map(toExported)).toEqual([later]);
      await expectStatsConsistent(db);
    }
  });
});

describe('import rollback', () => {
  /** A store with history, and an import in two chunks that creates, replaces and skips. */
  async function importInTwoChunks() {
    const { db } = testDb();
    await store(db, captureAll(FIXTURES));
    await seed(db, drafts(40));
    const stored = (await db.records.toArray()).sort(byId).map(toExported);
    const before = await snapshot(db);
    const bump = (r: ExportedRecord, h: number, status: ExportedRecord['status']): ExportedRecord => ({
      ...r,
      status,
      syncedAt: r.syncedAt + h * HOUR,
      history: [...r.history, { status, at: r.syncedAt + h * HOUR }],
    });
    const fresh = recordsOf(drafts(30, { prefix: 'imported', from: T0 + 1000 * HOUR })).map(toExported);
    const chunk1 = [
      ...fresh.slice(0, 20),
      ...stored.slice(0, 10).map((r) => bump(r, 1, 'failed')),
      ...stored.slice(10, 15).map((r) => ({ ...r, syncedAt: r.createdAt })),
    ];
    // Chunk 2 replaces rows chunk 1 created and rows chunk 1 replaced.
    const chunk2 = [
      ...fresh.slice(20),
      ...fresh.slice(0, 5).map((r) => bump(r, 2, 'success')),
      ...chunk1.slice(20, 25).map((r) => bump(r, 3, 'success')),
    ];
    const r1 = await importRecords(db, chunk1);
    const r2 = await importRecords(db, chunk2);
    expect([r1.created.length, r1.replaced.length, r2.created.length, r2.replaced.length]).toEqual([20, 10, 10, 10]);
    expect(await snapshot(db)).not.toEqual(before);
    return { db, before, r1, r2 };
  }

  it('chunk by chunk, newest first, restores exactly the previous records and counts', async () => {
    const { db, before, r1, r2 } = await importInTwoChunks();
    await rollbackImport(db, r2);
    await rollbackImport(db, r1);
    expect(await snapshot(db)).toEqual(before);
  });

  it("with the chunks' lists joined in the order they were answered, restores the same", async () => {
    const { db, before, r1, r2 } = await importInTwoChunks();
    expect(await rollbackImport(db, { created: [...r1.created, ...r2.created], replaced: [...r1.replaced, ...r2.replaced] })).toEqual({
      deleted: 30,
      restored: 10,
    });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('import and cancel, as the side panel does it', () => {
  it('a file with an id twice, imported in chunks and rolled back in slices of the joined answers, leaves the store as it was', async () => {
    const { db } = testDb();
    await seed(db, drafts(30));
    const before = await snapshot(db);
    const stored = before.records.map(toExported);
    const newer = (r: ExportedRecord, h: number): ExportedRecord => ({ ...r, syncedAt: r.syncedAt + h * HOUR });
    const fresh = recordsOf(drafts(20, { prefix: 'file' })).map(toExported);
    // Twice in the file, far apart: a stored id and a new id, each in an older and a newer version.
    const file = [
      newer(stored[0]!, 1),
      ...fresh,
      ...stored.slice(1, 12).map((r) => newer(r, 1)),
      newer(stored[0]!, 2),
      newer(fresh[0]!, 1),
    ];
    const parsed = await readExport(exportJsonOf(file), { now: NOW });
    if (!parsed.ok) throw new Error(parsed.error);
    const created: string[] = [];
    const replaced: ExportedRecord[] = [];
    for (const chunk of chunks(parsed.records, 10)) {
      const r = await importRecords(db, chunk);
      created.push(...r.created);
      replaced.push(...r.replaced);
    }
    expect([created.length, replaced.length]).toEqual([20, 12]);
    for (let i = 0; i < Math.max(created.length, replaced.length); i += 7) {
      await rollbackImport(db, { created: created.slice(i, i + 7), replaced: replaced.slice(i, i + 7) });
    }
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('clear', () => {
  it('deletes every record, count and unrecognised operation', async () => {
    const { db } = testDb();
    await seed(db, drafts(25));
    await writeCapture(db, {
      drafts: [],
      jobs: [],
      unrecognised: [{ platform: 'takealot', method: 'POST', endpoint: 'seller-api.takealot.com/v2/x/{id}', observedAt: T0 }],
    });
    expect(await db.stats.count()).toBeGreaterThan(0);
    expect(await db.unrecognised.count()).toBe(1);
    expect(await clearHistory(db)).toBe(25);
    expect([await db.records.count(), await db.stats.count(), await db.unrecognised.count()]).toEqual([0, 0, 0]);
    expect(await clearHistory(db)).toBe(0);
  });
});

describe('prune', () => {
  it('removes only older records, chunk by chunk through the time range of the facets index (every record by time), with counts equal to a recount', async () => {
    const { db, reads } = testDb();
    await seed(db, drafts(1234, { step: HOUR / 2 }));
    const cutoff = T0 + 700 * (HOUR / 2) + 1; // records 0…700 are older
    const transaction = vi.spyOn(db, 'transaction');
    reads.length = 0;
    expect(await pruneOlderThan(db, cutoff, 100)).toBe(701);
    expect(transaction).toHaveBeenCalledTimes(8); // 7 full chunks and the one that finds fewer
    const recordReads = reads.filter((r) => r.table === 'records');
    expect(recordReads).toHaveLength(8);
    for (const r of recordReads) expect(r).toMatchObject({ table: 'records', index: 'facets', range: true });
    const left = (await db.records.toArray()).sort((a, b) => a.syncedAt - b.syncedAt);
    expect(left).toHaveLength(1234 - 701);
    expect(left[0]!.syncedAt).toBeGreaterThanOrEqual(cutoff);
    expect(left[0]!.sku).toBe('SKU-item-701');
    await expectStatsConsistent(db);
    expect(await statusCounts(db, NO_FILTER)).toEqual(
      left.reduce(
        (c, r) => {
          c[r.status] += 1;
          if (isOpenFailure(r)) c.open += 1;
          return c;
        },
        { success: 0, failed: 0, pending: 0, open: 0 },
      ),
    );
    expect(await pruneOlderThan(db, cutoff, 100)).toBe(0);
  });

  it('an interrupted prune leaves every finished chunk complete and the counts consistent; the next run goes on', async () => {
    const { db } = testDb();
    let deletes = 0;
    failWrites(db, (table, req) =>
      table === 'records' && req.type === 'delete' && ++deletes === 3 ? new Error('worker stopped') : undefined,
    );
    await seed(db, drafts(500));
    await expect(pruneOlderThan(db, T0 + 450 * HOUR, 100)).rejects.toThrow('worker stopped');
    expect(await db.records.count()).toBe(300);
    await expectStatsConsistent(db);
    expect(await pruneOlderThan(db, T0 + 450 * HOUR, 100)).toBe(250);
    expect(await db.records.count()).toBe(50);
    await expectStatsConsistent(db);
  });
});
