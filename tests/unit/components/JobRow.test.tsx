// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { JobRow } from '@/components/JobRow';
import { writeCapture } from '@/lib/db/repo';
import type { RecordDraft } from '@/lib/records/record';
import { testDb } from '../../helpers/db';
import { domRoot } from '../../helpers/dom';
import { T0 } from '../../helpers/records';

const { mount, waitFor } = domRoot();

const item = (key: string, over: Partial<RecordDraft> = {}): RecordDraft => ({
  key,
  platform: 'takealot',
  kind: 'import',
  status: 'pending',
  observedAt: T0,
  storeId: '29384756',
  jobId: '884213',
  errors: [],
  changes: [],
  ...over,
});

describe('JobRow', () => {
  it('a job of one item (a loadsheet) is that item’s row: named by its file, it opens the record', async () => {
    const { db } = testDb();
    await writeCapture(db, { drafts: [item('loadsheet:884213', { title: 'kasi-kicks-winter-range.xlsx' })], jobs: [], unrecognised: [] });
    const [rec] = await db.records.toArray();
    const onOpen = vi.fn();
    const onOpenRecord = vi.fn();
    const el = await mount(
      <JobRow db={db} jobId="884213" platform="takealot" newest={rec!} loaded={1} now={T0} onOpen={onOpen} onOpenRecord={onOpenRecord} />,
    );
    const name = await waitFor(() => el.querySelector<HTMLButtonElement>('button.row-open.name'));
    expect(name.textContent).toBe('Details: kasi-kicks-winter-range.xlsx');
    expect(el.querySelector('.row-job')).toBeNull();
    await act(() => name.click());
    expect(onOpenRecord).toHaveBeenCalledWith(expect.objectContaining({ id: rec!.id }));
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('a job of several items is one job row with its counts, even when the list has loaded only one of them', async () => {
    const { db } = testDb();
    await writeCapture(db, {
      drafts: [
        item('a', { sku: 'KK-01', jobId: 'UXB-7' }),
        item('b', { sku: 'KK-02', jobId: 'UXB-7', status: 'failed', errors: [{ message: 'Image too small' }] }),
      ],
      jobs: [],
      unrecognised: [],
    });
    const newest = (await db.records.toArray())[0]!;
    const onOpen = vi.fn();
    const el = await mount(
      <JobRow db={db} jobId="UXB-7" platform="takealot" newest={newest} loaded={1} now={T0} onOpen={onOpen} onOpenRecord={vi.fn()} />,
    );
    const open = await waitFor(() => el.querySelector<HTMLButtonElement>('.row-job button.row-open'));
    await waitFor(() => open.textContent?.includes('2 items'));
    expect(open.textContent).toBe('Open job: 2 items · 1 failed · 1 pending');
    await act(() => open.click());
    expect(onOpen).toHaveBeenCalledWith('UXB-7', 'takealot');
  });
});
