import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Cursor, cursorOf, type ListFilter, listPage } from '@/lib/db/queries';
import type { SyncHistoryDB } from '@/lib/db/schema';
import type { SyncRecord } from '@/lib/records/record';
import { coalesced, onTableChange } from './changes';

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
  /**
   * The ids of the rows on screen (a job's newest row stands for the job). While commits keep
   * coming, a commit re-reads page 0 and the pages holding them; the other loaded pages wait
   * until a pass hears no commit, or until they come into view.
   */
  show(ids: readonly string[]): void;
}

/**
 * Live, keyset-paged history for a filter. Page 0 is everything newer than boundary 1;
 * page i lies between boundaries i and i+1 (the last row of the page above when it was
 * loaded); the last page is the next PAGE_SIZE rows, so no row falls between two pages.
 * A commit to the records table re-reads the loaded pages in one pass, one read per page,
 * shown together. While commits keep coming (a pass heard one), a pass reads page 0 and the
 * pages in view (show()) only: below a 10,000-item job the list holds page after page of its
 * items, never on screen. The others are read once a pass hears no commit, or as they come
 * into view; a pass never starts while one runs, and the notices that come during it
 * make one more pass after it (a batch committing chunk after chunk gets a pass per answer,
 * not a read per page per commit that the next commit drops). A page loaded below reads
 * only itself. When more than PAGE_CAP rows land in
 * one page's range (a big batch settling), the pages start again from the newest rows
 * instead of reading them all.
 */
export function usePagedHistory(db: SyncHistoryDB, filter: ListFilter): PagedHistory {
  const [pages, setPages] = useState<(SyncRecord[] | undefined)[]>([undefined]);
  const [error, setError] = useState<Error>();
  const bounds = useRef<Cursor[]>([]); // bounds[i]: lower bound (inclusive) of page i; upper of page i+1 (exclusive)
  /** How many pages are loaded or loading (the pages a pass reads). */
  const count = useRef(1);
  /** The pages the next pass reads. */
  const dirty = useRef(new Set<number>([0]));
  /** The rows on screen (show()), and the pages as last rendered: which pages are in view. */
  const view = useRef(new Set<string>());
  const shown = useRef(pages);
  shown.current = pages;
  const inView = useCallback((i: number) => {
    const page = shown.current[i];
    return i === 0 || page === undefined || page.some((r) => view.current.has(r.id));
  }, []);
  /** Asks for a pass; replaced with each filter. */
  const refresh = useRef<() => void>(() => undefined);
  const key = JSON.stringify(filter);

  const read = useCallback(
    (i: number, b: Cursor[]) => {
      const after = i === 0 ? undefined : b[i - 1];
      const until = b[i];
      return listPage(db, filter, until ? PAGE_CAP + 1 : PAGE_SIZE, after, until).then((p) => p.rows);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [db, key],
  );

  useEffect(() => {
    let live = true;
    bounds.current = [];
    count.current = 1;
    dirty.current = new Set([0]);
    setPages([undefined]);
    setError(undefined);
    let notices = 0;
    /** The last pass heard no commit: the pages out of view are read too. */
    let calm = true;
    const pass = coalesced(async () => {
      const heard = notices;
      const b = bounds.current.slice();
      const want = [...dirty.current].filter((i) => i < count.current && (calm || inView(i)));
      for (const i of want) dirty.current.delete(i);
      if (want.length === 0) return;
      let got: SyncRecord[][];
      try {
        got = await Promise.all(want.map((i) => read(i, b)));
      } catch (e) {
        if (live) setError(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      if (!live) return;
      // A reset meanwhile changed the bounds these reads used: they are read again.
      if (b.length > bounds.current.length || b.some((c, i) => bounds.current[i] !== c)) {
        for (const i of want) dirty.current.add(i);
        pass.request();
        return;
      }
      const over = want.findIndex((_, k) => got[k]!.length > PAGE_CAP);
      if (over >= 0) {
        // Too many rows landed in a page's range: drop every page below the top and read the
        // top again from the newest (what it shows until then: its newest rows).
        bounds.current = [];
        count.current = 1;
        dirty.current = new Set([0]);
        setPages((prev) => [(want[over] === 0 ? got[over]! : (prev[0] ?? [])).slice(0, PAGE_SIZE)]);
        pass.request();
        return;
      }
      setPages((prev) => {
        const next = prev.slice();
        want.forEach((i, k) => {
          next[i] = got[k];
        });
        return next;
      });
      // While commits keep coming (a batch), only the pages in view are read; once a pass hears
      // none, the others are read too, so scrolling finds them as they are.
      calm = notices === heard;
      if (calm && [...dirty.current].some((i) => i < count.current)) pass.request();
    });
    refresh.current = pass.request;
    // Any commit to the records table may move a row into or out of any loaded page.
    const off = onTableChange(db, 'records', () => {
      notices += 1;
      for (let i = 0; i < count.current; i++) dirty.current.add(i);
      pass.request();
    });
    pass.request();
    return () => {
      live = false;
      off();
      pass.close();
    };
  }, [db, read, inView]);

  const show = useCallback(
    (ids: readonly string[]) => {
      view.current = new Set(ids);
      // A page changed while out of view is read now that it is in view.
      for (const i of dirty.current)
        if (i < count.current && inView(i)) {
          refresh.current();
          return;
        }
    },
    [inView],
  );

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
    if (!last || last.length < PAGE_SIZE || count.current !== pages.length) return;
    // Freeze the last page's lower bound at its last row (it holds the same rows, so it is not
    // read again), then read the page below it.
    bounds.current[i] = cursorOf(last[last.length - 1]!);
    count.current = i + 2;
    dirty.current.add(i + 1);
    setPages((prev) => [...prev, undefined]);
    refresh.current();
  }, [pages]);

  return { rows, loading: pages[0] === undefined && !error, error, more, loadMore, show };
}
