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

export type SyncHistoryDB = Dexie & {
  records: EntityTable<SyncRecord, 'id'>;
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
  return db;
}
