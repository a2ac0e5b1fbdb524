import { liveQuery, type Subscription } from 'dexie';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Cursor, cursorOf, type ListFilter, listPage } from '@/lib/db/queries';
import type { SyncHistoryDB } from '@/lib/db/schema';
import type { SyncRecord } from '@/lib/records/record';

export const PAGE_SIZE = 50;
/**
 * The most rows a page bounded on both sides reads. It holds PAGE_SIZE when frozen and grows
 * only when rows land inside its time range (page 0: above it). A settling 10,000-item batch
 * moves every item above page 0's bound: reading them all in one getAll, and rendering them,
 * blocked the panel for seconds. Past this many, the pages start again from the newest.
 */
export const PAGE_CAP = 4 * PAGE_SIZE;

export interface PagedHistory {
  rows: SyncRecord[];
  loading: boolean;
  error?: Error | undefined;
  /** More rows may exist below the last loaded one. */
  more: boolean;
  loadMore(): void;
}

/**
 * Live, keyset-paged history for a filter. Page 0 is everything newer than boundary 1;
 * page i lies between boundaries i and i+1 (the last row of the page above when it was
 * loaded); the last page is the next PAGE_SIZE rows. Each page is its own liveQuery, so a
 * capture landing at the top re-reads one page, and no row falls between two pages. When
 * more than PAGE_CAP rows land in one page's range (a big batch settling), the pages start
 * again from the newest rows instead of reading them all.
 */
export function usePagedHistory(db: SyncHistoryDB, filter: ListFilter): PagedHistory {
  const [pages, setPages] = useState<(SyncRecord[] | undefined)[]>([undefined]);
  const [error, setError] = useState<Error>();
  const bounds = useRef<Cursor[]>([]); // bounds[i]: lower bound (inclusive) of page i; upper of page i+1 (exclusive)
  const subs = useRef<Subscription[]>([]);
  const key = JSON.stringify(filter);

  const subscribe = useCallback(
    (i: number) => {
      subs.current[i]?.unsubscribe();
      const after = i === 0 ? undefined : bounds.current[i - 1];
      const until = bounds.current[i];
      const sub = liveQuery(() => listPage(db, filter, until ? PAGE_CAP + 1 : PAGE_SIZE, after, until)).subscribe({
        next: (p) => {
          if (subs.current[i] !== sub) return; // superseded (a reset, or the page frozen since)
          if (p.rows.length > PAGE_CAP) {
            // Too many rows landed in this page's range: drop every page below the top and
            // read the top again from the newest (what it shows until then: its newest rows).
            for (const s of subs.current) s?.unsubscribe();
            subs.current = [];
            bounds.current = [];
            setPages((prev) => [(i === 0 ? p.rows : (prev[0] ?? [])).slice(0, PAGE_SIZE)]);
            subscribe(0);
            return;
          }
          setPages((prev) => {
            const next = prev.slice();
            next[i] = p.rows;
            return next;
          });
        },
        error: (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))),
      });
      subs.current[i] = sub;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [db, key],
  );

  useEffect(() => {
    bounds.current = [];
    setPages([undefined]);
    setError(undefined);
    subscribe(0);
    return () => {
      for (const s of subs.current) s?.unsubscribe();
      subs.current = [];
    };
  }, [subscribe]);

  const rows = useMemo(() => {
    const seen = new Set<string>();
    const out: SyncRecord[] = [];
    for (const page of pages)
      for (const r of page ?? [])
        if (!seen.has(r.id)) {
          seen.add(r.id);
          out.push(r);
        }
    return out;
  }, [pages]);

  const lastPage = pages[pages.length - 1];
  const more = lastPage !== undefined && lastPage.length >= PAGE_SIZE;

  const loadMore = useCallback(() => {
    const i = pages.length - 1;
    const last = pages[i];
    if (!last || last.length < PAGE_SIZE) return;
    // Freeze the last page's lower bound at its last row, then open a new page below it.
    bounds.current[i] = cursorOf(last[last.length - 1]!);
    setPages((prev) => [...prev, undefined]);
    subscribe(i);
    subscribe(i + 1);
  }, [pages, subscribe]);

  return { rows, loading: pages[0] === undefined && !error, error, more, loadMore };
}
