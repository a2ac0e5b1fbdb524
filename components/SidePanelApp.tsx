import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { groupJobs, type ListItem } from '@/lib/db/jobs';
import { statusCounts } from '@/lib/db/queries';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { dayKey, dayLabel } from '@/lib/format/time';
import type { Message, MessageType, Reply } from '@/lib/messaging';
import type { Platform, SyncRecord } from '@/lib/records/record';
import type { SiteAccess } from '@/lib/siteAccess';
import { Filters } from './Filters';
import { DEFAULT_FILTER, type FilterState, isFiltered, rangeProblem, readFilter, toListFilter } from './filterState';
import { useLive } from './hooks';
import { JobRow } from './JobRow';
import { lazyComponent } from './lazy';
import { RecordRow, ROW_HEIGHT } from './RecordRow';
import { SiteAccessNotice } from './SiteAccessNotice';
import type { ActiveListing } from './ThisListing';
import { useNow } from './useNow';
import { usePagedHistory } from './usePagedHistory';
import { VirtualList } from './VirtualList';

// Not on first paint: loaded when first shown (issue #12, the side panel's budget), each with a
// fallback in its place so nothing jumps; the record and job views are fetched after first paint.
const HistoryTools = lazyComponent(
  () => import('./HistoryTools').then((m) => m.HistoryTools),
  () => (
    <div class="tools">
      <button type="button" disabled>
        Export & settings
      </button>
    </div>
  ),
);
const RecordDetail = lazyComponent(
  () => import('./RecordDetail').then((m) => m.RecordDetail),
  () => (
    <p class="state" role="status">
      Loading record…
    </p>
  ),
);
const JobSummary = lazyComponent(
  () => import('./JobSummary').then((m) => m.JobSummary),
  () => (
    <section class="job">
      <p role="status">Loading the job…</p>
    </section>
  ),
);
// Only when the active tab shows a portal listing (it is found after first paint anyway).
const ThisListing = lazyComponent(() => import('./ThisListing').then((m) => m.ThisListing));
// Below the list, and only when the portals sent something no rule knows.
const UnrecognisedNotice = lazyComponent(() => import('./UnrecognisedNotice').then((m) => m.UnrecognisedNotice));

/** What the side panel needs from the browser, injected so components stay testable. */
export interface PanelDeps {
  db: SyncHistoryDB;
  loadFilter(): Promise<unknown>;
  saveFilter(f: FilterState): void;
  /** Calls back with a search the popup asked for (and a status, range or record to open); returns an unsubscribe. */
  onSearchRequest(cb: (q: string, more?: PanelRequest) => void): () => void;
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

/** What else the popup may ask the panel for: a count's filter, or one record to open. */
export interface PanelRequest {
  status?: FilterState['status'] | undefined;
  range?: FilterState['range'] | undefined;
  open?: string | undefined;
}

export function SidePanelApp({ deps }: { deps: PanelDeps }) {
  const { db } = deps;
  const [filter, setFilterState] = useState<FilterState | undefined>();
  const [openId, setOpenId] = useState<string>();
  /** The list row to focus again when the record closes (Back or Esc). */
  const [restore, setRestore] = useState<{ key: string; seq: number }>();
  const [openJob, setOpenJob] = useState<{ jobId: string; platform: Platform }>();
  const [listing, setListing] = useState<ActiveListing>();
  const [storageProblem, setStorageProblem] = useState<{ at: number; message: string }>();
  const now = useNow();

  useEffect(() => {
    void deps.loadFilter().then(
      (f) => setFilterState((cur) => cur ?? readFilter(f)),
      () => setFilterState((cur) => cur ?? DEFAULT_FILTER),
    );
    const offSearch = deps.onSearchRequest((q, more) => {
      if (more?.open) {
        // Open one record; the list's filters stay as they were.
        setOpenJob(undefined);
        setOpenId(more.open);
        return;
      }
      setFilterState((cur) => {
        const next = {
          ...(cur ?? DEFAULT_FILTER),
          q,
          ...(more?.status ? { status: more.status } : {}),
          ...(more?.range ? { range: more.range } : {}),
        };
        deps.saveFilter(next);
        return next;
      });
    });
    const offListing = deps.watchActiveListing(setListing);
    const offStorage = deps.watchStorageProblem(setStorageProblem);
    return () => {
      offSearch();
      offListing();
      offStorage();
    };
  }, [deps]);

  const open = useCallback((r: SyncRecord) => setOpenId(r.id), []);
  /** Opened from the list: Back returns focus to this row. */
  const openFromList = useCallback((r: SyncRecord) => {
    setRestore((cur) => ({ key: r.id, seq: cur?.seq ?? 0 }));
    setOpenId(r.id);
  }, []);
  const back = useCallback(() => {
    setOpenId(undefined);
    setRestore((cur) => (cur ? { key: cur.key, seq: cur.seq + 1 } : cur));
  }, []);

  // Esc closes a record (unless something inside, a dialog or a menu, already used it).
  useEffect(() => {
    if (!openId && !openJob) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (openId) back();
      else setOpenJob(undefined);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [openId, openJob, back]);

  // Once the list is up, fetch the record and job views ahead of the first click (not on first load).
  const shown = filter !== undefined;
  useEffect(() => {
    if (!shown) return undefined;
    const t = setTimeout(() => {
      for (const view of [RecordDetail, JobSummary]) void view.preload().catch(() => undefined);
    }, 1000);
    return () => clearTimeout(t);
  }, [shown]);

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
          <RecordDetail db={db} id={openId} onBack={back} onOpen={open} />
        ) : (
          openJob && (
            <JobSummary db={db} jobId={openJob.jobId} platform={openJob.platform} onOpen={open} onBack={() => setOpenJob(undefined)} />
          )
        )}
        {/* The list stays mounted under an open record or job: Back finds it where the seller left it. */}
        <div class="list-view" hidden={openId !== undefined || openJob !== undefined}>
          {listing && <ThisListing db={db} listing={listing} now={now} onOpen={open} />}
          <CountedFilters db={db} value={filter} onChange={setFilter} now={now} />
          <History
            db={db}
            filter={filter}
            now={now}
            onOpen={openFromList}
            onOpenJob={(jobId, platform) => setOpenJob({ jobId, platform })}
            onReset={() => setFilter(DEFAULT_FILTER)}
            markSeen={deps.markFailuresSeen}
            restore={openId || openJob ? undefined : restore}
          />
          <UnrecognisedNotice db={db} />
        </div>
      </main>
    </>
  );
}

