import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { listPage, NO_FILTER, recordsWithIds, statusCounts } from '@/lib/db/queries';
import { writeCapture } from '@/lib/db/repo';
import { openDb } from '@/lib/db/schema';
import { capture } from '@/lib/platforms';
import { exchangeOf, loadFixture } from '../../helpers/fixtures';

describe('live queries', () => {
  // Regression: listPage awaited a constant for an empty search, and Dexie's liveQuery
  // stopped tracking the reads after it: the side panel never updated. The list no longer reads
  // in a liveQuery (components/usePagedHistory.ts), and a search page is one explicit
  // transaction, which a liveQuery commits early (issue #12); "This listing" still searches in one.
  it.each([
    ['the list', (db: ReturnType<typeof openDb>) => listPage(db, NO_FILTER, 50).then((p) => p.rows.length)],
    ['"This listing"', (db: ReturnType<typeof openDb>) => recordsWithIds(db, ['KK-RUN-42-BLK'], 5).then((rows) => rows.length)],
    ['the counts', (db: ReturnType<typeof openDb>) => statusCounts(db, NO_FILTER).then((c) => c.success)],
  ])('%s re-runs when another connection (the background) writes', async (_name, query) => {
    const name = `live-${Math.random().toString(36).slice(2)}`;
    const ui = openDb(name);
    const background = openDb(name);
    const seen: number[] = [];
    // Waits for the query's nth answer, however long the machine takes (no timed wait): a
    // query that stops re-running never answers again, and the test times out.
    let wake = (): void => undefined;
    const answers = (n: number) =>
      new Promise<void>((done) => {
        wake = () => seen.length >= n && done();
        wake();
      });
    const sub = liveQuery(() => query(ui)).subscribe((n) => {
      seen.push(n);
      wake();
    });
    await answers(1);
    await writeCapture(background, capture(exchangeOf(loadFixture('takealot/offer-update-success')), {}));
    await answers(2);
    sub.unsubscribe();
    expect(seen).toEqual([0, 1]);
  });
});
