import { describe, expect, it } from 'vitest';
import { importRecords, pruneOlderThan, rollbackImport } from '@/lib/db/maintenance';
import { listPage, NO_FILTER, openFailuresSince, recordsWithIds, statusCounts } from '@/lib/db/queries';
import { writeCapture } from '@/lib/db/repo';
import { FIRST_WINDOW, GET_EACH_UP_TO } from '@/lib/db/resolve';
import { isOpenFailure } from '@/lib/records/listing';
import type { RecordDraft } from '@/lib/records/record';
import { toExported } from '@/lib/transfer/exportFile';
import { recountStats, testDb } from '../../helpers/db';
import { HOUR, recordsOf, T0 } from '../../helpers/records';

/** Issue #11: a later success of the same listing resolves its earlier failures. */
const base = (over: Partial<RecordDraft>): RecordDraft => ({
  key: 'k',
  platform: 'takealot',
  kind: 'publish',
  status: 'failed',
  observedAt: T0,
  storeId: '29384756',
  errors: [],
  changes: [],
  ...over,
});
const failed = (key: string, at: number, over: Partial<RecordDraft> = {}) =>
  base({
    key,
    observedAt: at,
    status: 'failed',
    errors: [{ message: 'Selling price must be below the RRP', field: 'selling_price' }],
    ...over,
  });
const saved = (key: string, at: number, over: Partial<RecordDraft> = {}) => base({ key, observedAt: at, status: 'success', ...over });
const write = (db: ReturnType<typeof testDb>['db'], drafts: RecordDraft[]) => writeCapture(db, { drafts, jobs: [], unrecognised: [] });

