import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A fixed-row-height virtual list: only the rows in view (plus a few) are in the DOM,
 * whatever the length. Rows carry aria-setsize/aria-posinset so assistive technology
 * knows the full length (https://developer.mozilla.org/docs/Web/Accessibility/ARIA/Attributes/aria-setsize).
 */
export function VirtualList<T>({
  items,
  rowHeight,
  label,
  render,
  itemKey,
  onNearEnd,
  total,
}: {
  items: T[];
  rowHeight: number;
  label: string;
  render: (item: T, index: number) => ComponentChildren;
  itemKey: (item: T) => string;
  onNearEnd?: (() => void) | undefined;
  /** Full length when known (-1: unknown, more may load). */
  total?: number | undefined;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const OVERSCAN = 6;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);

  useEffect(() => {
    if (onNearEnd && last >= items.length - OVERSCAN) onNearEnd();
  }, [last, items.length, onNearEnd]);

  /** Arrow keys move between rows, scrolling rows into the DOM as needed. */
  const onKeyDown = (e: KeyboardEvent) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const target = e.target as HTMLElement;
    const li = target.closest<HTMLElement>('[data-index]');
    if (!li || !box.current) return;
    e.preventDefault();
    const cur = Number(li.dataset.index);
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? items.length - 1
          : Math.max(0, Math.min(items.length - 1, cur + (e.key === 'ArrowDown' ? 1 : -1)));
    const el = box.current;
    const top = next * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    setScrollTop(el.scrollTop);
    requestAnimationFrame(() => el.querySelector<HTMLElement>(`[data-index="${next}"] .row-open`)?.focus());
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys bubble up from the focused row inside (listbox-style roving focus)
    <div class="vlist" ref={box} onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)} onKeyDown={onKeyDown}>
      <ul class="vlist-inner" aria-label={label} style={{ height: `${items.length * rowHeight}px` }}>
        {items.slice(first, last).map((item, k) => {
          const i = first + k;
          return (
            <li
              key={itemKey(item)}
              data-index={i}
              aria-setsize={total ?? -1}
              aria-posinset={i + 1}
              style={{ transform: `translateY(${i * rowHeight}px)`, height: `${rowHeight}px` }}
            >
              {render(item, i)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
