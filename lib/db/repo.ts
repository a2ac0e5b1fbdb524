import { Dexie } from 'dexie';
import { recordId } from '../records/id';
import { mergeDraft, settleFromJob } from '../records/merge';
import type { JobSettlement, RecordDraft, SyncRecord, UnrecognisedOp } from '../records/record';
import { resolveListings } from './resolve';
import type { StatRow, SyncHistoryDB } from './schema';
import { countChange, type StatDeltas } from './stats';

/**
 * The write side. Only the background imports this module: one writer, so a
 * read-merge-write inside one transaction cannot race another writer.
 */

/** Applies the deltas to `stats`; call inside the transaction that wrote the records. */
export async function applyCounts(db: SyncHistoryDB, deltas: StatDeltas): Promise<void> {
  const keys = [...deltas.keys()].filter((k) => deltas.get(k)!.n !== 0);
  if (keys.length === 0) return;
  const current = await db.stats.bulkGet(keys);
  const put: StatRow[] = [];
  const del: string[] = [];
  keys.forEach((k, i) => {
    const d = deltas.get(k)!;
    const n = (current[i]?.n ?? 0) + d.n;
    if (n > 0) put.push({ ...d.row, n });
    else del.push(k);
  });
  await db.stats.bulkPut(put);
  await db.stats.bulkDelete(del);
}

export interface CaptureWrite {
  drafts: RecordDraft[];
  jobs: JobSettlement[];
  unrecognised: UnrecognisedOp[];
}

/** Keeps the distinct shapes an operation answered with, at most MAX_SHAPES, newest last. */
const MAX_SHAPES = 5;
function shapesAfter(prev: string[] | undefined, shape: string | undefined): { shapes?: string[] } {
  if (!shape) return prev ? { shapes: prev } : {};
  return { shapes: [...(prev ?? []).filter((s) => s !== shape), shape].slice(-MAX_SHAPES) };
}

/** Drafts per transaction: a 10,000-item batch is written as 10 transactions, the worker free between them. */
export const WRITE_CHUNK = 1000;

export interface WriteOptions {
  /** Drafts (and job rows) per transaction. */
  chunk?: number;
  /** Called as each stage of a chunk ends, with the stage's name (the benchmark's breakdown). */
  lap?: (stage: string) => void;
}

/** Lets timers, messages and the other pages' work run between two transactions. */
export const yieldTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Writes one capture: records merged by id (idempotent), job settlements, the failures of
 * the same listings that these results fix (resolveListings), per-day counts and
 * unrecognised-operation counters. Resolves after the last commit.
 *
 * A large capture (a 10,000-item batch) is written `chunk` drafts per transaction, yielding
 * between them, so the worker's event loop never stalls for the whole batch and an open side
 * panel hears of the change once per chunk. Each chunk is a whole read-merge-write of its
 * own, and every step is idempotent by Record ID: when a chunk fails (storage full), the
 * chunks before it stay written, the capture is answered "retry", and the resend merges the
 * committed rows to themselves (no change, so nothing is counted twice) and writes the rest.
 * A job settlement's rows are read by id once, then settled a chunk per transaction; the
 * unrecognised-operation counters go with the last transaction (counted once per capture id).
 */
export async function writeCapture(
  db: SyncHistoryDB,
  w: CaptureWrite,
  opts: WriteOptions = {},
): Promise<{ written: number; changed: SyncRecord[] }> {
  const size = Math.max(1, Math.floor(opts.chunk ?? WRITE_CHUNK));
  const changed: SyncRecord[] = [];
  const steps: (() => Promise<SyncRecord[]>)[] = [];
  for (let i = 0; i < w.drafts.length; i += size) {
    const drafts = w.drafts.slice(i, i + size);
    steps.push(() => writeChunk(db, drafts, opts.lap));
  }
  for (const job of w.jobs) {
    steps.push(async () => {
      const ids = (await db.records
        .where('[jobId+syncedAt]')
        .between([job.jobId, Dexie.minKey], [job.jobId, Dexie.maxKey])
        .primaryKeys()) as string[];
      const out: SyncRecord[] = [];
      for (let i = 0; i < ids.length; i += size) {
        if (i > 0) await yieldTask();
        out.push(...(await settleChunk(db, job, ids.slice(i, i + size), opts.lap)));
      }
      return out;
    });
  }
  if (w.unrecognised.length > 0) steps.push(() => countUnrecognised(db, w.unrecognised).then(() => []));
  for (const [i, step] of steps.entries()) {
    if (i > 0) await yieldTask();
    changed.push(...(await step()));
  }
  return { written: changed.length, changed };
}

