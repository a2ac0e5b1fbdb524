import { describe, expect, it } from 'vitest';
import { failedSkus, groupJobs, jobItems, jobSummary } from '@/lib/db/jobs';
import { writeCapture } from '@/lib/db/repo';
import type { RecordDraft, Status, SyncRecord } from '@/lib/records/record';
import { testDb } from '../../helpers/db';
import { T0 } from '../../helpers/records';

/** Issue #11: a 25-item batch with 7 failures is one row; its detail lists failures first. */
const item = (i: number, status: Status, jobId = 'UXB-20261126-0819'): RecordDraft => ({
  key: `${jobId}-${i}`,
  platform: 'takealot',
  kind: 'import',
  status,
  observedAt: T0 + i,
  storeId: '29384756',
  sku: `KK-${String(i).padStart(2, '0')}`,
  jobId,
  errors: status === 'failed' ? [{ message: `Image too small (${i})` }] : [],
  changes: [],
});

describe('jobs as one row', () => {
  it('groups a batch into one entry at its newest item, counts it, and lists failures first then the rest in order', async () => {
    const { db } = testDb();
    const failing = [1, 4, 7, 10, 13, 16, 19];
    const statuses: Status[] = Array.from({ length: 25 }, (_, i) => (failing.includes(i) ? 'failed' : i >= 23 ? 'pending' : 'success'));
    const { jobId: _none, ...solo } = { ...item(100, 'failed'), key: 'solo', sku: 'SOLO' };
    await writeCapture(db, { drafts: [...statuses.map((s, i) => item(i, s)), solo], jobs: [], unrecognised: [] });
    const rows = (await db.records.toArray()).sort((a, b) => b.syncedAt - a.syncedAt);
    const items = groupJobs(rows);
    expect(items.map((i) => i.kind)).toEqual(['record', 'job']);
    const job = items[1]!;
    expect(job.kind === 'job' && job.loaded).toBe(25);
    expect(await jobSummary(db, 'UXB-20261126-0819')).toEqual({ total: 25, counts: { success: 16, failed: 7, pending: 2 } });
    const list = await jobItems(db, 'UXB-20261126-0819', 'takealot');
    expect(list.map((r) => r.status)).toEqual([...Array(7).fill('failed'), 'pending', 'pending', ...Array(16).fill('success')]);
    // Within each group, the batch's own order.
    const failedList = list.filter((r) => r.status === 'failed').map((r) => r.sku!);
    expect(failedList).toEqual(failing.map((i) => `KK-${String(i).padStart(2, '0')}`));
    expect(failedSkus(list)).toBe(failedList.join('\n'));
  });

  it('two jobs, and rows of another platform with the same job id, stay apart', () => {
    const r = (id: string, jobId: string | undefined, platform: 'takealot' | 'shopify' = 'takealot') =>
      ({ id, platform, status: 'success', syncedAt: 0, ...(jobId ? { jobId } : {}) }) as SyncRecord;
    const items = groupJobs([r('1', 'A'), r('2', 'B'), r('3', 'A'), r('4', 'A', 'shopify'), r('5', undefined)]);
    expect(items.map((i) => i.key)).toEqual(['job:takealot:A', 'job:takealot:B', 'job:shopify:A', '5']);
  });
});
