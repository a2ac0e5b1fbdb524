import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { listPage, NO_FILTER, statusCounts } from '@/lib/db/queries';
import type { SyncHistoryDB } from '@/lib/db/schema';
import type { Message, MessageType, Reply } from '@/lib/messaging';
import type { Platform, SyncRecord } from '@/lib/records/record';
import type { SiteAccess } from '@/lib/siteAccess';
import { Filters } from './Filters';
import { DEFAULT_FILTER, type FilterState, isFiltered, readFilter, toListFilter } from './filterState';
import { HistoryTools } from './HistoryTools';
import { useLive, useNow } from './hooks';
import { RecordDetail } from './RecordDetail';
import { RecordRow, ROW_HEIGHT } from './RecordRow';
import { SiteAccessNotice } from './SiteAccessNotice';
import { isStalePending, StalePending } from './StalePending';
import { UnrecognisedNotice } from './UnrecognisedNotice';
import { usePagedHistory } from './usePagedHistory';
import { VirtualList } from './VirtualList';

export interface ActiveListing {
  platform: Platform;
  term: string;
  label: string;
}

/** What the side panel needs from the browser, injected so components stay testable. */
export interface PanelDeps {
  db: SyncHistoryDB;
  loadFilter(): Promise<unknown>;
  saveFilter(f: FilterState): void;
  /** Calls back with a search the popup asked for; returns an unsubscribe. */
  onSearchRequest(cb: (q: string) => void): () => void;
  /** Calls back with the listing the active tab shows; returns an unsubscribe. */
  watchActiveListing(cb: (l: ActiveListing | undefined) => void): () => void;
  send<K extends MessageType>(msg: Message<K>): Promise<Reply<K>>;
  /** The seller looked at failures: clears the badge. */
  markFailuresSeen(): void;
  /** The retention setting (days, 0 = forever). */
  getRetentionDays(): Promise<number>;
  /** Calls back with the background's "storage is full" notice (undefined when fine); returns an unsubscribe. */
  watchStorageProblem(cb: (p: { at: number; message: string } | undefined) => void): () => void;
  /** Which portals the browser withholds (none when absent). */
  siteAccess?: SiteAccess;
  browserName?: 'firefox' | 'chrome';
}

export function SidePanelApp({ deps }: { deps: PanelDeps }) {
  const { db } = deps;
  const [filter, setFilterState] = useState<FilterState | undefined>();
  const [openId, setOpenId] = useState<string>();
  const [listing, setListing] = useState<ActiveListing>();
  const [storageProblem, setStorageProblem] = useState<{ at: number; message: string }>();
  const now = useNow();

  useEffect(() => {
    void deps.loadFilter().then(
      (f) => setFilterState((cur) => cur ?? readFilter(f)),
      () => setFilterState((cur) => cur ?? DEFAULT_FILTER),
    );
    const offSearch = deps.onSearchRequest((q) =>
      setFilterState((cur) => {
        const next = { ...(cur ?? DEFAULT_FILTER), q };
        deps.saveFilter(next);
        return next;
      }),
    );
    const offListing = deps.watchActiveListing(setListing);
    const offStorage = deps.watchStorageProblem(setStorageProblem);
    return () => {
      offSearch();
      offListing();
      offStorage();
    };
  }, [deps]);

  const setFilter = useCallback(
    (f: FilterState) => {
      setFilterState(f);
      deps.saveFilter(f);
    },
    [deps],
  );

  if (!filter)
    return (
      <p class="state" role="status">
        Loading…
      </p>
    );
  return (
    <>
      <header class="bar">
        <h1>Sync History</h1>
        <HistoryTools deps={deps} filter={filter} />
      </header>
      <main>
        <SiteAccessNotice access={deps.siteAccess} browserName={deps.browserName ?? 'chrome'} />
        {storageProblem && (
          <p class="notice error" role="alert">
            Storage is full: new results could not be saved yet. They are kept in your portal tabs and saved as soon as there is space. Free
            disk space, or export and clear old history (Export & settings). Keep the portal tabs open until this message goes away.
          </p>
        )}
        {openId ? (
          <RecordDetail db={db} id={openId} onBack={() => setOpenId(undefined)} onOpen={(r) => setOpenId(r.id)} />
        ) : (
          <>
            {listing && <ThisListing db={db} listing={listing} now={now} onOpen={(r) => setOpenId(r.id)} />}
            <Filters value={filter} onChange={setFilter} counts={useCountsFor(db, filter, now)} />
            <History
              db={db}
              filter={filter}
              now={now}
              onOpen={(r) => setOpenId(r.id)}
              onReset={() => setFilter(DEFAULT_FILTER)}
              markSeen={deps.markFailuresSeen}
            />
            <UnrecognisedNotice db={db} />
          </>
        )}
      </main>
    </>
  );
}

