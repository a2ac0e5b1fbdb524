import { useEffect, useState } from 'preact/hooks';
import { ALL_TIME, listPage, NO_FILTER, statusCounts } from '@/lib/db/queries';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { rangeBounds } from '@/lib/format/time';
import type { PortalTab } from '@/lib/health';
import type { PanelAsk } from '@/lib/panelHandoff';
import { OPEN } from '@/lib/records/facets';
import { STATUSES } from '@/lib/records/record';
import type { SiteAccess } from '@/lib/siteAccess';
import { useLive, useNow } from './hooks';
import { STATUS_ICON, STATUS_LABEL } from './labels';
import { RecordRow } from './RecordRow';
import { SiteAccessNotice } from './SiteAccessNotice';

/** What the popup asks the side panel to show. */
export type { PanelAsk };

export interface PopupDeps {
  db: SyncHistoryDB;
  /** Opens the side panel (a search, a filter or a record when given). Must run inside the click (user gesture). */
  openSidePanel(request?: string | PanelAsk): void;
  markFailuresSeen(): void;
  /** Open portal tabs that are not being recorded (opened before install or update). */
  tabsNeedingReload?(): Promise<PortalTab[]>;
  reloadTabs?(ids: number[]): Promise<void>;
  /** Which portals the browser withholds (none when absent). */
  siteAccess?: SiteAccess;
  browserName?: 'firefox' | 'chrome';
}

const nf = new Intl.NumberFormat('en-ZA');
const LATEST = 5;

/** Portal tabs that record nothing until reloaded, with one button to reload them. */
function Health({ deps }: { deps: PopupDeps }) {
  const [tabs, setTabs] = useState<PortalTab[]>();
  const [reloaded, setReloaded] = useState(false);
  useEffect(() => {
    void deps.tabsNeedingReload?.().then(setTabs, () => setTabs([]));
  }, [deps]);
  if (!tabs || tabs.length === 0) return null;
  if (reloaded)
    return (
      <p class="notice" role="status">
        Reloaded: those tabs are being recorded now.
      </p>
    );
  return (
    <section class="notice health" aria-labelledby="health-h">
      <h2 id="health-h">{tabs.length === 1 ? '1 portal tab is' : `${nf.format(tabs.length)} portal tabs are`} not being recorded</h2>
      <p>They were open before Sync History was installed or updated. Reload them to start recording (save your work in them first).</p>
      <ul>
        {tabs.slice(0, 5).map((t) => (
          <li key={t.id}>{t.title || t.url}</li>
        ))}
        {tabs.length > 5 && <li>and {nf.format(tabs.length - 5)} more</li>}
      </ul>
      <button
        type="button"
        onClick={() =>
          void deps.reloadTabs?.(tabs.map((t) => t.id)).then(
            () => setReloaded(true),
            () => setReloaded(false),
          )
        }
      >
        Reload {tabs.length === 1 ? 'this tab' : 'these tabs'}
      </button>
    </section>
  );
}

/** Quick status: today's counts and what is still failing, each a way into the side panel. */
export function PopupApp({ deps }: { deps: PopupDeps }) {
  const { db } = deps;
  const now = useNow();
  const [q, setQ] = useState('');
  const [from] = rangeBounds('today', now);
  const today = useLive(() => statusCounts(db, { ...NO_FILTER, from, to: ALL_TIME.to }), [db, from]);
  const all = useLive(() => statusCounts(db, NO_FILTER), [db]);
  const failures = useLive(() => listPage(db, { ...NO_FILTER, status: OPEN }, LATEST), [db]);
  // Opening the popup shows the latest failures: they count as seen (clears the badge).
  useEffect(() => deps.markFailuresSeen(), [deps]);
  const total = all.state === 'ready' ? all.value.success + all.value.failed + all.value.pending : undefined;
  const stillFailing = all.state === 'ready' ? all.value.open : undefined;

  return (
    <div class="popup">
      <header class="bar">
        <h1>Sync History</h1>
        <button type="button" onClick={() => deps.openSidePanel()}>
          Open side panel
        </button>
      </header>
      <main>
        <SiteAccessNotice access={deps.siteAccess} browserName={deps.browserName ?? 'chrome'} />
        <Health deps={deps} />
        {total === 0 ? (
          <section class="first-run" aria-labelledby="empty-h">
            <h2 id="empty-h">Nothing recorded yet</h2>
            <p>
              Publish, update or import a listing in the Takealot, Makro or Shopify seller portal: each result appears here, with the reason
              when it fails.
            </p>
          </section>
        ) : (
          <>
            <section aria-labelledby="today-h" class="today">
              <h2 id="today-h">Today</h2>
              {today.state === 'ready' ? (
                <ul class="counts">
                  {STATUSES.map((s) => (
                    <li key={s} class={`status-${s}`}>
                      <button
                        type="button"
                        class="count-link"
                        onClick={() => deps.openSidePanel({ q: '', status: s, range: 'today' })}
                        aria-label={`${nf.format(today.value[s])} ${STATUS_LABEL[s]} today: show them`}
                      >
                        <span class="n">{nf.format(today.value[s])}</span>
                        <span>
                          <span aria-hidden="true">{STATUS_ICON[s]}</span> {STATUS_LABEL[s]}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted" role="status">
                  Counting…
                </p>
              )}
            </section>
            <form
              class="popup-search"
              role="search"
              onSubmit={(e) => {
                e.preventDefault();
                deps.openSidePanel(q.trim());
              }}
            >
              <label for="popup-q" class="visually-hidden">
                Search by id, product name, error text or product link
              </label>
              <input
                id="popup-q"
                type="search"
                placeholder="SKU, product name, error, link…"
                value={q}
                onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
              />
              <button type="submit">Search</button>
            </form>
            <section aria-labelledby="fail-h">
              <h2 id="fail-h">
                Still failing
                {stillFailing !== undefined && stillFailing > 0 && (
                  <>
                    {' '}
                    <button type="button" class="link-button" onClick={() => deps.openSidePanel({ q: '', status: OPEN, range: 'all' })}>
                      {nf.format(stillFailing)}: view all
                    </button>
                  </>
                )}
              </h2>
              {failures.state === 'ready' && failures.value.rows.length === 0 && (
                <p class="muted">Nothing is failing: every failure so far was fixed by a later save.</p>
              )}
              {failures.state === 'error' && (
                <p class="state error" role="alert">
                  Could not read the history: {failures.error.message}
                </p>
              )}
              {failures.state === 'ready' && failures.value.rows.length > 0 && (
                <ul class="list">
                  {failures.value.rows.map((r) => (
                    <li key={r.id}>
                      <RecordRow record={r} now={now} onOpen={(rec) => deps.openSidePanel({ q: '', open: rec.id })} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </main>
    </div>
  );
}
