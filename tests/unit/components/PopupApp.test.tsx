// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { PopupApp, type PopupDeps } from '@/components/PopupApp';
import { writeCapture } from '@/lib/db/repo';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { rangeBounds } from '@/lib/format/time';
import type { RecordDraft, Status } from '@/lib/records/record';
import { testDb } from '../../helpers/db';
import { domRoot } from '../../helpers/dom';

const { mount, waitFor } = domRoot();

const draft = (key: string, status: Status, observedAt: number): RecordDraft => ({
  key,
  platform: 'makro',
  kind: 'publish',
  status,
  observedAt,
  sku: key.toUpperCase(),
  errors: status === 'failed' ? [{ message: `Reason for ${key}` }] : [],
  changes: [],
});

async function popup(drafts: RecordDraft[]) {
  const { db } = testDb();
  await writeCapture(db, { drafts, jobs: [], unrecognised: [] });
  const deps = { db: db as SyncHistoryDB, openSidePanel: vi.fn(), markFailuresSeen: vi.fn() } satisfies PopupDeps;
  const el = await mount(<PopupApp deps={deps} />);
  await waitFor(() => el.querySelector('.counts') && el.querySelector('[aria-labelledby="fail-h"] :is(ul, p)'));
  return { el, deps };
}

const countOf = (el: HTMLElement, word: string): string =>
  [...el.querySelectorAll('.counts li')].find((li) => li.textContent!.includes(word))!.querySelector('.n')!.textContent!;

describe('PopupApp', () => {
  it("counts today's records by status (local day) and lists the latest failures, newest first", async () => {
    const now = Date.now();
    const startOfToday = rangeBounds('today', now)[0];
    const { el, deps } = await popup([
      draft('t-ok-1', 'success', now),
      draft('t-ok-2', 'success', now),
      draft('t-fail', 'failed', now),
      ...Array.from({ length: 6 }, (_, i) => draft(`y-fail-${i}`, 'failed', startOfToday - 1 - i * 60_000)),
      draft('y-pending', 'pending', startOfToday - 1),
    ]);
    expect(countOf(el, 'Success')).toBe('2');
    expect(countOf(el, 'Failed')).toBe('1');
    expect(countOf(el, 'Pending')).toBe('0');
    for (const li of el.querySelectorAll('.counts li')) expect(li.querySelector('[aria-hidden="true"]')!.textContent).toMatch(/^[✓✕◷]$/);
    const rows = [...el.querySelectorAll('[aria-labelledby="fail-h"] article')];
    expect(rows.map((a) => a.getAttribute('aria-label'))).toEqual(
      ['T-FAIL', 'Y-FAIL-0', 'Y-FAIL-1', 'Y-FAIL-2', 'Y-FAIL-3'].map((s) => `Failed, Makro publish, SKU ${s}`),
    );
    expect(deps.markFailuresSeen).toHaveBeenCalledTimes(1);
  });

  it('says when there are no failures', async () => {
    const { el } = await popup([draft('ok', 'success', Date.now())]);
    expect(el.querySelector('[aria-labelledby="fail-h"]')!.textContent).toContain('No failed publishes.');
  });

  it('opens the side panel with the trimmed search, or plainly from the header', async () => {
    const { el, deps } = await popup([]);
    const input = el.querySelector<HTMLInputElement>('#popup-q')!;
    expect(el.querySelector('label[for="popup-q"]')).not.toBeNull();
    await act(() => {
      input.value = '  KK-RUN-42 ';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      el.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(deps.openSidePanel).toHaveBeenLastCalledWith('KK-RUN-42');
    await act(() => el.querySelector<HTMLButtonElement>('header button')!.click());
    expect(deps.openSidePanel).toHaveBeenLastCalledWith();
  });
});
