import type { SyncHistoryDB } from '@/lib/db/schema';
import { RecentList } from './RecentList';

export function SidePanelApp({ db }: { db: SyncHistoryDB }) {
  return (
    <>
      <header class="bar">
        <h1>Sync History</h1>
      </header>
      <main>
        <RecentList db={db} limit={50} />
      </main>
    </>
  );
}
