import { Dexie, type EntityTable } from 'dexie';
import type { Platform, Status, SyncRecord } from '../records/record';

export const DB_NAME = 'sync-history';

/** Per-day counts the background keeps as it writes, so status counts never scan records. */
export interface StatRow {
  /** `${day}|${platform}|${status}|${storeId}` */
  key: string;
  /** Local calendar day of `syncedAt`, `yyyy-MM-dd`. */
  day: string;
  platform: Platform;
  status: Status;
  storeId: string;
  n: number;
}

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
} as const;

export function openDb(name = DB_NAME): SyncHistoryDB {
  const db = new Dexie(name) as SyncHistoryDB;
  db.version(1).stores(SCHEMA_VERSIONS[1]);
  return db;
}