/** Whether two stored rows (plain JSON-like values) are equal: a write that changes nothing is skipped. */
export function sameRow(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameRow(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    n += 1;
    if (!sameRow(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) n -= 1;
  return n === 0;
}

/** Resolves, counts and puts merged rows (`byId`) over the stored ones (`before`); inside the transaction. */
async function putChanged(
  db: SyncHistoryDB,
  byId: Map<string, SyncRecord | undefined>,
  before: Map<string, SyncRecord | undefined>,
  lap?: (stage: string) => void,
): Promise<SyncRecord[]> {
  await resolveListings(db, byId, before);
  lap?.('resolve');
  const changed: SyncRecord[] = [];
  const deltas: StatDeltas = new Map();
  for (const [id, next] of byId) {
    const prev = before.get(id);
    if (!next || (prev && sameRow(prev, next))) continue;
    countChange(deltas, prev, next);
    changed.push(next);
  }
  lap?.('diff');
  await db.records.bulkPut(changed);
  lap?.('put');
  await applyCounts(db, deltas);
  lap?.('counts');
  return changed;
}

/** One transaction: drafts merged over the stored rows of their ids. */
function writeChunk(db: SyncHistoryDB, drafts: RecordDraft[], lap?: (stage: string) => void): Promise<SyncRecord[]> {
  return db.transaction('rw', db.records, db.stats, async () => {
    const byId = new Map<string, SyncRecord | undefined>();
    const ids = [...new Set(drafts.map((d) => recordId(d.platform, d.key)))];
    const found = await db.records.bulkGet(ids);
    ids.forEach((id, i) => {
      byId.set(id, found[i]);
    });
    lap?.('get');
    const before = new Map(byId);
    for (const d of drafts) {
      const id = recordId(d.platform, d.key);
      byId.set(id, mergeDraft(byId.get(id), d));
    }
    lap?.('merge');
    return putChanged(db, byId, before, lap);
  });
}

/** One transaction: a job's result applied to some of its rows (by id; only pending ones move). */
function settleChunk(db: SyncHistoryDB, job: JobSettlement, ids: string[], lap?: (stage: string) => void): Promise<SyncRecord[]> {
  return db.transaction('rw', db.records, db.stats, async () => {
    const rows = await db.records.bulkGet(ids);
    lap?.('get');
    const byId = new Map<string, SyncRecord | undefined>();
    const before = new Map<string, SyncRecord | undefined>();
    for (const r of rows) {
      if (!r || r.platform !== job.platform || r.jobId !== job.jobId) continue;
      before.set(r.id, r);
      byId.set(r.id, settleFromJob(r, job));
    }
    lap?.('merge');
    return putChanged(db, byId, before, lap);
  });
}

/** Counts operations no rule recognised, once per capture id; in a transaction of its own. */
function countUnrecognised(db: SyncHistoryDB, ops: UnrecognisedOp[]): Promise<void> {
  return db.transaction('rw', db.unrecognised, async () => {
    for (const op of ops) {
      const key = `${op.platform} ${op.method} ${op.endpoint} ${op.operation ?? ''}`;
      const cur = await db.unrecognised.get(key);
      if (op.captureId && cur?.recent?.includes(op.captureId)) continue;
      await db.unrecognised.put({
        key,
        platform: op.platform,
        method: op.method,
        endpoint: op.endpoint,
        ...(op.operation ? { operation: op.operation } : {}),
        count: (cur?.count ?? 0) + 1,
        firstSeen: cur?.firstSeen ?? op.observedAt,
        lastSeen: Math.max(cur?.lastSeen ?? 0, op.observedAt),
        recent: op.captureId ? [...(cur?.recent ?? []), op.captureId].slice(-50) : (cur?.recent ?? []),
        ...shapesAfter(cur?.shapes, op.shape),
      });
    }
  });
}
