import { Dexie, type EntityTable } from 'dexie';
import { facetsOf } from '../records/facets';
import { applyClosure, closures, listingIndexOf } from '../records/listing';
import { withIndexes } from '../records/merge';
import type { Platform, SyncRecord } from '../records/record';
import { countChange, type StatDeltas, type StatRow, statRows } from './stats';

export const DB_NAME = 'sync-history';

export type { StatRow };

/** How often a portal write no rule recognised was seen (issue #3). */
export interface UnrecognisedRow {
  /** `${platform} ${method} ${endpoint} ${operation}` */
  key: string;
  platform: Platform;
  method: string;
  endpoint: string;
  operation?: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** The last captures counted (a capture re-sent after a lost ack is not counted again). */
  recent?: string[];
  /** Distinct shape signatures of its answers, newest last (lib/platforms/drift.ts); no index, no schema version. */
  shapes?: string[];
}

/** A listing key that may have an unfixed failure (a superset: see keepUnfixed in lib/db/resolve.ts). */
export interface UnfixedRow {
  key: string;
}

export type SyncHistoryDB = Dexie & {
  records: EntityTable<SyncRecord, 'id'>;
  unfixed: EntityTable<UnfixedRow, 'key'>;
  stats: EntityTable<StatRow, 'key'>;
  unrecognised: EntityTable<UnrecognisedRow, 'key'>;
};

/**
 * Schema history. Never edit a shipped version: add one (with `upgrade()` when data
 * changes) and a frozen fixture in tests/fixtures/db/ with a test that upgrades from it.
 */
export const SCHEMA_VERSIONS = {
  1: {
    // `facets` serves every list filter (search term × platform × status, ending in time):
    // one index walk with reverse().limit() for any combination (see lib/records/facets.ts).
    // `ids` finds the distinct ids that start with a typed prefix.
    records: 'id, syncedAt, [jobId+syncedAt], *ids, *facets',
    stats: 'key, day, storeId',
    unrecognised: 'key',
  },
  // v2: stats per day and per month, all stores and each store (v1 was per day and store only:
  // an all-time count read one row per day, platform, status and store).
  2: {
    records: 'id, syncedAt, [jobId+syncedAt], *ids, *facets',
    stats: 'key, [storeId+bucket]',
    unrecognised: 'key',
  },
  // v3 (issues #11, #12): `listingIndex` finds a listing's open failures and later results by
  // key range (a later success fixes its failures; see listingIndexOf); `facets` gets word terms, the `open` status and fewer keys per record, and
  // serves the prefix search's term lookup too, so the `ids` index goes.
  3: {
    records: 'id, syncedAt, [jobId+syncedAt], *facets, *listingIndex',
    stats: 'key, [storeId+bucket]',
    unrecognised: 'key',
  },
  // v4 (issue #12): every index entry is a write the batch pays for, so fewer of them. `facets`
  // drops the platform-or-store with any status keys (those lists read the three status
  // ranges, merged) and serves retention (`* * *` is every record by time), so `syncedAt`
  // goes. `unfixed` names the listings that may have an unfixed failure, so a write reads the
  // unfixed failures of those listings only (see lib/db/resolve.ts); `listingIndex` has two
  // marks instead of four, so a failure reads one range a listing key (see listingIndexOf).
  4: {
    records: 'id, [jobId+syncedAt], *facets, *listingIndex',
    stats: 'key, [storeId+bucket]',
    unrecognised: 'key',
    unfixed: 'key',
  },
} as const;

export function openDb(name = DB_NAME): SyncHistoryDB {
  const db = new Dexie(name) as SyncHistoryDB;
  db.version(1).stores(SCHEMA_VERSIONS[1]);
  db.version(2)
    .stores(SCHEMA_VERSIONS[2])
    .upgrade(async (tx) => {
      // Recount from the records: the old rows cannot be split into the new buckets.
      const deltas: StatDeltas = new Map();
      await tx.table('stats').clear();
      await tx.table<SyncRecord, string>('records').each((r) => countChange(deltas, undefined, r));
      await tx.table('stats').bulkAdd(statRows(deltas));
    });
  db.version(3)
    .stores(SCHEMA_VERSIONS[3])
    .upgrade(async (tx) => {
      // Every record gets its listing keys, search words and new facets; then the closures of
      // every failure (one pass over all records, grouped in memory) and a recount.
      const records = tx.table<SyncRecord, string>('records');
      const all = (await records.toArray()).map((r) => withIndexes({ ...r, listing: [], listingIndex: [] }));
      const closed = closures(all);
      for (const r of all) {
        if (applyClosure(r, closed.get(r.id))) {
          r.facets = facetsOf(r);
          r.listingIndex = listingIndexOf(r);
        }
      }
      await records.bulkPut(all);
      const deltas: StatDeltas = new Map();
      for (const r of all) countChange(deltas, undefined, r);
      await tx.table('stats').clear();
      await tx.table('stats').bulkAdd(statRows(deltas));
    });
  db.version(4)
    .stores(SCHEMA_VERSIONS[4])
    .upgrade(async (tx) => {
      // The same records and closures, their `facets` and `listingIndex` in the v4 form (counts
      // do not change), and the listing keys of every unfixed failure.
      const unfixed = new Set<string>();
      await tx
        .table<SyncRecord, string>('records')
        .toCollection()
        .modify((r) => {
          r.facets = facetsOf(r);
          r.listingIndex = listingIndexOf(r);
          if (r.status === 'failed' && r.fixedBy === undefined) for (const k of r.listing) unfixed.add(k);
        });
      await tx.table<UnfixedRow, string>('unfixed').bulkPut([...unfixed].map((key) => ({ key })));
    });
  return db;
}
