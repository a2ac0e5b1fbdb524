import type { DBCore, DBCoreMutateRequest, DBCoreQuery } from 'dexie';
import { writeCapture } from '@/lib/db/repo';
import { openDb, type SyncHistoryDB } from '@/lib/db/schema';
import type { CaptureResult } from '@/lib/platforms';

let n = 0;

/** A fresh database in fake-indexeddb, with every read request it serves logged. */
export function testDb(): { db: SyncHistoryDB; reads: { table: string; index: string; range: boolean }[] } {
  n += 1;
  const db = openDb(`test-${n}-${Math.random().toString(36).slice(2)}`);
  const reads: { table: string; index: string; range: boolean }[] = [];
  const log = (table: string, q: DBCoreQuery) =>
    reads.push({ table, index: q.index.name ?? '', range: q.range.type !== 3 /* DBCoreRangeType.Any */ });
  db.use({
    stack: 'dbcore',
    name: 'read-log',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          query: (req) => {
            log(name, req.query);
            return t.query(req);
          },
          openCursor: (req) => {
            log(name, req.query);
            return t.openCursor(req);
          },
          count: (req) => {
            log(name, req.query);
            return t.count(req);
          },
        };
      },
    }),
  });
  return { db, reads };
}

export async function store(db: SyncHistoryDB, results: CaptureResult[]): Promise<void> {
  for (const r of results) await writeCapture(db, r);
}

/** Makes writes fail: `fault` returns the error to throw for a table's mutation, or nothing. */
export function failWrites(db: SyncHistoryDB, fault: (table: string, req: DBCoreMutateRequest) => Error | undefined): void {
  db.use({
    stack: 'dbcore',
    name: 'fail-writes',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          mutate: (req) => {
            const err = fault(name, req);
            return err ? Promise.reject(err) : t.mutate(req);
          },
        };
      },
    }),
  });
}
