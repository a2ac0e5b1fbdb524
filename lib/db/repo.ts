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

/**
 * Rows one IndexedDB call reads or writes. The browser serialises each row and makes its index
 * keys (about 20) on the calling thread, synchronously, as `bulkPut` issues the puts: about
 * 0.1 ms a row in Chromium, so a chunk's 1,000 rows in one call held the worker 100–250 ms.
 * Split in calls of this many, awaited in turn inside the chunk's transaction (it stays open
 * while a request is pending), timers and messages run between them.
 */
export const CALL_ROWS = 250;

/** `call` on `list` CALL_ROWS items at a time, each awaited before the next; the answers in order. Inside a transaction. */
export async function inCalls<T, R>(list: T[], call: (part: T[]) => PromiseLike<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < list.length; i += CALL_ROWS) out.push(...(await call(list.slice(i, i + CALL_ROWS))));
  return out;
}

/** Lets timers and messages run (between two chunks of synchronous work). */
export const yieldTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Writes one capture: records merged by id (idempotent), job settlements, the failures of
 * the same listings that these results fix (resolveListings), per-day counts and
 * unrecognised-operation counters. Resolves after the last commit.
 *
 * A large capture (a 10,000-item batch) is written `chunk` drafts per transaction, so no
 * synchronous step holds the worker for the whole batch (every IndexedDB answer is a task of
 * its own, so timers and messages run between them) and an open side panel hears of the
 * change once per chunk. The next chunk's transaction is opened while one runs: IndexedDB
 * runs it right after, before the readers that the commit's change notice wakes (a panel's
 * queries), so they wait for the batch instead of the batch waiting for each of their rounds.
 * Each chunk is a whole read-merge-write of its own (it reads what the chunk before it
 * committed), and every step is idempotent by Record ID: when a chunk fails (storage full),
 * the chunks that committed stay written, the capture is answered "retry", and the resend
 * merges the committed rows to themselves (no change, so nothing is counted twice) and writes
 * the rest. A job settlement's rows are read by id once, then settled a chunk per
 * transaction; the unrecognised-operation counters go last (counted once per capture id).
 */
export async function writeCapture(
  db: SyncHistoryDB,
  w: CaptureWrite,
  opts: WriteOptions = {},
): Promise<{ written: number; changed: SyncRecord[] }> {
  const size = Math.max(1, Math.floor(opts.chunk ?? WRITE_CHUNK));
  const changed: SyncRecord[] = [];
  const chunks: RecordDraft[][] = [];
  for (let i = 0; i < w.drafts.length; i += size) chunks.push(w.drafts.slice(i, i + size));
  changed.push(...(await pipelined(chunks, (drafts) => writeChunk(db, drafts, opts.lap))));
  for (const job of w.jobs) {
    const ids = (await db.records
      .where('[jobId+syncedAt]')
      .between([job.jobId, Dexie.minKey], [job.jobId, Dexie.maxKey])
      .primaryKeys()) as string[];
    const parts: string[][] = [];
    for (let i = 0; i < ids.length; i += size) parts.push(ids.slice(i, i + size));
    changed.push(...(await pipelined(parts, (part) => settleChunk(db, job, part, opts.lap))));
  }
  if (w.unrecognised.length > 0) await countUnrecognised(db, w.unrecognised);
  return { written: changed.length, changed };
}

/**
 * Runs one transaction per part, the next one opened while the one before runs (at most two
 * at a time). Answers every part's rows, in order; rejects with the first failure, after the
 * transaction already opened behind it has settled (it commits or fails on its own).
 */
async function pipelined<T>(parts: T[], write: (part: T) => Promise<SyncRecord[]>): Promise<SyncRecord[]> {
  const out: SyncRecord[] = [];
  let running: Promise<SyncRecord[]> | undefined;
  for (const part of parts) {
    const next = write(part);
    if (running) {
      try {
        out.push(...(await running));
      } catch (err) {
        await next.catch(() => undefined);
        throw err;
      }
    }
    running = next;
  }
  if (running) out.push(...(await running));
  return out;
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
  await resolveListings(db, byId, before, { lap });
  lap?.('resolve.unfixed-table');
  const changed: SyncRecord[] = [];
  const deltas: StatDeltas = new Map();
  for (const [id, next] of byId) {
    const prev = before.get(id);
    if (!next || (prev && sameRow(prev, next))) continue;
    countChange(deltas, prev, next);
    changed.push(next);
  }
  lap?.('diff');
  await inCalls(changed, (p) => db.records.bulkPut(p).then(() => p));
  lap?.('put');
  await applyCounts(db, deltas);
  lap?.('counts');
  return changed;
}

/** One transaction: drafts merged over the stored rows of their ids. */
function writeChunk(db: SyncHistoryDB, drafts: RecordDraft[], lap?: (stage: string) => void): Promise<SyncRecord[]> {
  return db.transaction('rw', db.records, db.stats, db.unfixed, async () => {
    const byId = new Map<string, SyncRecord | undefined>();
    const ids = [...new Set(drafts.map((d) => recordId(d.platform, d.key)))];
    const found = await inCalls(ids, (p) => db.records.bulkGet(p));
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
  return db.transaction('rw', db.records, db.stats, db.unfixed, async () => {
    const rows = await inCalls(ids, (p) => db.records.bulkGet(p));
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
