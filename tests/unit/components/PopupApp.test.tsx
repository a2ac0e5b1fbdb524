// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { PopupApp, type PopupDeps } from '@/components/PopupApp';
import { popupStatus } from '@/lib/background/popupStatus';
import { watchDbChanges } from '@/lib/db/changes';
import { writeCapture } from '@/lib/db/repo';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { rangeBounds } from '@/lib/format/time';
import type { Reply } from '@/lib/messaging';
import type { RecordDraft } from '@/lib/records/record';
import { testDb } from '../../helpers/db';
import { domRoot } from '../../helpers/dom';
import { draft } from '../../helpers/records';

const { mount, waitFor } = domRoot();

/** The popup's records here are Makro's (their labels and record ids say so). */
const MAKRO = { platform: 'makro' } as const;

/** What the background answers to `popup-status` (lib/handlers.ts), from this database. */
const answerFrom = (db: SyncHistoryDB) => async (): Promise<Reply<'popup-status'>> => ({
  ok: true,
  ...(await popupStatus(db, Date.now())),
});

async function popup(drafts: RecordDraft[], more: Partial<PopupDeps> = {}) {
  const { db } = testDb();
  if (drafts.length > 0) await writeCapture(db, { drafts, jobs: [], unrecognised: [] });
  const deps = { status: answerFrom(db), openSidePanel: vi.fn(), markFailuresSeen: vi.fn(), ...more } satisfies PopupDeps;
  const el = await mount(<PopupApp deps={deps} />);
  await waitFor(() =>
    drafts.length === 0
      ? el.querySelector('.first-run')
      : el.querySelector('.counts') && el.querySelector('[aria-labelledby="fail-h"] :is(ul, p)'),
  );
  return { el, deps, db };
}

const countOf = (el: HTMLElement, word: string): string =>
  [...el.querySelectorAll('.counts li')].find((li) => li.textContent!.includes(word))!.querySelector('.n')!.textContent!;

