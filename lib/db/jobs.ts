import { facetRange } from '../records/facets';
import { isOpenFailure } from '../records/listing';
import type { Platform, Status, SyncRecord } from '../records/record';
import type { SyncHistoryDB } from './schema';

/**
 * Jobs as one row (issue #11): a batch or bulk job's items collapse into one list entry, whose
 * summary ("7 of 25 failed") comes from index counts and whose detail lists failures first.
 */

/** One entry of the history list: a record, or a job standing for every item of it. */
export type ListItem =
  | { kind: 'record'; key: string; record: SyncRecord }
  | { kind: 'job'; key: string; jobId: string; platform: Platform; newest: SyncRecord; loaded: number };

/**
 * Groups loaded list rows: the items of one job (same platform and job id) become one entry,
 * at the place of the newest of them; other rows keep their order. `loaded` is how many of
 * the job's items these rows hold (the summary counts them all).
 */
export function groupJobs(rows: readonly SyncRecord[]): ListItem[] {
  const out: ListItem[] = [];
  const jobs = new Map<string, Extract<ListItem, { kind: 'job' }>>();
  for (const r of rows) {
    if (!r.jobId) {
      out.push({ kind: 'record', key: r.id, record: r });
      continue;
    }
    const key = `job:${r.platform}:${r.jobId}`;
    const seen = jobs.get(key);
    if (seen) {
      seen.loaded += 1;
      continue;
    }
    const item = { kind: 'job' as const, key, jobId: r.jobId, platform: r.platform, newest: r, loaded: 1 };
    jobs.set(key, item);
    out.push(item);
  }
  return out;
}

export interface JobSummary {
  total: number;
  counts: Record<Status, number>;
}

/**
 * How many items of a job have each status: three index counts on the job id's term (its
 * `term|*|status` keys; a job id shared by an unrelated record's other id would count that
 * record too, which job ids, long portal-issued tokens, do not do).
 */
export async function jobSummary(db: SyncHistoryDB, jobId: string): Promise<JobSummary> {
  const term = jobId.toLowerCase();
  const counts = { success: 0, failed: 0, pending: 0 };
  for (const status of ['success', 'failed', 'pending'] as const) {
    const [lo, hi] = facetRange({ term, platform: '*', status }, 0, Number.MAX_SAFE_INTEGER);
    counts[status] = await db.records.where('facets').between(lo, hi, true, true).count();
  }
  return { total: counts.success + counts.failed + counts.pending, counts };
}

const ORDER: Record<Status, number> = { failed: 0, pending: 1, success: 2 };

/** Every item of a job: failures first (still failing before fixed ones), then pending, then saved; each oldest first. */
export async function jobItems(db: SyncHistoryDB, jobId: string, platform?: Platform): Promise<SyncRecord[]> {
  const rows = await db.records.where('[jobId+syncedAt]').between([jobId, 0], [jobId, Number.MAX_SAFE_INTEGER]).toArray();
  return sortJobItems(platform ? rows.filter((r) => r.platform === platform) : rows);
}

export function sortJobItems(rows: readonly SyncRecord[]): SyncRecord[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const s = ORDER[a.r.status] - ORDER[b.r.status];
      if (s !== 0) return s;
      const o = Number(isOpenFailure(b.r)) - Number(isOpenFailure(a.r));
      return o !== 0 ? o : a.i - b.i;
    })
    .map((x) => x.r);
}

/** The SKUs of a job's failed items, one a line, each once (else their product ids). */
export function failedSkus(items: readonly SyncRecord[]): string {
  const out = new Set<string>();
  for (const r of items) {
    if (r.status !== 'failed') continue;
    const id = r.sku ?? r.productId ?? r.draftId;
    if (id) out.add(id);
  }
  return [...out].join('\n');
}
