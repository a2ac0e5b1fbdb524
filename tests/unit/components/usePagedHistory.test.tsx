// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { PAGE_CAP, PAGE_SIZE, type PagedHistory, usePagedHistory } from '@/components/usePagedHistory';
import { type ListFilter, NO_FILTER } from '@/lib/db/queries';
import type { SyncHistoryDB } from '@/lib/db/schema';
import type { RecordDraft, SyncRecord } from '@/lib/records/record';
import { testDb, wrapTables } from '../../helpers/db';
import { domRoot } from '../../helpers/dom';
import { drafts, HOUR, recordsOf, seed, T0 } from '../../helpers/records';

const { mount, waitFor } = domRoot();

/** The hook's latest answer, as a component using it would see it on its last render. */
type Seen = { current?: PagedHistory };

function Probe({ db, filter, seen }: { db: SyncHistoryDB; filter: ListFilter; seen: Seen }) {
  seen.current = usePagedHistory(db, filter);
  return null;
}

/** Every stored row matching the filter, newest first with ties by id: what the pages must add up to. */
const newestFirst = (rows: SyncRecord[]): string[] =>
  [...rows].sort((a, b) => b.syncedAt - a.syncedAt || (a.id < b.id ? 1 : -1)).map((r) => r.id);

const ids = (h: PagedHistory | undefined): string[] => h?.rows.map((r) => r.id) ?? [];

async function opened(ds: RecordDraft[], filter: ListFilter = NO_FILTER) {
  const { db } = testDb();
  await seed(db, ds);
  const seen: Seen = {};
  const el = await mount(<Probe db={db} filter={filter} seen={seen} />);
  await waitFor(() => seen.current && !seen.current.loading);
  return { db, seen, el };
}

/** Calls `loadMore` and waits until `count` rows are shown. */
async function more(seen: Seen, count: number): Promise<void> {
  await act(() => seen.current!.loadMore());
  await waitFor(() => seen.current!.rows.length === count);
}

