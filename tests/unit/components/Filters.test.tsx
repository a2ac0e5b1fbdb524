// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { Filters } from '@/components/Filters';
import {
  activeChips,
  DEFAULT_FILTER,
  type FilterState,
  isFiltered,
  rangeProblem,
  readFilter,
  toListFilter,
} from '@/components/filterState';
import { rangeBounds } from '@/lib/format/time';
import { domRoot } from '../../helpers/dom';

const { mount } = domRoot();

/** Sets a form control's value the way a user does, then fires the event Preact listens to. */
async function change(el: HTMLInputElement | HTMLSelectElement, value: string, type: 'input' | 'change'): Promise<void> {
  await act(() => {
    el.value = value;
    el.dispatchEvent(new Event(type, { bubbles: true }));
  });
}

/** The status option whose visible label starts with `word`. */
const statusLabel = (el: HTMLElement, word: string): HTMLLabelElement =>
  [...el.querySelectorAll<HTMLLabelElement>('.status-filter label')].find((l) => l.textContent!.replace(/^[✓✕◷]\s*/, '').startsWith(word))!;

describe('Filters', () => {
  it('says what search covers: ids, product names, errors and pasted URLs', async () => {
    const el = await mount(<Filters value={DEFAULT_FILTER} onChange={() => undefined} />);
    const input = el.querySelector<HTMLInputElement>('input[type=search]')!;
    expect(input.placeholder).toBe('Search ids, product names, errors, or paste a URL');
    const hint = el.querySelector(`#${input.getAttribute('aria-describedby')}`)!.textContent!;
    for (const w of ['SKU', 'FSN', 'product name', 'error', 'URL']) expect(hint).toContain(w);
  });

  it('shows the filters that are on as chips; each one removes itself, Clear all removes all', async () => {
    const onChange = vi.fn();
    const on: FilterState = { q: 'kk-run', platform: 'makro', status: 'failed', range: 'custom', from: '2026-11-01', to: '2026-11-30' };
    const el = await mount(<Filters value={on} onChange={onChange} />);
    const chips = [...el.querySelectorAll<HTMLButtonElement>('ul[aria-label="Filters on"] button')];
    expect(chips.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Remove filter: Search “kk-run”',
      'Remove filter: Makro',
      'Remove filter: Failed',
      'Remove filter: 2026-11-01 – 2026-11-30',
    ]);
    await act(() => chips[1]!.click());
    expect(onChange).toHaveBeenLastCalledWith({ ...on, platform: '*' });
    await act(() => chips[3]!.click());
    expect(onChange).toHaveBeenLastCalledWith({ q: 'kk-run', platform: 'makro', status: 'failed', range: 'all' });
    const clear = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Clear all')!;
    await act(() => clear.click());
    expect(onChange).toHaveBeenLastCalledWith(DEFAULT_FILTER);
  });

  it('shows no chips and no Clear all when nothing is filtered', async () => {
    const el = await mount(<Filters value={DEFAULT_FILTER} onChange={() => undefined} />);
    expect(el.querySelector('.chips')).toBeNull();
    expect(activeChips(DEFAULT_FILTER, { platform: String, status: String })).toEqual([]);
  });

  it('says when From is after To, instead of leaving the seller with "Nothing matches"', async () => {
    const bad: FilterState = { ...DEFAULT_FILTER, range: 'custom', from: '2026-11-27', to: '2026-11-20' };
    const el = await mount(<Filters value={bad} onChange={() => undefined} />);
    expect(el.querySelector('[role=alert]')!.textContent).toContain('‘From’ is after ‘To’');
    expect(rangeProblem({ ...bad, to: '2026-11-27' })).toBeUndefined();
    expect(rangeProblem({ ...bad, range: 'all' })).toBeUndefined();
    expect(rangeProblem({ ...bad, to: undefined })).toBeUndefined();
  });

  it('reports a search as typed', async () => {
    const onChange = vi.fn();
    const el = await mount(<Filters value={DEFAULT_FILTER} onChange={onChange} />);
    await change(el.querySelector<HTMLInputElement>('input[type=search]')!, 'KK-RUN', 'input');
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_FILTER, q: 'KK-RUN' });
  });

  it('reports a platform and a time range, keeping the rest of the state', async () => {
    const onChange = vi.fn();
    const value: FilterState = { ...DEFAULT_FILTER, q: 'store-a', status: 'failed' };
    const el = await mount(<Filters value={value} onChange={onChange} />);
    const [platform, range] = [...el.querySelectorAll('select')];
    await change(platform!, 'makro', 'change');
    expect(onChange).toHaveBeenLastCalledWith({ ...value, platform: 'makro' });
    await change(range!, 'week', 'change');
    expect(onChange).toHaveBeenLastCalledWith({ ...value, range: 'week' });
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('reports a status picked from the radio group, and All', async () => {
    const onChange = vi.fn();
    const el = await mount(<Filters value={{ ...DEFAULT_FILTER, status: 'pending' }} onChange={onChange} />);
    await act(() => statusLabel(el, 'Failed').querySelector('input')!.click());
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_FILTER, status: 'failed' });
    await act(() => statusLabel(el, 'All').querySelector('input')!.click());
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_FILTER, status: '*' });
  });

  it('shows the current state', async () => {
    const el = await mount(
      <Filters value={{ q: 'sku-1', platform: 'shopify', status: 'failed', range: 'month' }} onChange={() => undefined} />,
    );
    expect(el.querySelector<HTMLInputElement>('input[type=search]')!.value).toBe('sku-1');
    const [platform, range] = [...el.querySelectorAll('select')];
    expect(platform!.value).toBe('shopify');
    expect(range!.value).toBe('month');
    expect(statusLabel(el, 'Failed').querySelector('input')!.checked).toBe(true);
    expect(statusLabel(el, 'All').querySelector('input')!.checked).toBe(false);
    expect(el.querySelector('input[type=date]')).toBeNull(); // only for a custom range
  });

  it('a custom range shows From and To dates and reports them (cleared: undefined)', async () => {
    const onChange = vi.fn();
    const value: FilterState = { ...DEFAULT_FILTER, range: 'custom', from: '2026-11-01' };
    const el = await mount(<Filters value={value} onChange={onChange} />);
    const [from, to] = [...el.querySelectorAll<HTMLInputElement>('input[type=date]')];
    expect(from!.value).toBe('2026-11-01');
    expect(to!.getAttribute('min')).toBe('2026-11-01');
    await change(to!, '2026-11-03', 'input');
    expect(onChange).toHaveBeenLastCalledWith({ ...value, to: '2026-11-03' });
    await change(from!, '', 'input');
    expect(onChange).toHaveBeenLastCalledWith({ ...value, from: undefined });
  });

  it('shows the count of each status, and their total on All', async () => {
    const el = await mount(<Filters value={DEFAULT_FILTER} onChange={() => undefined} counts={{ success: 1234, failed: 5, pending: 0 }} />);
    const count = (word: string) => statusLabel(el, word).querySelector('.count')!.textContent!.trim();
    expect(count('All')).toMatch(/^1\s239$/);
    expect(count('Success')).toMatch(/^1\s234$/);
    expect(count('Failed')).toBe('5');
    expect(count('Pending')).toBe('0');
  });

  it('shows no counts while they are unknown', async () => {
    const el = await mount(<Filters value={DEFAULT_FILTER} onChange={() => undefined} />);
    expect(el.querySelector('.count')).toBeNull();
  });

  it('labels every status with a word and a shape, and names the controls', async () => {
    const el = await mount(<Filters value={DEFAULT_FILTER} onChange={() => undefined} />);
    for (const [word, icon] of [
      ['Success', '✓'],
      ['Failed', '✕'],
      ['Pending', '◷'],
    ]) {
      const label = statusLabel(el, word!);
      expect(label.querySelector('[aria-hidden="true"]')!.textContent).toBe(icon);
      expect(label.textContent).toContain(word);
    }
    expect(el.querySelector('form')!.getAttribute('role')).toBe('search');
    expect(el.querySelector('fieldset legend')!.textContent).toBe('Status');
    const controls = [...el.querySelectorAll('input[type=search], select')];
    expect(controls.length).toBeGreaterThanOrEqual(3);
    for (const control of controls) expect(control.closest('label')!.textContent!.trim().length).toBeGreaterThan(0);
  });
});

