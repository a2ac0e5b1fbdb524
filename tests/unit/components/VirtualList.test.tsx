// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VirtualList } from '@/components/VirtualList';
import { domRoot } from '../../helpers/dom';

const { mount } = domRoot();
beforeEach(() => {
  // happy-dom does no layout: give the scrolling box a viewport of exactly five rows.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('vlist') ? VIEWPORT : 0;
  });
});
afterEach(() => vi.restoreAllMocks());

const ROW = 86;
const VISIBLE = 5;
const VIEWPORT = VISIBLE * ROW;
const OVERSCAN = 6;
const N = 100_000;
const ITEMS = Array.from({ length: N }, (_, i) => ({ id: `r${i}` }));

function list(props: { total?: number; onNearEnd?: () => void } = {}) {
  return (
    <VirtualList
      items={ITEMS}
      rowHeight={ROW}
      label="Sync history"
      itemKey={(x) => x.id}
      render={(x) => (
        <button type="button" class="row-open">
          {x.id}
        </button>
      )}
      {...props}
    />
  );
}

const rows = (el: HTMLElement) => [...el.querySelectorAll<HTMLLIElement>('.vlist-inner > li')];
const indexes = (el: HTMLElement) => rows(el).map((li) => Number(li.dataset.index));

async function scrollTo(el: HTMLElement, top: number): Promise<void> {
  const box = el.querySelector<HTMLElement>('.vlist')!;
  await act(() => {
    box.scrollTop = top;
    box.dispatchEvent(new Event('scroll'));
  });
}

describe('VirtualList with 100,000 items', () => {
  it('renders only the visible rows and the overscan below them at the top', async () => {
    const el = await mount(list({ total: N }));
    expect(rows(el).length).toBeLessThanOrEqual(VISIBLE + OVERSCAN);
    expect(indexes(el)).toEqual(Array.from({ length: VISIBLE + OVERSCAN }, (_, i) => i));
    // The inner list is as tall as all rows, so the scrollbar is true to the length.
    expect(el.querySelector<HTMLElement>('.vlist-inner')!.style.height).toBe(`${N * ROW}px`);
  });

  it('after scrolling to the middle renders the visible rows plus overscan on each side, in place', async () => {
    const el = await mount(list({ total: N }));
    const top = 50_000 * ROW + 40; // part-way into row 50,000
    await scrollTo(el, top);
    const shown = indexes(el);
    expect(shown.length).toBeLessThanOrEqual(VISIBLE + 1 + 2 * OVERSCAN);
    // Every row that is at least partly in view is there.
    for (let i = Math.floor(top / ROW); i < Math.ceil((top + VIEWPORT) / ROW); i++) expect(shown).toContain(i);
    expect(Math.min(...shown)).toBe(Math.floor(top / ROW) - OVERSCAN);
    for (const li of rows(el)) {
      expect(li.style.transform).toBe(`translateY(${Number(li.dataset.index) * ROW}px)`);
      expect(li.textContent).toBe(`r${li.dataset.index}`);
    }
  });

  it('sets aria-setsize to the full length and aria-posinset to each row’s 1-based position', async () => {
    const el = await mount(list({ total: N }));
    await scrollTo(el, 70_000 * ROW);
    expect(rows(el).length).toBeGreaterThan(0);
    for (const li of rows(el)) {
      expect(li.getAttribute('aria-setsize')).toBe(String(N));
      expect(li.getAttribute('aria-posinset')).toBe(String(Number(li.dataset.index) + 1));
    }
    expect(rows(el).map((li) => li.getAttribute('aria-posinset'))).toContain('70001');
    expect(el.querySelector('ul')!.getAttribute('aria-label')).toBe('Sync history');
  });

  it('says the length is unknown (aria-setsize -1) when no total is given', async () => {
    const el = await mount(list());
    for (const li of rows(el)) expect(li.getAttribute('aria-setsize')).toBe('-1');
  });

  it('asks for more only near the end', async () => {
    const onNearEnd = vi.fn();
    const el = await mount(list({ onNearEnd }));
    await scrollTo(el, 50_000 * ROW);
    expect(onNearEnd).not.toHaveBeenCalled();
    await scrollTo(el, N * ROW - VIEWPORT);
    expect(onNearEnd).toHaveBeenCalled();
    expect(Math.max(...indexes(el))).toBe(N - 1);
  });

  it('End on a row scrolls the last row into the DOM (keyboard navigation)', async () => {
    const el = await mount(list({ total: N }));
    const first = el.querySelector<HTMLElement>('[data-index="0"] .row-open')!;
    await act(() => {
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, cancelable: true }));
    });
    expect(el.querySelector<HTMLElement>('.vlist')!.scrollTop).toBe(N * ROW - VIEWPORT);
    const last = el.querySelector<HTMLLIElement>(`[data-index="${N - 1}"]`);
    expect(last?.getAttribute('aria-posinset')).toBe(String(N));
    expect(rows(el).length).toBeLessThanOrEqual(VISIBLE + 1 + 2 * OVERSCAN);
  });
});
