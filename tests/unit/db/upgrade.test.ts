import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { listPage, NO_FILTER, statusCounts } from '@/lib/db/queries';
import { writeCapture } from '@/lib/db/repo';
import { openDb, SCHEMA_VERSIONS } from '@/lib/db/schema';
import { capture } from '@/lib/platforms';
import { facetsOf } from '@/lib/records/facets';
import { applyClosure, closures, isOpenFailure, listingIndexOf } from '@/lib/records/listing';
import { withIndexes } from '@/lib/records/merge';
import type { SyncRecord } from '@/lib/records/record';
import { toExported } from '@/lib/transfer/exportFile';
import { recountStats } from '../../helpers/db';
import { exchangeOf, FIXTURES, loadFixture } from '../../helpers/fixtures';

/**
 * Schema upgrades (GUIDE habit 5): a frozen database per shipped schema version, written
 * with that version's own store definitions (kept in the fixture, not read from the code),
 * must open under the current schema with every row intact.
 */
interface Frozen {
  version: number;
  stores: Record<string, string>;
  tables: Record<string, Record<string, unknown>[]>;
}

const DIR = join(FIXTURES, 'db');
const FROZEN = readdirSync(DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Frozen);

/** Writes a frozen database with its own version's store definitions; answers its name. */
async function writeFrozen(frozen: Frozen, prefix: string): Promise<string> {
  const name = `${prefix}-${Math.random().toString(36).slice(2)}`;
  const old = new Dexie(name);
  old.version(frozen.version).stores(frozen.stores);
  await old.open();
  for (const [table, rows] of Object.entries(frozen.tables)) await old.table(table).bulkAdd(rows);
  old.close();
  return name;
}

