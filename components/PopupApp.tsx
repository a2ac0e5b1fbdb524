import { useEffect, useState } from 'preact/hooks';
import type { PortalTab } from '@/lib/health';
import type { PopupStatus, Reply } from '@/lib/messaging';
import type { PanelAsk } from '@/lib/panelHandoff';
import { OPEN } from '@/lib/records/facets';
import { STATUSES } from '@/lib/records/record';
import type { SiteAccess } from '@/lib/siteAccess';
import { STATUS_ICON, STATUS_LABEL } from './labels';
import { RecordRow } from './RecordRow';
import { SiteAccessNotice } from './SiteAccessNotice';
import { useNow } from './useNow';

/** What the popup asks the side panel to show. */
export type { PanelAsk };

export interface PopupDeps {
  /**
   * What the popup shows, asked of the background (the `popup-status` message): the popup loads
   * no database code (issue #12). A worker that was asleep wakes to answer.
   */
  status(): Promise<Reply<'popup-status'>>;
  /** Calls back after the history changed (any write, in any context); returns an unsubscribe. */
  watchChanges?(cb: () => void): () => void;
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

type Live<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: Error };

/** A background that did not answer (stopped while answering, still starting) is asked again, this many times. */
const RETRIES = 3;
const RETRY_MS = 200;
/** Writes come in bursts (a batch settles in many transactions): ask again at most this often. */
const SETTLE_MS = 300;

/**
 * The background's answer to `popup-status`, asked again after every change to the history
 * (one question at a time, at most every SETTLE_MS) and when the local day turns.
 */
function usePopupStatus(deps: PopupDeps, day: string): Live<PopupStatus> {
  const [live, setLive] = useState<Live<PopupStatus>>({ state: 'loading' });
  useEffect(() => {
    let alive = true;
    let busy = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const once = async (): Promise<Reply<'popup-status'>> => {
      try {
        return await deps.status();
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err), retry: true };
      }
    };
    const ask = async (): Promise<void> => {
      timer = undefined;
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      for (let attempt = 0; alive; attempt++) {
        const res = await once();
        if (!alive) break;
        if (res.ok) {
          const { ok: _ok, ...value } = res;
          setLive({ state: 'ready', value });
          break;
        }
        if (!res.retry || attempt >= RETRIES) {
          // What was shown stays: a refresh that failed is not a reason to hide it.
          const error = new Error(res.error);
          setLive((cur) => (cur.state === 'ready' ? cur : { state: 'error', error }));
          break;
        }
        await new Promise((r) => setTimeout(r, RETRY_MS * (attempt + 1)));
      }
      busy = false;
      if (again && alive) {
        again = false;
        void ask();
      }
    };
    void ask();
    const off = deps.watchChanges?.(() => {
      timer ??= setTimeout(() => void ask(), SETTLE_MS);
    });
    return () => {
      alive = false;
      clearTimeout(timer);
      off?.();
    };
  }, [deps, day]);
  return live;
}

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
  const now = useNow();
  const [q, setQ] = useState('');
  // "Today" is the background's local day; asked again when the day turns.
  const status = usePopupStatus(deps, new Date(now).toDateString());
  // Opening the popup shows the latest failures: they count as seen (clears the badge).
  useEffect(() => deps.markFailuresSeen(), [deps]);
  const ready = status.state === 'ready' ? status.value : undefined;
  const total = ready ? ready.all.success + ready.all.failed + ready.all.pending : undefined;
  const stillFailing = ready?.all.open;

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
              {ready ? (
                <ul class="counts">
                  {STATUSES.map((s) => (
                    <li key={s} class={`status-${s}`}>
                      <button
                        type="button"
                        class="count-link"
                        onClick={() => deps.openSidePanel({ q: '', status: s, range: 'today' })}
                        aria-label={`${nf.format(ready.today[s])} ${STATUS_LABEL[s]} today: show them`}
                      >
                        <span class="n">{nf.format(ready.today[s])}</span>
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
              {ready && ready.failing.length === 0 && (
                <p class="muted">Nothing is failing: every failure so far was fixed by a later save.</p>
              )}
              {status.state === 'error' && (
                <p class="state error" role="alert">
                  Could not read the history: {status.error.message}
                </p>
              )}
              {ready && ready.failing.length > 0 && (
                <ul class="list">
                  {ready.failing.map((r) => (
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
