import { describe, expect, it } from 'vitest';
import { importRecords } from '@/lib/db/maintenance';
import { writeCapture } from '@/lib/db/repo';
import { recordId } from '@/lib/records/id';
import { closures, listingIndexOf } from '@/lib/records/listing';
import type { RecordDraft, Status, SyncRecord } from '@/lib/records/record';
import { toExported } from '@/lib/transfer/exportFile';
import { recountStats, testDb } from '../../helpers/db';
import { draft, HOUR, recordsOf, T0 } from '../../helpers/records';

/** mulberry32, so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The resolver reads only parts of a listing's history (its unfixed failures; for a late
 * failure, its first later results; for an imported success older than what is stored, the
 * whole listing). Whatever the order results arrive in, imported or captured (in time order,
 * failures late), in whatever chunks, every failure must close as if the whole history were
 * resolved at once (`closures` over every record), and the indexes must follow.
 */
describe('closures do not depend on the order results arrive in', () => {
  const SEEDS = 80;
  it(`${SEEDS} random histories of three listings, written in random order and chunks, captured or imported`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = prng(seed);
      // Mostly failures in some histories, so a late failure's first later results can all be failures.
      const failShare = seed % 3 === 0 ? 0.9 : 0.5;
      const n = 20 + Math.floor(r() * 60);
      const history: RecordDraft[] = Array.from({ length: n }, (_, i) => {
        const status: Status = r() < 0.08 ? 'pending' : r() < failShare ? 'failed' : 'success';
        // Few distinct times, so ties (same ms, ordered by id) occur.
        return draft(`s${seed}-${i}`, status, T0 + Math.floor(r() * n * 0.7) * HOUR, { sku: `SKU-${Math.floor(r() * 3)}` });
      });
      const asImport = seed % 2 === 0;
      // An import comes in any order. Captures come in time order, but a failure may arrive
      // late (a queued capture, another tab): a third of them move to a random later place.
      const order = asImport
        ? history.map((d) => ({ d, k: r() })).sort((a, b) => a.k - b.k)
        : history
            .map((d) => ({
              d,
              k: d.observedAt + (d.status === 'failed' && r() < 0.3 ? r() * n * HOUR : 0),
              id: recordId(d.platform, d.key),
            }))
            // In time order, and at the same millisecond in Record ID order: closures break ties by
            // id, and a capture skips the check for a success older than what is stored.
            .sort((a, b) => a.k - b.k || (a.id < b.id ? -1 : 1));
      const { db } = testDb();
      for (let i = 0; i < order.length; ) {
        const size = 1 + Math.floor(r() * (seed % 4 < 2 ? 8 : 32));
        const part = order.slice(i, i + size).map((x) => x.d);
        i += size;
        if (asImport) await importRecords(db, recordsOf(part).map(toExported));
        else await writeCapture(db, { drafts: part, jobs: [], unrecognised: [] });
      }
      const stored = await db.records.toArray();
      const want = closures(stored);
      for (const row of stored) {
        const c = row.status === 'failed' ? want.get(row.id) : undefined;
        const got = { fixedBy: row.fixedBy, fixedAt: row.fixedAt, supersededBy: row.supersededBy };
        expect(got, `seed ${seed}, ${row.id}`).toEqual({ fixedBy: c?.fixedBy, fixedAt: c?.fixedAt, supersededBy: c?.supersededBy });
        expect(row.listingIndex, `seed ${seed}, ${row.id}`).toEqual(listingIndexOf(row));
      }
      // The `unfixed` table names (at least) every listing with an unfixed failure.
      const named = new Set(await db.unfixed.toCollection().primaryKeys());
      for (const row of stored as SyncRecord[])
        if (row.status === 'failed' && row.fixedBy === undefined)
          for (const k of row.listing) expect(named.has(k), `seed ${seed}`).toBe(true);
      expect(await db.stats.orderBy('key').toArray()).toEqual(await recountStats(db));
    }
  });
});