describe('fixed failures', () => {
  it('a later save of the same SKU fixes the failure: counts, Still failing, badge and stats follow, in the same write', async () => {
    const { db } = testDb();
    await write(db, [failed('a', T0, { sku: 'SOLAR-LAMP-12', title: 'Solar lamp' }), failed('b', T0 + 1, { sku: 'OTHER-1' })]);
    expect(await statusCounts(db, NO_FILTER)).toEqual({ success: 0, failed: 2, pending: 0, open: 2 });
    expect(await openFailuresSince(db, 0)).toBe(2);
    const res = await write(db, [saved('c', T0 + HOUR, { sku: 'solar-lamp-12' })]);
    // The success and the failure it fixed are written together.
    expect(res.written).toBe(2);
    const fixedRow = res.changed.find((r) => r.status === 'failed')!;
    const fixer = res.changed.find((r) => r.status === 'success')!;
    expect(fixedRow).toMatchObject({ fixedBy: fixer.id, fixedAt: T0 + HOUR });
    expect(await statusCounts(db, NO_FILTER)).toEqual({ success: 1, failed: 2, pending: 0, open: 1 });
    expect(await openFailuresSince(db, 0)).toBe(1);
    const open = await listPage(db, { ...NO_FILTER, status: 'open' }, 10);
    expect(open.rows.map((r) => r.sku)).toEqual(['OTHER-1']);
    expect(await db.stats.orderBy('key').toArray()).toEqual(await recountStats(db));
  });

  it('a success seen before a failure of the same listing does not fix it; a later failure supersedes the earlier one', async () => {
    const { db } = testDb();
    await write(db, [saved('s', T0, { productId: '204518393' }), failed('f1', T0 + 1, { productId: '204518393' })]);
    let rows = await db.records.toArray();
    expect(rows.find((r) => r.status === 'failed')!.fixedBy).toBeUndefined();
    await write(db, [failed('f2', T0 + 2, { productId: '204518393' })]);
    rows = await db.records.toArray();
    const open = rows.filter(isOpenFailure);
    expect(open).toHaveLength(1);
    expect(open[0]!.syncedAt).toBe(T0 + 2);
    expect(rows.find((r) => r.syncedAt === T0 + 1)!.supersededBy).toBe(open[0]!.id);
    // "Still failing" counts the listing once.
    expect((await statusCounts(db, NO_FILTER)).open).toBe(1);
  });

  it('a write reads the unfixed failures only of listings the unfixed table names, and resolves as a write of each save alone does', async () => {
    // 100 listings failed (40 of them twice: the first superseded), 30 fixed already; then one
    // write of 150 saves: 90 of those listings and 60 others. Above GET_EACH_UP_TO listing keys.
    const history: RecordDraft[] = [];
    for (let i = 0; i < 100; i++) {
      history.push(failed(`f${i}`, T0 + i, { sku: `SKU-${i}` }));
      if (i < 40) history.push(failed(`g${i}`, T0 + 200 + i, { sku: `SKU-${i}` }));
      if (i >= 70) history.push(saved(`s${i}`, T0 + 400 + i, { sku: `SKU-${i}` }));
    }
    const saves = Array.from({ length: 150 }, (_, j) => saved(`later${j}`, T0 + HOUR + j, { sku: j < 90 ? `SKU-${j}` : `NEW-${j}` }));
    expect(saves.length).toBeGreaterThan(GET_EACH_UP_TO);
    const together = testDb();
    const alone = testDb();
    await write(together.db, history);
    for (const d of history) await write(alone.db, [d]);
    // Only the 70 listings still failing are named: the 30 fixed ones left the table when fixed.
    expect((await together.db.unfixed.toCollection().primaryKeys()).length).toBe(70);
    together.reads.length = 0;
    await write(together.db, saves);
    for (const d of saves) await write(alone.db, [d]);
    expect(together.reads.filter((r) => r.index === 'listingIndex')).toHaveLength(70);
    expect(together.reads.filter((r) => r.table === 'unfixed')).toHaveLength(1);
    const rows = async (db: ReturnType<typeof testDb>['db']) => (await db.records.orderBy('id').toArray()).map(toExported);
    expect(await rows(together.db)).toEqual(await rows(alone.db));
    const all = await together.db.records.toArray();
    expect(all.filter(isOpenFailure)).toEqual([]);
    expect(all.filter((r) => r.status === 'failed' && r.fixedBy !== undefined)).toHaveLength(140);
    expect(await together.db.unfixed.count()).toBe(0);
    expect(await alone.db.unfixed.count()).toBe(0);
    expect(await together.db.stats.orderBy('key').toArray()).toEqual(await recountStats(together.db));
  });

  it('a listing the unfixed table still names after its failure was pruned costs one empty read, then leaves it', async () => {
    const { db, reads } = testDb();
    await write(db, [failed('old', T0, { sku: 'PRUNED-1' })]);
    expect(await db.unfixed.count()).toBe(1);
    await pruneOlderThan(db, T0 + 1);
    expect(await db.records.count()).toBe(0);
    reads.length = 0;
    await write(db, [saved('new', T0 + HOUR, { sku: 'PRUNED-1' })]);
    expect(reads.filter((r) => r.index === 'listingIndex')).toHaveLength(1);
    expect(await db.unfixed.count()).toBe(0);
  });

  it('a failure imported under a long later history reads its first later results, not the whole history, and closes as written in order', async () => {
    // 200 later results of one SKU (a failure, then its fix, over and over). An export comes
    // newest first: its older failures arrive last, under all of them.
    const history: RecordDraft[] = [];
    for (let i = 0; i < 100; i++) {
      history.push(failed(`hf${i}`, T0 + HOUR + 2 * i, { sku: 'POPULAR-1' }));
      history.push(saved(`hs${i}`, T0 + HOUR + 2 * i + 1, { sku: 'POPULAR-1' }));
    }
    const lateOnes = [failed('late-1', T0, { sku: 'POPULAR-1' }), failed('late-2', T0 + 1, { sku: 'POPULAR-1' })];
    const inOrder = testDb();
    await write(inOrder.db, [...lateOnes, ...history]);
    const { db, reads } = testDb();
    await write(db, history);
    reads.length = 0;
    await write(db, lateOnes);
    const read = reads.filter((r) => r.index === 'listingIndex').reduce((n, r) => n + (r.rows ?? 0), 0);
    expect(read).toBeLessThanOrEqual(2 * FIRST_WINDOW);
    const rows = async (d: ReturnType<typeof testDb>['db']) => (await d.records.orderBy('id').toArray()).map(toExported);
    expect(await rows(db)).toEqual(await rows(inOrder.db));
    const late = (await db.records.toArray()).filter((r) => r.syncedAt < T0 + HOUR);
    expect(late.map((r) => r.fixedAt)).toEqual([T0 + HOUR + 1, T0 + HOUR + 1]);
    expect(await db.stats.orderBy('key').toArray()).toEqual(await recountStats(db));
  });

  it('a late failure whose first later results are all failures reads on until the success that fixes it', async () => {
    const history: RecordDraft[] = [];
    for (let i = 0; i < 3 * FIRST_WINDOW; i++) history.push(failed(`nf${i}`, T0 + HOUR + i, { sku: 'RETRIED-1' }));
    history.push(saved('fix', T0 + 2 * HOUR, { sku: 'RETRIED-1' }));
    const { db } = testDb();
    await write(db, history);
    await write(db, [failed('late', T0, { sku: 'RETRIED-1' })]);
    const late = (await db.records.toArray()).find((r) => r.syncedAt === T0)!;
    expect(late).toMatchObject({ fixedAt: T0 + 2 * HOUR });
    expect(late.supersededBy).toBeUndefined();
    expect((await statusCounts(db, NO_FILTER)).open).toBe(0);
  });

  it('an imported save older than the stored one that fixed the failures becomes their fix, however many failures came between', async () => {
    // A save, then 3 × FIRST_WINDOW failed attempts, then the save that fixed them all. The
    // import brings a save from between the last attempt and that fix: it fixed them first.
    const history: RecordDraft[] = [saved('first', T0, { sku: 'RETRIED-2' })];
    for (let i = 0; i < 3 * FIRST_WINDOW; i++) history.push(failed(`try${i}`, T0 + HOUR + i, { sku: 'RETRIED-2' }));
    history.push(saved('last', T0 + 3 * HOUR, { sku: 'RETRIED-2' }));
    const { db } = testDb();
    await write(db, history);
    const between = recordsOf([saved('between', T0 + 2 * HOUR, { sku: 'RETRIED-2' })]).map(toExported);
    await importRecords(db, between);
    const failures = (await db.records.toArray()).filter((r) => r.status === 'failed');
    expect(failures).toHaveLength(3 * FIRST_WINDOW);
    expect(new Set(failures.map((r) => r.fixedAt))).toEqual(new Set([T0 + 2 * HOUR]));
    expect(await db.stats.orderBy('key').toArray()).toEqual(await recountStats(db));
  });

  it('a failure that arrives after the later save that fixed it (an import, a late capture) is fixed on arrival', async () => {
    const { db } = testDb();
    await write(db, [saved('late-s', T0 + HOUR, { sku: 'LATE' })]);
    await write(db, [failed('late-f', T0, { sku: 'LATE' })]);
    const f = (await db.records.toArray()).find((r) => r.status === 'failed')!;
    expect(f.fixedAt).toBe(T0 + HOUR);
    expect((await statusCounts(db, NO_FILTER)).open).toBe(0);
  });

  it('Makro: a failure known by its FSN is fixed by a save known by its LST listing id and the FSN', async () => {
    const { db } = testDb();
    const fsn = 'AFRH9TY6VB3NM4CD';
    await write(db, [
      failed('m1', T0, {
        platform: 'makro',
        storeId: 'a3f91c0d7b2e4856',
        productId: fsn,
        listingUrl: `https://www.makro.co.za/-/p/${fsn}?pid=${fsn}`,
      }),
    ]);
    await write(db, [
      saved('m2', T0 + HOUR, {
        platform: 'makro',
        storeId: 'a3f91c0d7b2e4856',
        productId: 'LSTAFRH9TY6VB3NM4CDJ5KWP7',
        sku: 'SNAPPY-AF-5L-BLK',
        listingUrl: `https://www.makro.co.za/-/p/${fsn}?pid=${fsn}`,
      }),
    ]);
    const f = (await db.records.toArray()).find((r) => r.status === 'failed')!;
    expect(f.fixedBy).toBeDefined();
    // "This listing" finds both by any id the page may show.
    for (const id of [fsn, 'LSTAFRH9TY6VB3NM4CDJ5KWP7', 'snappy-af-5l-blk']) {
      expect((await recordsWithIds(db, [id])).length, id).toBeGreaterThanOrEqual(1);
    }
    expect((await recordsWithIds(db, [fsn])).map((r) => r.status)).toEqual(['success', 'failed']);
  });

  it('a different listing, another store or another Shopify variant never fixes a failure', async () => {
    const { db } = testDb();
    await write(db, [
      failed('x1', T0, { sku: 'SKU-1' }),
      failed('x2', T0, { sku: 'SKU-2', storeId: 'other-store' }),
      failed('x3', T0, { platform: 'shopify', storeId: 'shop', productId: 'gid://shopify/Product/81', sku: 'RED' }),
      failed('x4', T0, { platform: 'makro', sku: 'SKU-1' }),
    ]);
    await write(db, [
      saved('y1', T0 + 1, { sku: 'SKU-3' }),
      saved('y2', T0 + 1, { sku: 'SKU-2' }),
      saved('y3', T0 + 1, { platform: 'shopify', storeId: 'shop', productId: 'gid://shopify/Product/81', sku: 'BLUE' }),
    ]);
    expect((await db.records.toArray()).filter(isOpenFailure)).toHaveLength(4);
    // The same Shopify variant, its product id sent as a number this time, does.
    await write(db, [saved('y4', T0 + 2, { platform: 'shopify', storeId: 'shop', productId: '81', sku: 'red' })]);
    expect((await db.records.toArray()).filter(isOpenFailure)).toHaveLength(3);
  });

  it('a retry of the fixing record back to pending reopens the failure it had fixed', async () => {
    const { db } = testDb();
    await write(db, [failed('r1', T0, { sku: 'S' }), saved('r2', T0 + 1, { sku: 'S' })]);
    expect((await statusCounts(db, NO_FILTER)).open).toBe(0);
    await write(db, [base({ key: 'r2', status: 'pending', observedAt: T0 + 2, sku: 'S', attempt: true })]);
    expect((await statusCounts(db, NO_FILTER)).open).toBe(1);
    expect(await db.stats.orderBy('key').toArray()).toEqual(await recountStats(db));
  });

  it('an import resolves stored failures, and its rollback reopens them', async () => {
    const { db } = testDb();
    await write(db, [failed('i1', T0, { sku: 'IMP' })]);
    const other = testDb().db;
    await write(other, [saved('i2', T0 + HOUR, { sku: 'IMP' })]);
    const incoming = (await other.records.toArray()).map(toExported);
    const undo = await importRecords(db, incoming);
    expect((await statusCounts(db, NO_FILTER)).open).toBe(0);
    expect((await db.records.toArray()).find((r) => r.status === 'failed')!.fixedBy).toBe(incoming[0]!.id);
    await rollbackImport(db, undo);
    expect((await statusCounts(db, NO_FILTER)).open).toBe(1);
    expect((await db.records.toArray())[0]!.fixedBy).toBeUndefined();
    expect(await db.stats.orderBy('key').toArray()).toEqual(await recountStats(db));
  });
});

