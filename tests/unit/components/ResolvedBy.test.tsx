// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { JobSummary } from '@/components/JobSummary';
import { ResolvedBy } from '@/components/ResolvedBy';
import { writeCapture } from '@/lib/db/repo';
import type { RecordDraft } from '@/lib/records/record';
import { testDb } from '../../helpers/db';
import { domRoot } from '../../helpers/dom';

const { mount, waitFor } = domRoot();
const AT = Date.UTC(2026, 10, 26, 14, 36); // 16:36 SAST

const d = (key: string, status: 'failed' | 'success', at: number, over: Partial<RecordDraft> = {}): RecordDraft => ({
  key,
  platform: 'takealot',
  kind: 'publish',
  status,
  observedAt: at,
  storeId: '29384756',
  sku: 'SOLAR-LAMP-12',
  errors: status === 'failed' ? [{ message: 'Selling price must be below the RRP' }] : [],
  changes: [],
  ...over,
});

describe('ResolvedBy', () => {
  it('a fixed failure says "Fixed" with the time and opens the save that fixed it; an open one says still failing', async () => {
    vi.stubEnv('TZ', 'Africa/Johannesburg');
    const { db } = testDb();
    await writeCapture(db, {
      drafts: [d('a', 'failed', AT - 3_600_000), d('b', 'success', AT), d('c', 'failed', AT, { sku: 'OTHER' })],
      jobs: [],
      unrecognised: [],
    });
    const rows = await db.records.toArray();
    const fixed = rows.find((r) => r.status === 'failed' && r.sku === 'SOLAR-LAMP-12')!;
    const open = rows.find((r) => r.sku === 'OTHER')!;
    const onOpen = vi.fn();
    const el = await mount(
      <div>
        <ResolvedBy db={db} record={fixed} onOpen={onOpen} />
        <ResolvedBy db={db} record={open} onOpen={onOpen} />
      </div>,
    );
    const button = await waitFor(() => el.querySelector<HTMLButtonElement>('.fixed button'));
    expect(el.querySelector('.fixed')!.textContent).toContain('Fixed 16:36');
    await act(() => button.click());
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: fixed.fixedBy, status: 'success' }));
    expect(el.querySelector('.open')!.textContent).toContain('Still failing');
    vi.unstubAllEnvs();
  });

  it('a job lists "7 of 25"-style counts, failures first, and copies the failed SKUs', async () => {
    const { db } = testDb();
    const items = Array.from({ length: 5 }, (_, i) =>
      d(`j${i}`, i % 2 ? 'failed' : 'success', AT + i, { sku: `SKU-${i}`, jobId: 'UXB-1', kind: 'import' }),
    );
    await writeCapture(db, { drafts: items, jobs: [], unrecognised: [] });
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const el = await mount(<JobSummary db={db} jobId="UXB-1" platform="takealot" onOpen={vi.fn()} />);
    // Opened from the keyboard, focus lands on the job's heading (as a record's does).
    expect(document.activeElement).toBe(el.querySelector('h2'));
    await waitFor(() => el.querySelector('.job-items li'));
    expect(el.querySelector('.job-line')!.textContent).toBe('2 of 5 failed');
    expect([...el.querySelectorAll('.job-items li button')].map((b) => b.textContent)).toEqual([
      'SKU-1',
      'SKU-3',
      'SKU-0',
      'SKU-2',
      'SKU-4',
    ]);
    await act(() => [...el.querySelectorAll<HTMLButtonElement>('.job-tools button')][0]!.click());
    expect(writeText).toHaveBeenCalledWith('SKU-1\nSKU-3');
  });
});