describe('readFilter', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'today'],
    ['an array', ['makro', 'failed']],
    ['a boolean', true],
    ['wrong types and unknown values', { q: 5, platform: 'amazon', status: 'broken', range: 'year', from: 20260101, to: '01/02/2026' }],
    [
      'values that are object keys, not options',
      JSON.parse('{"__proto__": {"q": "x"}, "platform": "toString", "status": "constructor", "range": "hasOwnProperty"}'),
    ],
  ])('falls back to the default filter for %s', (_name, stored) => {
    expect(readFilter(stored)).toEqual(DEFAULT_FILTER);
    expect(Object.keys(readFilter(stored)).sort()).toEqual(['platform', 'q', 'range', 'status']);
  });

  it('keeps every valid field, field by field', () => {
    const good: FilterState = { q: 'KK-RUN', platform: 'makro', status: 'failed', range: 'custom', from: '2026-11-01', to: '2026-11-30' };
    expect(readFilter(good)).toEqual(good);
    expect(readFilter({ ...good, platform: 'ebay', to: 'soon' })).toEqual({
      q: 'KK-RUN',
      platform: '*',
      status: 'failed',
      range: 'custom',
      from: '2026-11-01',
    });
    expect(readFilter({ status: 'pending', extra: 'ignored' })).toEqual({ ...DEFAULT_FILTER, status: 'pending' });
  });

  it('caps a stored search at 200 characters', () => {
    expect(readFilter({ q: 'x'.repeat(10_000) }).q).toHaveLength(200);
  });

  // Regression: a stored date was once checked for its shape only, so an impossible one was kept
  // and rangeBounds rolled it over (2026-02-30 became 2 March) while the date field showed it empty.
  // Now only a real calendar date is kept.
  it('drops an impossible custom date and keeps a real one', () => {
    expect(readFilter({ range: 'custom', from: '2026-02-30', to: '2026-02-31' })).toEqual({ ...DEFAULT_FILTER, range: 'custom' });
    expect(readFilter({ range: 'custom', from: '2028-02-29', to: '2026-02-29' })).toEqual({
      ...DEFAULT_FILTER,
      range: 'custom',
      from: '2028-02-29',
    });
  });
});

