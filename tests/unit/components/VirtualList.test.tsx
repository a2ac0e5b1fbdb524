// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEADER_HEIGHT, VirtualList } from '@/components/VirtualList';
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

function list(props: { total?: number; onNearEnd?: () => void; onView?: (first: number, end: number) => void } = {}) {
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

  it('tells which items are in the DOM, again after a scroll (the history re-reads the pages holding them)', async () => {
    const seen: [number, number][] = [];
    const el = await mount(list({ total: N, onView: (first, end) => seen.push([first, end]) }));
    expect(seen.at(-1)).toEqual([0, Math.max(...indexes(el)) + 1]);
    await scrollTo(el, 1000 * ROW);
    expect(seen.at(-1)).toEqual([Math.min(...indexes(el)), Math.max(...indexes(el)) + 1]);
    expect(seen.at(-1)![0]).toBe(1000 - OVERSCAN);
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

describe('VirtualList day headers and keyboard', () => {
  const DAYS = Array.from({ length: 30 }, (_, i) => ({ id: `d${i}`, day: i < 3 ? 'Today' : i < 20 ? 'Yesterday' : 'Wed 25 Nov' }));
  const groupOf = (x: { day: string }) => x.day;
  function days(restore?: { key: string; seq: number }) {
    return (
      <VirtualList
        items={DAYS}
        rowHeight={ROW}
        label="Sync history"
        itemKey={(x) => x.id}
        groupOf={groupOf}
        restore={restore}
        render={(x) => (
          <article>
            <button type="button" class="row-open">
              {x.id}
            </button>
            <a href="https://example.com/">more</a>
          </article>
        )}
      />
    );
  }

  it('starts each day with a header and places rows below it', async () => {
    const el = await mount(days());
    const heads = [...el.querySelectorAll<HTMLElement>('li.day')];
    expect(heads.map((h) => h.textContent)).toEqual(['Today', 'Yesterday']);
    expect(heads[1]!.style.transform).toBe(`translateY(${HEADER_HEIGHT + 3 * ROW}px)`);
    expect(el.querySelector<HTMLElement>('[data-index="3"]')!.style.transform).toBe(`translateY(${2 * HEADER_HEIGHT + 3 * ROW}px)`);
    expect(el.querySelector<HTMLElement>('.vlist-inner')!.style.height).toBe(`${3 * HEADER_HEIGHT + 30 * ROW}px`);
    // Headers are not counted as items.
    expect(el.querySelector('[data-index="3"]')!.getAttribute('aria-posinset')).toBe('4');
  });

  it('is one Tab stop: only the active row’s controls are tabbable, and the arrows move it', async () => {
    const el = await mount(days());
    const tabbable = () => [...el.querySelectorAll<HTMLElement>('a, button')].filter((c) => c.tabIndex === 0).map((c) => c.textContent);
    expect(tabbable()).toEqual(['d0', 'more']);
    const first = el.querySelector<HTMLElement>('[data-index="0"] .row-open')!;
    await act(async () => {
      first.focus();
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
    });
    expect(document.activeElement!.textContent).toBe('d1');
    expect(tabbable()).toEqual(['d1', 'more']);
  });

  it('counts every arrow press, even those that come before the last one’s frame moved focus', async () => {
    // A held arrow key (or a fast test) pressed again before the frame that focuses the next
    // row: each press read the row still focused, and presses were lost.
    const el = await mount(days());
    const first = el.querySelector<HTMLElement>('[data-index="0"] .row-open')!;
    first.focus();
    await act(async () => {
      for (let k = 0; k < 3; k++)
        (document.activeElement as HTMLElement).dispatchEvent(
          new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }),
        );
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
    });
    expect(document.activeElement!.textContent).toBe('d3');
  });

  it('restore focuses the row by key and scrolls it, with its day header, into view', async () => {
    const el = await mount(days({ key: 'd25', seq: 1 }));
    await act(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
    expect(document.activeElement!.textContent).toBe('d25');
    const box = el.querySelector<HTMLElement>('.vlist')!;
    const top = 3 * HEADER_HEIGHT + 25 * ROW;
    expect(box.scrollTop).toBeLessThanOrEqual(top);
    expect(box.scrollTop + VIEWPORT).toBeGreaterThanOrEqual(top + ROW);
  });

  it('restore leaves focus where the seller put it before the frame (the search box, clicked right after Back)', async () => {
    // The e2e cleared the search right after Back: the restore's frame took focus from the box
    // between its select-all and its Delete, and the search stayed (1 run in 5).
    const search = document.createElement('input');
    document.body.append(search);
    try {
      await mount(days({ key: 'd25', seq: 1 }));
      search.focus();
      await act(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
      expect(document.activeElement).toBe(search);
    } finally {
      search.remove();
    }
  });
});