describe('schema upgrades', () => {
  it('there is a frozen database for every shipped schema version', () => {
    expect(FROZEN.map((f) => f.version).sort()).toEqual(Object.keys(SCHEMA_VERSIONS).map(Number).sort());
  });

  it.each(FROZEN.map((f) => [f.version, f] as const))(
    'a database written by version %i opens under the current schema with every record intact',
    async (_v, frozen) => {
      const db = openDb(await writeFrozen(frozen, `upgrade-${frozen.version}`));
      const records = (await db.records.orderBy('id').toArray()) as SyncRecord[];
      // Every record intact; the derived fields are what the current code derives (v2 → v3
      // adds listing keys, search words and closures).
      expect(records.map(toExported)).toEqual((frozen.tables.records as unknown as SyncRecord[]).map(toExported));
      const closed = closures(records.map((r) => withIndexes({ ...r })));
      for (const r of records) {
        const again = withIndexes({ ...r });
        applyClosure(again, closed.get(r.id));
        again.facets = facetsOf(again);
        again.listingIndex = listingIndexOf(again);
        expect(r).toEqual(again);
      }
      // Every listing with an unfixed failure is named by the `unfixed` table (v4).
      const named = new Set(await db.unfixed.toCollection().primaryKeys());
      for (const r of records) if (r.status === 'failed' && r.fixedBy === undefined) for (const k of r.listing) expect(named).toContain(k);
      // The indexes of the current schema serve the old rows.
      const page = await listPage(db, NO_FILTER, 100);
      expect(page.rows.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort());
      // Counts are exactly a recount of the records (v1 → v2 rebuilds them).
      expect(await db.stats.orderBy('key').toArray()).toEqual(await recountStats(db));
      const counts = await statusCounts(db, NO_FILTER);
      expect(counts.success + counts.failed + counts.pending).toBe(records.length);
      const failed = await listPage(db, { ...NO_FILTER, status: 'failed' }, 100);
      expect(failed.rows.length).toBe(counts.failed);
      // And new captures land beside them.
      await writeCapture(
        db,
        capture(exchangeOf(loadFixture('takealot/offer-create-success'), { captureId: `after-upgrade-${frozen.version}` }), {}),
      );
      expect(await db.records.count()).toBe(records.length + 1);
      db.close();
    },
  );

  it('v2 → v3: a failure that a later save of the same listing fixed is resolved, and counted out of "Still failing"', async () => {
    const v2 = FROZEN.find((f) => f.version === 2)!;
    const name = `upgrade-fix-${Math.random().toString(36).slice(2)}`;
    const old = new Dexie(name);
    old.version(2).stores(v2.stores);
    await old.open();
    const row = (id: string, status: 'failed' | 'success', at: number, sku: string) => ({
      id,
      platform: 'takealot',
      kind: 'publish',
      status,
      syncedAt: at,
      createdAt: at,
      storeId: '29384756',
      sku,
      errors: status === 'failed' ? [{ message: 'Selling price must be below the RRP' }] : [],
      changes: [],
      history: [{ status, at }],
      ids: [id.toLowerCase(), '29384756', sku.toLowerCase()],
      facets: [],
    });
    await old
      .table('records')
      .bulkAdd([
        row('TAL-AAAAAAAAAA1', 'failed', 1_000, 'SOLAR-LAMP-12'),
        row('TAL-AAAAAAAAAA2', 'success', 2_000, 'SOLAR-LAMP-12'),
        row('TAL-AAAAAAAAAA3', 'failed', 3_000, 'KK-RUN-43-WHT'),
      ]);
    old.close();
    const db = openDb(name);
    const fixed = (await db.records.get('TAL-AAAAAAAAAA1'))!;
    expect(fixed).toMatchObject({ fixedBy: 'TAL-AAAAAAAAAA2', fixedAt: 2_000 });
    expect(isOpenFailure(fixed)).toBe(false);
    expect(isOpenFailure((await db.records.get('TAL-AAAAAAAAAA3'))!)).toBe(true);
    expect(await statusCounts(db, NO_FILTER)).toEqual({ success: 1, failed: 2, pending: 0, open: 1 });
    expect((await listPage(db, { ...NO_FILTER, status: 'open' }, 10)).rows.map((r) => r.id)).toEqual(['TAL-AAAAAAAAAA3']);
    expect(await db.stats.orderBy('key').toArray()).toEqual(await recountStats(db));
    // A word of the error text finds both failures now.
    expect((await listPage(db, { ...NO_FILTER, q: 'rrp' }, 10)).rows).toHaveLength(2);
    db.close();
  });

  it('v3 → v4: the unfixed table names the listings of every unfixed failure, and a later save of one still fixes it', async () => {
    const db = openDb(await writeFrozen(FROZEN.find((f) => f.version === 3)!, 'upgrade-v4'));
    const records = await db.records.toArray();
    const unfixed = records.filter((r) => r.status === 'failed' && r.fixedBy === undefined);
    expect(unfixed.length).toBeGreaterThan(1);
    expect((await db.unfixed.toCollection().primaryKeys()).sort()).toEqual([...new Set(unfixed.flatMap((r) => r.listing))].sort());
    // No `syncedAt` index any more: the list and retention read the facets' time ranges.
    expect(db.records.schema.indexes.map((i) => i.name)).not.toContain('syncedAt');
    const open = records.find((r) => isOpenFailure(r) && r.platform === 'takealot' && r.sku)!;
    const before = await statusCounts(db, NO_FILTER);
    await writeCapture(db, {
      drafts: [
        {
          key: 'after-upgrade-fix',
          platform: 'takealot',
          kind: 'publish',
          status: 'success',
          observedAt: open.syncedAt + 60_000,
          storeId: open.storeId!,
          sku: open.sku!,
          errors: [],
          changes: [],
        },
      ],
      jobs: [],
      unrecognised: [],
    });
    expect((await db.records.get(open.id))!.fixedBy).toBeDefined();
    expect((await statusCounts(db, NO_FILTER)).open).toBe(before.open! - 1);
    expect(await db.stats.orderBy('key').toArray()).toEqual(await recountStats(db));
    db.close();
  });
});