describe('search by word and link', () => {
  it('finds a record by the start of a word of its title or error, several words, or a pasted product link', async () => {
    const { db } = testDb();
    await write(db, [
      failed('w1', T0, {
        title: 'Solar Garden Lamp (12 pack)',
        sku: 'SOLAR-LAMP-12',
        listingUrl: 'https://www.takealot.com/x/PLID91827364',
      }),
      saved('w2', T0 + 1, { title: 'Running shoe', sku: 'KK-RUN-43' }),
    ]);
    const q = async (text: string) => (await listPage(db, { ...NO_FILTER, q: text }, 10)).rows.map((r) => r.sku);
    expect(await q('gard')).toEqual(['SOLAR-LAMP-12']);
    expect(await q('rrp')).toEqual(['SOLAR-LAMP-12']);
    expect(await q('lamp sol')).toEqual(['SOLAR-LAMP-12']);
    expect(await q('lamp run')).toEqual([]);
    expect(await q('kk-run')).toEqual(['KK-RUN-43']);
    expect(await q('https://www.takealot.com/solar-garden-lamp/PLID91827364?colour=black')).toEqual(['SOLAR-LAMP-12']);
    expect(await q('91827364')).toEqual(['SOLAR-LAMP-12']);
    expect(await q('https://www.takealot.com/other/PLID1')).toEqual([]);
    // Counts match what the list shows.
    expect(await statusCounts(db, { ...NO_FILTER, q: 'lamp' })).toEqual({ success: 0, failed: 1, pending: 0, open: 1 });
    expect(await statusCounts(db, { ...NO_FILTER, q: 'lamp', status: 'open' })).toMatchObject({ open: 1 });
    expect((await listPage(db, { ...NO_FILTER, q: 'lamp', status: 'open' }, 10)).rows).toHaveLength(1);
    expect((await listPage(db, { ...NO_FILTER, q: 'lamp', platform: 'makro' }, 10)).rows).toHaveLength(0);
  });
});
