import { useEffect, useState } from 'preact/hooks';
import { ALL_TIME, listPage, NO_FILTER, statusCounts } from '@/lib/db/queries';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { rangeBounds } from '@/lib/format/time';
import { STATUSES } from '@/lib/records/record';
import type { SiteAccess } from '@/lib/siteAccess';
import { useLive, useNow } from './hooks';
import { STATUS_ICON, STATUS_LABEL } from './labels';
import { RecordRow } from './RecordRow';
import { SiteAccessNotice } from './SiteAccessNotice';

export interface PopupDeps {
  db: SyncHistoryDB;
  /** Opens the side panel, with a search when given. Must run inside the click (user gesture). */
  openSidePanel(query?: string): void;
  markFailuresSeen(): void;
  /** Which portals the browser withholds (none when absent). */
  siteAccess?: SiteAccess;
  browserName?: 'firefox' | 'chrome';
}

const nf = new Intl.NumberFormat('en-ZA');

/** Quick status: today's counts, the latest failures, a search that opens the side panel. */
export function PopupApp({ deps }: { deps: PopupDeps }) {
  const { db } = deps;
  const now = useNow();
  const [q, setQ] = useState('');
  const [from] = rangeBounds('today', now);
  const today = useLive(() => statusCounts(db, { ...NO_FILTER, from, to: ALL_TIME.to }), [db, from]);
  const failures = useLive(() => listPage(db, { ...NO_FILTER, status: 'failed' }, 5), [db]);
  // Opening the popup shows the latest failures: they count as seen (clears the badge).
  useEffect(() => deps.markFailuresSeen(), [deps]);

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
        <section aria-labelledby="today-h" class="today">
          <h2 id="today-h">Today</h2>
          {today.state === 'ready' ? (
            <ul class="counts">
              {STATUSES.map((s) => (
                <li key={s} class={`status-${s}`}>
                  <span class="n">{nf.format(today.value[s])}</span>
                  <span>
                    <span aria-hidden="true">{STATUS_ICON[s]}</span> {STATUS_LABEL[s]}
                  </span>
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
            Search by Store ID, Product ID or SKU
          </label>
          <input
            id="popup-q"
            type="search"
            placeholder="Store ID, Product ID, SKU…"
            value={q}
            onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit">Search</button>
        </form>
        <section aria-labelledby="fail-h">
          <h2 id="fail-h">Latest failures</h2>
          {failures.state === 'ready' && failures.value.rows.length === 0 && <p class="muted">No failed publishes. </p>}
          {failures.state === 'error' && (
            <p class="state error" role="alert">
              Could not read the history: {failures.error.message}
            </p>
          )}
          {failures.state === 'ready' && failures.value.rows.length > 0 && (
            <ul class="list">
              {failures.value.rows.map((r) => (
                <li key={r.id}>
                  <RecordRow record={r} now={now} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