describe('toListFilter and isFiltered', () => {
  const NOW = Date.UTC(2026, 10, 27, 12);
  it('turns the range into bounds and keeps the rest', () => {
    expect(toListFilter({ ...DEFAULT_FILTER, q: 'x', platform: 'shopify', range: 'today' }, NOW)).toEqual({
      q: 'x',
      platform: 'shopify',
      status: '*',
      from: rangeBounds('today', NOW)[0],
      to: Number.MAX_SAFE_INTEGER,
    });
    const custom = toListFilter({ ...DEFAULT_FILTER, range: 'custom', from: '2026-11-01', to: '2026-11-02' }, NOW);
    expect([custom.from, custom.to]).toEqual(rangeBounds('custom', NOW, { from: '2026-11-01', to: '2026-11-02' }));
    expect(toListFilter(DEFAULT_FILTER, NOW)).toMatchObject({ from: 0, to: Number.MAX_SAFE_INTEGER });
  });

  it('is filtered when anything but the default is chosen (a blank search is not a search)', () => {
    expect(isFiltered(DEFAULT_FILTER)).toBe(false);
    expect(isFiltered({ ...DEFAULT_FILTER, q: '   ' })).toBe(false);
    for (const patch of [{ q: 'a' }, { platform: 'makro' }, { status: 'failed' }, { range: 'week' }] as Partial<FilterState>[]) {
      expect(isFiltered({ ...DEFAULT_FILTER, ...patch })).toBe(true);
    }
  });
});