/** Counts per status for the filter (from the per-day aggregate, never a scan). */
function useCountsFor(db: SyncHistoryDB, filter: FilterState, now: number) {
  const f = toListFilter({ ...filter, status: '*' }, now);
  const live = useLive(() => statusCounts(db, f), [db, JSON.stringify(f)]);
  return live.state === 'ready' ? live.value : undefined;
}

function History({
  db,
  filter,
  now,
  onOpen,
  onReset,
  markSeen,
}: {
  db: SyncHistoryDB;
  filter: FilterState;
  now: number;
  onOpen: (r: SyncRecord) => void;
  onReset: () => void;
  markSeen: () => void;
}) {
  // Day-stable bounds: "today" is recomputed when the filter changes, not on every tick.
  const list = useMemo(() => toListFilter(filter, Date.now()), [filter]);
  const history = usePagedHistory(db, list);
  const hasFailures = history.rows.some((r) => r.status === 'failed');
  useEffect(() => {
    if (hasFailures) markSeen();
  }, [hasFailures, history.rows[0]?.id, markSeen]);

  if (history.error) {
    return (
      <p class="state error" role="alert">
        Could not read the history ({history.error.message}). Close and reopen the side panel; if it persists, export what you can and
        reinstall.
      </p>
    );
  }
  if (history.loading)
    return (
      <p class="state" role="status">
        Loading history…
      </p>
    );
  if (history.rows.length === 0) {
    return isFiltered(filter) ? (
      <div class="state" role="status">
        <p>Nothing matches these filters.</p>
        <button type="button" onClick={onReset}>
          Show everything
        </button>
      </div>
    ) : (
      <div class="state" role="status">
        <p>No publishes recorded yet.</p>
        <p>
          Open the Takealot, Makro or Shopify seller portal and publish, update or import a listing: every result appears here, with the
          reason when it fails.
        </p>
      </div>
    );
  }
  return (
    <VirtualList
      items={history.rows}
      rowHeight={ROW_HEIGHT}
      label="Sync history, newest first"
      itemKey={(r) => r.id}
      total={history.more ? -1 : history.rows.length}
      onNearEnd={history.more ? history.loadMore : undefined}
      render={(r) => <RecordRow record={r} now={now} onOpen={onOpen} />}
    />
  );
}

/** "This listing": the history of the listing the active portal tab shows, first. */
function ThisListing({
  db,
  listing,
  now,
  onOpen,
}: {
  db: SyncHistoryDB;
  listing: ActiveListing;
  now: number;
  onOpen: (r: SyncRecord) => void;
}) {
  const live = useLive(() => listPage(db, { ...NO_FILTER, q: listing.term }, 5), [db, listing.term]);
  const rows = live.state === 'ready' ? live.value.rows : [];
  return (
    <section class="this-listing" aria-labelledby="this-listing-h">
      <h2 id="this-listing-h">This listing: {listing.label}</h2>
      {live.state === 'ready' && rows.length === 0 && <p class="muted">No publishes of this listing recorded yet.</p>}
      <ul class="list">
        {rows.map((r) => (
          <li key={r.id}>
            <RecordRow record={r} now={now} onOpen={onOpen} />
            {isStalePending(r, now) && <StalePending record={r} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