/**
 * The filter bar with its counts per status (from the per-day aggregate, never a scan). The
 * counts are read here, not in SidePanelApp: their answer re-renders the filter bar alone, not
 * the whole panel and every row on screen (at open they come after the first rows; during a
 * batch, after every commit).
 */
function CountedFilters({
  db,
  value,
  onChange,
  now,
}: {
  db: SyncHistoryDB;
  value: FilterState;
  onChange: (f: FilterState) => void;
  now: number;
}) {
  const f = toListFilter({ ...value, status: '*' }, now);
  const live = useLive(() => statusCounts(db, f), [db, JSON.stringify(f)]);
  return <Filters value={value} onChange={onChange} counts={live.state === 'ready' ? live.value : undefined} />;
}

function History({
  db,
  filter,
  now,
  onOpen,
  onOpenJob,
  onReset,
  markSeen,
  restore,
}: {
  db: SyncHistoryDB;
  filter: FilterState;
  now: number;
  onOpen: (r: SyncRecord) => void;
  onOpenJob: (jobId: string, platform: Platform) => void;
  onReset: () => void;
  markSeen: () => void;
  restore?: { key: string; seq: number } | undefined;
}) {
  // Day-stable bounds: "today" is recomputed when the filter changes, not on every tick.
  const list = useMemo(() => toListFilter(filter, Date.now()), [filter]);
  const history = usePagedHistory(db, list);
  // A job's items are one row (issue #11).
  const items = useMemo(() => groupJobs(history.rows), [history.rows]);
  // Which loaded pages a commit re-reads: those holding the rows on screen.
  const { show } = history;
  const onView = useCallback(
    (first: number, end: number) => show(items.slice(first, end).map((i) => (i.kind === 'record' ? i.record.id : i.newest.id))),
    [items, show],
  );
  const hasFailures = history.rows.some((r) => r.status === 'failed');
  useEffect(() => {
    if (hasFailures) markSeen();
  }, [hasFailures, history.rows[0]?.id, markSeen]);
  // Day headers in the seller's zone; recomputed when the day turns, not on every tick.
  const today = dayKey(now);
  // `today` stands for `now` at day granularity.
  const groupOf = useCallback((i: ListItem) => dayLabel(i.kind === 'record' ? i.record.syncedAt : i.newest.syncedAt, Date.now()), [today]);
  const problem = rangeProblem(filter);

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
  if (problem) {
    return (
      <div class="state" role="status">
        <p>Nothing can match: {problem}</p>
      </div>
    );
  }
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
      items={items}
      rowHeight={ROW_HEIGHT}
      label="Sync history, newest first"
      itemKey={(i: ListItem) => i.key}
      total={history.more ? -1 : items.length}
      onNearEnd={history.more ? history.loadMore : undefined}
      onView={onView}
      groupOf={groupOf}
      restore={restore}
      render={(i: ListItem) =>
        i.kind === 'record' ? (
          <RecordRow record={i.record} now={now} onOpen={onOpen} withDay={false} />
        ) : (
          <JobRow
            db={db}
            jobId={i.jobId}
            platform={i.platform}
            newest={i.newest}
            loaded={i.loaded}
            now={now}
            onOpen={onOpenJob}
            onOpenRecord={onOpen}
          />
        )
      }
    />
  );
}
