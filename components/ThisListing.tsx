import { recordsWithIds } from '@/lib/db/queries';
import type { SyncHistoryDB } from '@/lib/db/schema';
import type { Platform, SyncRecord } from '@/lib/records/record';
import { useLive } from './hooks';
import { lazyComponent } from './lazy';
import { RecordRow } from './RecordRow';
import { isStalePending } from './stale';

/** The listing the active portal tab shows (lib/platforms/pages.ts finds it). */
export interface ActiveListing {
  platform: Platform;
  term: string;
  label: string;
  /** Every id the page's address shows (FSN, listing id, PLID, offer id, product number…): any of them finds the listing. */
  ids?: string[] | undefined;
  /** A page no platform rule names: shown only when its ids find records. */
  tentative?: boolean | undefined;
}

// Its portal link needs the platforms' pages: only a pending record over 30 minutes old shows it.
const StalePending = lazyComponent(() => import('./StalePending').then((m) => m.StalePending));

/** "This listing": the history of the listing the active portal tab shows, first. */
export function ThisListing({
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
  // Any id the page shows finds the listing (a Makro FSN, its LST listing id, a SKU, a PLID…).
  const ids = [listing.term, ...(listing.ids ?? [])];
  const live = useLive(() => recordsWithIds(db, ids, 5), [db, ids.join('\u0001')]);
  const rows = live.state === 'ready' ? live.value : [];
  if (listing.tentative && rows.length === 0) return null;
  const latest = rows[0];
  return (
    <details class="this-listing" open>
      <summary>
        <h2 id="this-listing-h">
          This listing: {listing.label}
          {latest && (
            <span class={`latest status-${latest.status}`}>
              {' '}
              · latest {latest.status === 'failed' ? (latest.fixedBy ? 'failed, fixed since' : 'failed') : latest.status}
            </span>
          )}
        </h2>
      </summary>
      {live.state === 'ready' && rows.length === 0 && <p class="muted">No publishes of this listing recorded yet.</p>}
      <ul class="list">
        {rows.map((r) => (
          <li key={r.id}>
            <RecordRow record={r} now={now} onOpen={onOpen} />
            {isStalePending(r, now) && <StalePending record={r} />}
          </li>
        ))}
      </ul>
    </details>
  );
}
