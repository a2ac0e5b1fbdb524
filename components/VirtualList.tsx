import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';

/** Height of a day header ("Today", "Yesterday", "Thu 26 Nov") between rows, in px. */
export const HEADER_HEIGHT = 26;

type Entry = { header: string; top: number } | { index: number; top: number };

/** Controls a row can hold; all but the active row's are taken out of the Tab order. */
const FOCUSABLE = 'a[href], button, input, select, textarea, summary';

/**
 * A fixed-row-height virtual list: only the rows in view (plus a few) are in the DOM,
 * whatever the length. Rows carry aria-setsize/aria-posinset so assistive technology
 * knows the full length (https://developer.mozilla.org/docs/Web/Accessibility/ARIA/Attributes/aria-setsize).
 *
 * With `groupOf`, a header row starts each group (the day). Keyboard: the list is one Tab
 * stop (a roving tabindex, https://www.w3.org/WAI/ARIA/apg/practices/keyboard-interface/#kbd_roving_tabindex):
 * the arrows, Home and End move between rows, Enter opens the focused row's `.row-open`.
 * The scroll position survives the list being hidden (a record open over it), and
 * `restore` puts focus back on a row by its key.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  label,
  render,
  itemKey,
  onNearEnd,
  onView,
  total,
  groupOf,
  restore,
}: {
  items: T[];
  rowHeight: number;
  label: string;
  render: (item: T, index: number) => ComponentChildren;
  itemKey: (item: T) => string;
  onNearEnd?: (() => void) | undefined;
  /** Told the items in the DOM (first, and one past the last) whenever they change. */
  onView?: ((first: number, end: number) => void) | undefined;
  /** Full length when known (-1: unknown, more may load). */
  total?: number | undefined;
  /** The group (day) label of an item: a header is shown where it changes. Keep it stable (useCallback). */
  groupOf?: ((item: T) => string) | undefined;
  /** Focus the row with this key (again each time `seq` changes), scrolling it into view if needed. */
  restore?: { key: string; seq: number } | undefined;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [active, setActive] = useState(0);
  const saved = useRef(0);
  /** The row focusRow will focus on the next frame. */
  const pending = useRef<number | undefined>(undefined);
  const OVERSCAN = 6;

  const { entries, itemTop, full } = useMemo(() => {
    const entries: Entry[] = [];
    const itemTop = new Float64Array(items.length);
    let top = 0;
    let group: string | undefined;
    for (let i = 0; i < items.length; i++) {
      if (groupOf) {
        const g = groupOf(items[i]!);
        if (g !== group) {
          entries.push({ header: g, top });
          top += HEADER_HEIGHT;
          group = g;
        }
      }
      entries.push({ index: i, top });
      itemTop[i] = top;
      top += rowHeight;
    }
    return { entries, itemTop, full: top };
  }, [items, groupOf, rowHeight]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      setHeight(el.clientHeight);
      // Shown again after a record was open: put the list back where the seller left it.
      if (el.clientHeight > 0 && el.scrollTop !== saved.current) {
        el.scrollTop = saved.current;
        setScrollTop(el.scrollTop);
      }
    });
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // First entry at or below scrollTop (binary search over the entries' tops), then overscan.
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.top + ('header' in entries[mid]! ? HEADER_HEIGHT : rowHeight) <= scrollTop) lo = mid + 1;
    else hi = mid;
  }
  const first = Math.max(0, lo - OVERSCAN);
  let end = lo;
  while (end < entries.length && entries[end]!.top < scrollTop + height) end++;
  const last = Math.min(entries.length, end + OVERSCAN);
  const shown = entries.slice(first, last);
  const lastItem = shown.reduce((m, e) => ('index' in e ? e.index + 1 : m), 0);

  useEffect(() => {
    if (onNearEnd && lastItem >= items.length - OVERSCAN) onNearEnd();
  }, [lastItem, items.length, onNearEnd]);

  const firstItem = shown.find((e): e is { index: number; top: number } => 'index' in e)?.index ?? 0;
  useEffect(() => {
    onView?.(firstItem, lastItem);
  }, [firstItem, lastItem, items, onView]);

  /** Scrolls item `i` fully into view. */
  const reveal = (i: number) => {
    const el = box.current;
    if (!el) return;
    const top = itemTop[i] ?? 0;
    // The day header above the first row of a day comes into view with it.
    const headerAbove = groupOf && (i === 0 || groupOf(items[i - 1]!) !== groupOf(items[i]!)) ? HEADER_HEIGHT : 0;
    if (top - headerAbove < el.scrollTop) el.scrollTop = top - headerAbove;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    saved.current = el.scrollTop;
    setScrollTop(el.scrollTop);
  };
  /**
   * Focuses row `i` once it is in the DOM (next frame), unless the seller has put focus
   * somewhere outside the list meanwhile (clicked the search box right after Back): focus
   * is taken only from nowhere (the closed view's Back button is gone) or from within the list.
   */
  const focusRow = (i: number) => {
    setActive(i);
    pending.current = i;
    requestAnimationFrame(() => {
      if (pending.current !== i) return; // a later press or restore wants another row
      pending.current = undefined;
      const now = document.activeElement;
      if (now && now !== document.body && !box.current?.contains(now)) return;
      box.current?.querySelector<HTMLElement>(`[data-index="${i}"] .row-open`)?.focus();
    });
  };

  /** Arrow keys move between rows, scrolling rows into the DOM as needed. */
  const onKeyDown = (e: KeyboardEvent) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const target = e.target as HTMLElement;
    const li = target.closest<HTMLElement>('[data-index]');
    if (!li || !box.current) return;
    e.preventDefault();
    // A press before the last one's frame moved focus goes on from the row it asked for.
    const cur = pending.current ?? Number(li.dataset.index);
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? items.length - 1
          : Math.max(0, Math.min(items.length - 1, cur + (e.key === 'ArrowDown' ? 1 : -1)));
    reveal(next);
    focusRow(next);
  };

  // Back from a record: the row the seller came from gets focus again.
  // Runs once per restore request (its seq).
  useEffect(() => {
    if (!restore) return;
    const i = items.findIndex((x) => itemKey(x) === restore.key);
    if (i < 0) return;
    const el = box.current;
    if (el && el.scrollTop !== saved.current) el.scrollTop = saved.current;
    reveal(i);
    focusRow(i);
  }, [restore?.seq]);

  // Roving tabindex: the active row's controls are in the Tab order, every other row's are not.
  // If the active row scrolled out of the DOM, the first row in view takes its place.
  const rendered = shown.filter((e): e is { index: number; top: number } => 'index' in e).map((e) => e.index);
  const firstInView = rendered.find((i) => (itemTop[i] ?? 0) + rowHeight > scrollTop) ?? rendered[0] ?? 0;
  const tabRow = rendered.includes(active) ? active : firstInView;
  useLayoutEffect(() => {
    for (const li of box.current?.querySelectorAll<HTMLElement>('li[data-index]') ?? []) {
      const on = Number(li.dataset.index) === tabRow;
      for (const c of li.querySelectorAll<HTMLElement>(FOCUSABLE)) c.tabIndex = on ? 0 : -1;
    }
  });

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys bubble up from the focused row inside (listbox-style roving focus)
    <div
      class="vlist"
      ref={box}
      onScroll={(e) => {
        const el = e.currentTarget as HTMLDivElement;
        if (el.clientHeight > 0) saved.current = el.scrollTop;
        setScrollTop(el.scrollTop);
      }}
      onKeyDown={onKeyDown}
      onFocusIn={(e) => {
        const li = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
        if (li) setActive(Number(li.dataset.index));
      }}
    >
      <ul class="vlist-inner" aria-label={label} style={{ height: `${full}px` }}>
        {shown.map((entry) => {
          if ('header' in entry)
            return (
              <li
                key={`h:${entry.header}`}
                class="day"
                aria-hidden="true"
                style={{ transform: `translateY(${entry.top}px)`, height: `${HEADER_HEIGHT}px` }}
              >
                {entry.header}
              </li>
            );
          const i = entry.index;
          const item = items[i]!;
          return (
            <li
              key={itemKey(item)}
              data-index={i}
              aria-setsize={total ?? -1}
              aria-posinset={i + 1}
              style={{ transform: `translateY(${entry.top}px)`, height: `${rowHeight}px` }}
            >
              {render(item, i)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
