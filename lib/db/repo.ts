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

/**
 * Writes one capture in one transaction: records merged by id (idempotent), job
 * settlements, the failures of the same listings that these results fix (resolveListings),
 * per-day counts and unrecognised-operation counters. Resolves after commit.
 */
export async function writeCapture(db: SyncHistoryDB, w: CaptureWrite): Promise<{ written: number; changed: SyncRecord[] }> {
  return db.transaction('rw', db.records, db.stats, db.unrecognised, async () => {
    const byId = new Map<string, SyncRecord | undefined>();
    const ids = [...new Set(w.drafts.map((d) => recordId(d.platform, d.key)))];
    const found = await db.records.bulkGet(ids);
    ids.forEach((id, i) => {
      byId.set(id, found[i]);
    });
    const before = new Map(byId);
    for (const d of w.drafts) {
      const id = recordId(d.platform, d.key);
      byId.set(id, mergeDraft(byId.get(id), d));
    }
    for (const job of w.jobs) {
      const rows = await db.records.where('[jobId+syncedAt]').between([job.jobId, Dexie.minKey], [job.jobId, Dexie.maxKey]).toArray();
      for (const r of rows) {
        if (r.platform !== job.platform) continue;
        if (!before.has(r.id)) before.set(r.id, r);
        byId.set(r.id, settleFromJob(byId.get(r.id) ?? r, job));
      }
    }
    await resolveListings(db, byId, before);
    const changed: SyncRecord[] = [];
    const deltas: StatDeltas = new Map();
    for (const [id, next] of byId) {
      const prev = before.get(id);
      if (!next || (prev && JSON.stringify(prev) === JSON.stringify(next))) continue;
      countChange(deltas, prev, next);
      changed.push(next);
    }
    await db.records.bulkPut(changed);
    await applyCounts(db, deltas);
    for (const op of w.unrecognised) {
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
    return { written: changed.length, changed };
  });
}
