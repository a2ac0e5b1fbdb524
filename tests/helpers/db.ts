import type { DBCore, DBCoreMutateRequest, DBCoreQuery, DBCoreTable } from 'dexie';
import { writeCapture } from '@/lib/db/repo';
import { openDb, type StatRow, type SyncHistoryDB } from '@/lib/db/schema';
import { countChange, type StatDeltas } from '@/lib/db/stats';
import type { CaptureResult } from '@/lib/platforms';

let n = 0;

export interface ReadLog {
  table: string;
  index: string;
  range: boolean;
  /** Rows (or keys) a query answered, once answered. */
  rows?: number;
}

/** A fresh database in fake-indexeddb, with every read request it serves logged. */
export function testDb(): { db: SyncHistoryDB; reads: ReadLog[] } {
  n += 1;
  const db = openDb(`test-${n}-${Math.random().toString(36).slice(2)}`);
  const reads: ReadLog[] = [];
  const log = (table: string, q: DBCoreQuery): ReadLog => {
    const entry: ReadLog = { table, index: q.index.name ?? '', range: q.range.type !== 3 /* DBCoreRangeType.Any */ };
    reads.push(entry);
    return entry;
  };
  wrapTables(db, 'read-log', (name, t) => ({
    ...t,
    query: (req) => {
      const entry = log(name, req.query);
      return t.query(req).then((res) => {
        entry.rows = res.result.length;
        return res;
      });
    },
    openCursor: (req) => {
      log(name, req.query);
      return t.openCursor(req);
    },
    count: (req) => {
      log(name, req.query);
      return t.count(req);
    },
  }));
  return { db, reads };
}

export async function store(db: SyncHistoryDB, results: CaptureResult[]): Promise<void> {
  for (const r of results) await writeCapture(db, r);
}

/** Puts a DBCore middleware named `name` around every table: `wrap` returns the table to use. */
export function wrapTables(db: SyncHistoryDB, name: string, wrap: (table: string, down: DBCoreTable) => DBCoreTable): void {
  db.use({
    stack: 'dbcore',
    name,
    create: (down: DBCore): DBCore => ({ ...down, table: (table) => wrap(table, down.table(table)) }),
  });
}

/** Makes writes fail: `fault` returns the error to throw for a table's mutation, or nothing. */
export function failWrites(db: SyncHistoryDB, fault: (table: string, req: DBCoreMutateRequest) => Error | undefined): void {
  wrapTables(db, 'fail-writes', (name, t) => ({
    ...t,
    mutate: (req) => {
      const err = fault(name, req);
      return err ? Promise.reject(err) : t.mutate(req);
    },
  }));
}

/**
 * What `stats` should hold, counted from the records: the oracle the tests hold the writer's
 * running counts to (a full read). Sorted by key.
 */
export async function recountStats(db: SyncHistoryDB): Promise<StatRow[]> {
  const deltas: StatDeltas = new Map();
  await db.records.each((r) => countChange(deltas, undefined, r));
  return [...deltas.values()]
    .filter((d) => d.n > 0)
    .map((d) => ({ ...d.row, n: d.n }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