describe('PopupApp', () => {
  it("counts today's records by status (local day) and lists the latest failures, newest first", async () => {
    const now = Date.now();
    const startOfToday = rangeBounds('today', now)[0];
    const { el, deps } = await popup([
      draft('t-ok-1', 'success', now, MAKRO),
      draft('t-ok-2', 'success', now, MAKRO),
      draft('t-fail', 'failed', now, MAKRO),
      ...Array.from({ length: 6 }, (_, i) => draft(`y-fail-${i}`, 'failed', startOfToday - 1 - i * 60_000, MAKRO)),
      draft('y-pending', 'pending', startOfToday - 1, MAKRO),
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

  it('says when nothing is failing', async () => {
    const { el } = await popup([draft('ok', 'success', Date.now(), MAKRO)]);
    expect(el.querySelector('[aria-labelledby="fail-h"]')!.textContent).toContain('Nothing is failing');
  });

  it('an empty history says "Nothing recorded yet", not that all is well', async () => {
    const { el } = await popup([]);
    expect(el.textContent).toContain('Nothing recorded yet');
    expect(el.textContent).not.toMatch(/No failed publishes|Nothing is failing/);
  });

  it('lists only what is still failing: a failure a later save fixed is gone; a failure opens its record', async () => {
    const now = Date.now();
    const { el, deps } = await popup([
      { ...draft('lamp-a', 'failed', now - 60_000, MAKRO), sku: 'SOLAR-LAMP-12' },
      { ...draft('lamp-b', 'success', now - 1000, MAKRO), sku: 'SOLAR-LAMP-12' },
      draft('other', 'failed', now - 30_000, MAKRO),
    ]);
    const rows = [...el.querySelectorAll('[aria-labelledby="fail-h"] article')];
    expect(rows.map((a) => a.getAttribute('aria-label'))).toEqual(['Failed, Makro publish, SKU OTHER']);
    await act(() => rows[0]!.querySelector<HTMLButtonElement>('button.row-open')!.click());
    expect(deps.openSidePanel).toHaveBeenLastCalledWith({ q: '', open: expect.stringMatching(/^MKR-/) });
    // The count of what is still failing is a way into the panel's Still-failing view.
    const viewAll = [...el.querySelectorAll<HTMLButtonElement>('#fail-h button')].find((b) => b.textContent!.includes('view all'))!;
    expect(viewAll.textContent).toContain('1');
    await act(() => viewAll.click());
    expect(deps.openSidePanel).toHaveBeenLastCalledWith({ q: '', status: 'open', range: 'all' });
    // Today's counts open the panel filtered to today and that status.
    await act(() => [...el.querySelectorAll<HTMLButtonElement>('.counts button')].find((b) => b.textContent!.includes('Failed'))!.click());
    expect(deps.openSidePanel).toHaveBeenLastCalledWith({ q: '', status: 'failed', range: 'today' });
  });

  it('names the portal tabs that are not being recorded and reloads them', async () => {
    const reloadTabs = vi.fn(async () => undefined);
    const tabs = [
      { id: 7, title: 'Takealot Seller Portal', url: 'https://sellers.takealot.com/offers' },
      { id: 9, title: 'Makro Seller Hub', url: 'https://seller.makro.co.za/' },
    ];
    const { el } = await popup([], { tabsNeedingReload: async () => tabs, reloadTabs });
    await waitFor(() => el.querySelector('.health'));
    expect(el.querySelector('#health-h')!.textContent).toBe('2 portal tabs are not being recorded');
    expect([...el.querySelectorAll('.health li')].map((li) => li.textContent)).toEqual(['Takealot Seller Portal', 'Makro Seller Hub']);
    await act(() => el.querySelector<HTMLButtonElement>('.health button')!.click());
    expect(reloadTabs).toHaveBeenCalledWith([7, 9]);
    await waitFor(() => el.textContent!.includes('being recorded now'));
  });

  it('opens the side panel with the trimmed search, or plainly from the header', async () => {
    const { el, deps } = await popup([draft('ok', 'success', Date.now(), MAKRO)]);
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

  it('follows the history while open: a write elsewhere (the background) makes it ask again', async () => {
    const now = Date.now();
    const status = vi.fn<PopupDeps['status']>();
    const { db } = testDb();
    await writeCapture(db, { drafts: [draft('ok', 'success', now - 1000, MAKRO)], jobs: [], unrecognised: [] });
    status.mockImplementation(answerFrom(db));
    const el = await mount(<PopupApp deps={{ status, watchChanges: watchDbChanges, openSidePanel: vi.fn(), markFailuresSeen: vi.fn() }} />);
    await waitFor(() => el.querySelector('[aria-labelledby="fail-h"] p.muted'));
    expect(countOf(el, 'Failed')).toBe('0');
    await writeCapture(db, { drafts: [draft('late', 'failed', now, MAKRO)], jobs: [], unrecognised: [] });
    await waitFor(() => el.querySelector('[aria-labelledby="fail-h"] article'));
    expect(countOf(el, 'Failed')).toBe('1');
    expect(el.querySelector('#fail-h')!.textContent).toBe('Still failing 1: view all');
    expect(status.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('asks again when the background does not answer (a worker stopping, or still starting)', async () => {
    const { db } = testDb();
    await writeCapture(db, { drafts: [draft('f', 'failed', Date.now(), MAKRO)], jobs: [], unrecognised: [] });
    const noAnswer: Reply<'popup-status'> = { ok: false, error: 'no answer from the background', retry: true };
    const flaky = vi
      .fn<PopupDeps['status']>()
      .mockResolvedValueOnce(noAnswer)
      .mockRejectedValueOnce(new Error('Receiving end does not exist'));
    flaky.mockImplementation(answerFrom(db));
    const el = await mount(<PopupApp deps={{ status: flaky, openSidePanel: vi.fn(), markFailuresSeen: vi.fn() }} />);
    await waitFor(() => el.querySelector('[aria-labelledby="fail-h"] article'));
    expect(countOf(el, 'Failed')).toBe('1');
    expect(flaky).toHaveBeenCalledTimes(3);
  });

  it('says so when the background never answers, after asking it again; a refusal is not asked again', async () => {
    const noAnswer: Reply<'popup-status'> = { ok: false, error: 'no answer from the background', retry: true };
    const never = vi.fn(async () => noAnswer);
    const down = await mount(<PopupApp deps={{ status: never, openSidePanel: vi.fn(), markFailuresSeen: vi.fn() }} />);
    await waitFor(() => down.querySelector('[role="alert"]'));
    expect(down.querySelector('[role="alert"]')!.textContent).toBe('Could not read the history: no answer from the background');
    expect(never).toHaveBeenCalledTimes(4);
    await mount(null);
    const refused = vi.fn(
      async (): Promise<Reply<'popup-status'>> => ({ ok: false, error: "popup-status is accepted only from the extension's own pages" }),
    );
    const no = await mount(<PopupApp deps={{ status: refused, openSidePanel: vi.fn(), markFailuresSeen: vi.fn() }} />);
    await waitFor(() => no.querySelector('[role="alert"]'));
    expect(refused).toHaveBeenCalledTimes(1);
  });
});
