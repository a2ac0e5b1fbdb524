import { listPage, NO_FILTER } from '@/lib/db/queries';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { useLive, useNow } from './hooks';
import { RecordRow } from './RecordRow';

/** The newest records, live as captures land. */
export function RecentList({ db, limit }: { db: SyncHistoryDB; limit: number }) {
  const now = useNow();
  const page = useLive(() => listPage(db, NO_FILTER, limit), [db, limit]);
  if (page.state === 'loading') return <p class="state" role="status">Loading history…</p>;
  if (page.state === 'error') return <p class="state error" role="alert">Could not read the history: {page.error.message}</p>;
  if (page.value.rows.length === 0) {
    return (
      <p class="state" role="status">
        No publishes recorded yet. Publish or update a listing in the Takealot, Makro or Shopify seller portal and it appears here.
      </p>
    );
  }
  return (
    <ul class="list" aria-label="Sync history, newest first">
      {page.value.rows.map((r) => (
        <li key={r.id}>
          <RecordRow record={r} now={now} />
        </li>
      ))}
    </ul>
  );
}
