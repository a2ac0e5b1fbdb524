import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { recountStats } from '@/lib/db/maintenance';
import { listPage, NO_FILTER, statusCounts } from '@/lib/db/queries';
import { writeCapture } from '@/lib/db/repo';
import { openDb, SCHEMA_VERSIONS } from '@/lib/db/schema';
import { capture } from '@/lib/platforms';
import type { SyncRecord } from '@/lib/records/record';
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

describe('schema upgrades', () => {
  it('there is a frozen database for every shipped schema version', () => {
    expect(FROZEN.map((f) => f.version).sort()).toEqual(Object.keys(SCHEMA_VERSIONS).map(Number).sort());
  });

  it.each(FROZEN.map((f) => [f.version, f] as const))(
    'a database written by version %i opens under the current schema with every record intact',
    async (_v, frozen) => {
      const name = `upgrade-${frozen.version}-${Math.random().toString(36).slice(2)}`;
      const old = new Dexie(name);
      old.version(frozen.version).stores(frozen.stores);
      await old.open();
      for (const [table, rows] of Object.entries(frozen.tables)) await old.table(table).bulkAdd(rows);
      old.close();

      const db = openDb(name);
      const records = (await db.records.orderBy('id').toArray()) as SyncRecord[];
      expect(records).toEqual(frozen.tables.records);
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
});