describe('usePagedHistory', () => {
  it('is loading until the first page arrives, then shows the newest PAGE_SIZE rows', async () => {
    const ds = drafts(PAGE_SIZE + 20);
    const { db } = testDb();
    await seed(db, ds);
    const seen: Seen = {};
    await mount(<Probe db={db} filter={NO_FILTER} seen={seen} />);
    // The first render, before IndexedDB has answered.
    expect(seen.current).toMatchObject({ rows: [], loading: true, more: false });
    await waitFor(() => !seen.current!.loading);
    expect(ids(seen.current)).toEqual(newestFirst(recordsOf(ds)).slice(0, PAGE_SIZE));
    expect(seen.current!.more).toBe(true);
    expect(seen.current!.error).toBeUndefined();
  });

  it('says there is no more when everything fits on the first page', async () => {
    const ds = drafts(7);
    const { seen } = await opened(ds);
    expect(ids(seen.current)).toEqual(newestFirst(recordsOf(ds)));
    expect(seen.current!.more).toBe(false);
  });

  it('an empty store is loaded, not loading, with no more', async () => {
    const { seen } = await opened([]);
    expect(seen.current).toMatchObject({ rows: [], loading: false, more: false });
  });

  it('loads page after page, with no gap and no repeat, until the end', async () => {
    const ds = drafts(2 * PAGE_SIZE + 13);
    const { seen } = await opened(ds);
    await more(seen, 2 * PAGE_SIZE);
    expect(seen.current!.more).toBe(true);
    await more(seen, 2 * PAGE_SIZE + 13);
    expect(ids(seen.current)).toEqual(newestFirst(recordsOf(ds)));
    expect(seen.current!.more).toBe(false);
    // At the end, loadMore does nothing.
    await act(() => seen.current!.loadMore());
    await act(() => new Promise<void>((r) => setTimeout(r, 50)));
    expect(seen.current!.rows).toHaveLength(2 * PAGE_SIZE + 13);
  });

  it('a capture newer than everything appears at the top, and the loaded pages keep every row', async () => {
    const ds = drafts(2 * PAGE_SIZE + 5);
    const { db, seen } = await opened(ds);
    await more(seen, 2 * PAGE_SIZE);
    const before = ids(seen.current);
    const fresh = drafts(3, { from: T0 + 1000 * HOUR, prefix: 'fresh' });
    await seed(db, fresh);
    await waitFor(() => seen.current!.rows.length === 2 * PAGE_SIZE + 3);
    // Page 0 grew at the top; the page below it kept its frozen bounds, so nothing slid off it.
    expect(ids(seen.current)).toEqual([...newestFirst(recordsOf(fresh)), ...before]);
  });

  // Regression: page 0, once a page was loaded below it, read every row newer than its bound
  // in one go; a settling 10,000-item batch moved them all there, and the panel read and
  // rendered 10,000 rows at once (a 3.5 s long task in the benchmark).
  it('more than PAGE_CAP rows landing above the loaded pages are not read at once: the list starts again from the newest', async () => {
    const ds = drafts(2 * PAGE_SIZE + 5);
    const { db } = testDb();
    const read: number[] = [];
    wrapTables(db, 'rows-read', (name, t) =>
      name !== 'records'
        ? t
        : {
            ...t,
            // A .then, not an async function: a native await in a DBCore middleware loses
            // Dexie's transaction zone, and fake-indexeddb commits the transaction meanwhile.
            query: (req) =>
              t.query(req).then((res) => {
                read.push(res.result.length);
                return res;
              }),
          },
    );
    await seed(db, ds);
    const seen: Seen = {};
    await mount(<Probe db={db} filter={NO_FILTER} seen={seen} />);
    await waitFor(() => seen.current && !seen.current.loading);
    await more(seen, 2 * PAGE_SIZE);
    read.length = 0;
    const burst = drafts(PAGE_CAP + 50, { from: T0 + 1000 * HOUR, step: 1000, prefix: 'burst' });
    await seed(db, burst);
    const newest = newestFirst(recordsOf([...ds, ...burst])).slice(0, PAGE_SIZE);
    await waitFor(() => ids(seen.current).join() === newest.join());
    expect(seen.current!.more).toBe(true);
    expect(read.length).toBeGreaterThan(0);
    expect(Math.max(...read)).toBeLessThanOrEqual(PAGE_CAP + 1);
    // Scrolling on loads the next page below the new top, with no gap and no repeat.
    await more(seen, 2 * PAGE_SIZE);
    expect(ids(seen.current)).toEqual(newestFirst(recordsOf([...ds, ...burst])).slice(0, 2 * PAGE_SIZE));
  });

  // Regression: each page was a Dexie liveQuery, which starts its query again on every change
  // notice and drops the one in flight. While a batch committed chunk after chunk, every
  // commit started another read of every loaded page, each waited behind the writer's next
  // transaction, and the panel showed nothing new until the batch ended.
  it('commits that come while the pages are read make one more read after it, never reads side by side', async () => {
    const ds = drafts(PAGE_SIZE + 5);
    const { db } = testDb();
    let hold: Promise<void> | undefined;
    let inFlight = 0;
    let most = 0;
    let reads = 0;
    wrapTables(db, 'held-reads', (name, t) =>
      name !== 'records'
        ? t
        : {
            ...t,
            query: (req) => {
              // The writer reads too (read-merge-write): only the panel's reads are counted and held.
              // Its reads pass straight through, not through an async function: a native await in
              // a readwrite transaction loses Dexie's zone, and fake-indexeddb commits it early.
              if ((req.trans as unknown as IDBTransaction).mode !== 'readonly') return t.query(req);
              return (async () => {
                reads += 1;
                inFlight += 1;
                most = Math.max(most, inFlight);
                try {
                  const res = await t.query(req);
                  await hold;
                  return res;
                } finally {
                  inFlight -= 1;
                }
              })();
            },
          },
    );
    await seed(db, ds);
    const seen: Seen = {};
    await mount(<Probe db={db} filter={NO_FILTER} seen={seen} />);
    await waitFor(() => seen.current && !seen.current.loading);
    let release!: () => void;
    hold = new Promise<void>((r) => {
      release = r;
    });
    reads = 0;
    most = 0;
    // Four commits, one after another; the first one's read is held until all four are in.
    const fresh = drafts(4, { from: T0 + 1000 * HOUR, prefix: 'fresh' });
    await seed(db, fresh.slice(0, 1));
    await waitFor(() => reads === 1);
    for (const d of fresh.slice(1)) await seed(db, [d]);
    await act(() => new Promise<void>((r) => setTimeout(r, 50)));
    expect(reads).toBe(1);
    hold = undefined;
    release();
    const newest = newestFirst(recordsOf([...ds, ...fresh])).slice(0, PAGE_SIZE);
    await waitFor(() => ids(seen.current).join() === newest.join());
    // The held read, then one for the three commits that came during it.
    expect(reads).toBe(2);
    expect(most).toBe(1);
  });

  it('loading a page below reads that page only, not the pages above it again', async () => {
    const ds = drafts(3 * PAGE_SIZE + 5);
    const { db } = testDb();
    let reads = 0;
    wrapTables(db, 'count-reads', (name, t) =>
      name !== 'records'
        ? t
        : {
            ...t,
            query: (req) => {
              reads += 1;
              return t.query(req);
            },
          },
    );
    await seed(db, ds);
    const seen: Seen = {};
    await mount(<Probe db={db} filter={NO_FILTER} seen={seen} />);
    await waitFor(() => seen.current && !seen.current.loading);
    await more(seen, 2 * PAGE_SIZE);
    reads = 0;
    await more(seen, 3 * PAGE_SIZE);
    await act(() => new Promise<void>((r) => setTimeout(r, 50)));
    expect(reads).toBe(1);
    expect(ids(seen.current)).toEqual(newestFirst(recordsOf(ds)).slice(0, 3 * PAGE_SIZE));
  });

  // Below a 10,000-item job the list loads page after page of its items (one row on screen):
  // each of them was re-read on every commit of the batch.
  it('while commits keep coming, a commit re-reads page 0 and the pages in view; the others once a pass hears none', async () => {
    const ds = drafts(3 * PAGE_SIZE + 5);
    const { db } = testDb();
    let hold: Promise<void> | undefined;
    let reads = 0;
    wrapTables(db, 'held-reads', (name, t) =>
      name !== 'records'
        ? t
        : {
            ...t,
            query: (req) => {
              if ((req.trans as unknown as IDBTransaction).mode !== 'readonly') return t.query(req);
              return (async () => {
                reads += 1;
                const wait = hold;
                const res = await t.query(req);
                await wait;
                return res;
              })();
            },
          },
    );
    await seed(db, ds);
    const seen: Seen = {};
    await mount(<Probe db={db} filter={NO_FILTER} seen={seen} />);
    await waitFor(() => seen.current && !seen.current.loading);
    await more(seen, 2 * PAGE_SIZE);
    await more(seen, 3 * PAGE_SIZE);
    const all = ids(seen.current);
    // On screen: the top rows (page 0) only. Two rows of page 2 go away, one commit after another.
    act(() => seen.current!.show(all.slice(0, 10)));
    const [gone1, gone2] = [all[2 * PAGE_SIZE + 7]!, all[2 * PAGE_SIZE + 8]!];
    let release1!: () => void;
    hold = new Promise<void>((r) => {
      release1 = r;
    });
    reads = 0;
    await db.records.delete(gone1);
    // The first pass after a calm reads every changed page; the second commit comes during it.
    await waitFor(() => reads === 3);
    await db.records.delete(gone2);
    let release2!: () => void;
    hold = new Promise<void>((r) => {
      release2 = r;
    });
    release1();
    // That pass heard a commit: the next one reads page 0 only (held, so the test can look).
    await waitFor(() => reads === 4 && !ids(seen.current).includes(gone1));
    await act(() => new Promise<void>((r) => setTimeout(r, 50)));
    expect(reads).toBe(4);
    expect(ids(seen.current)).toContain(gone2);
    // It heard none: the pages out of view are read now.
    hold = undefined;
    release2();
    await waitFor(() => !ids(seen.current).includes(gone2));
    expect(reads).toBe(6);
    // The last page reads on below: the rows after it move up.
    expect(ids(seen.current)).toEqual(
      newestFirst(recordsOf(ds))
        .filter((id) => id !== gone1 && id !== gone2)
        .slice(0, 3 * PAGE_SIZE),
    );
  });

  it('a row that changes status moves to the top once, never shown twice', async () => {
    const ds = drafts(2 * PAGE_SIZE);
    const { db, seen } = await opened(ds);
    await more(seen, 2 * PAGE_SIZE);
    // A row on the second page settles later: it is now the newest.
    const moved = seen.current!.rows[PAGE_SIZE + 10]!;
    const settled = ds.find((d) => recordsOf([d])[0]!.id === moved.id)!;
    await seed(db, [{ ...settled, status: 'success', errors: [], observedAt: T0 + 1000 * HOUR }]);
    await waitFor(() => seen.current!.rows[0]!.id === moved.id && seen.current!.rows[0]!.status === 'success');
    const shown = ids(seen.current);
    expect(shown.filter((id) => id === moved.id)).toHaveLength(1);
    expect(shown).toHaveLength(2 * PAGE_SIZE);
    expect(new Set(shown).size).toBe(shown.length);
  });

  it('a new filter starts again from its own first page', async () => {
    const ds = drafts(4 * PAGE_SIZE);
    const { db, seen } = await opened(ds);
    await more(seen, 2 * PAGE_SIZE);
    const failed: ListFilter = { ...NO_FILTER, status: 'failed' };
    await mount(<Probe db={db} filter={failed} seen={seen} />);
    const want = newestFirst(recordsOf(ds).filter((r) => r.status === 'failed'));
    expect(want.length).toBeGreaterThan(PAGE_SIZE);
    await waitFor(() => !seen.current!.loading && seen.current!.rows.every((r) => r.status === 'failed'));
    expect(ids(seen.current)).toEqual(want.slice(0, PAGE_SIZE));
    expect(seen.current!.more).toBe(true);
  });

  it('a store that cannot be read gives an error, not an endless loading state', async () => {
    const { db } = testDb();
    wrapTables(db, 'unreadable', (name, t) => ({ ...t, query: () => Promise.reject(new Error(`cannot read ${name}`)) }));
    const seen: Seen = {};
    await mount(<Probe db={db} filter={NO_FILTER} seen={seen} />);
    await waitFor(() => seen.current!.error);
    expect(seen.current!.error!.message).toMatch(/cannot read records/);
    expect(seen.current).toMatchObject({ rows: [], loading: false, more: false });
  });
});
