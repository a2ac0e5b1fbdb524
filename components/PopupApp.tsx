import type { SyncHistoryDB } from '@/lib/db/schema';
import { RecentList } from './RecentList';

export function PopupApp({ db, openSidePanel }: { db: SyncHistoryDB; openSidePanel: () => void }) {
  return (
    <>
      <header class="bar">
        <h1>Sync History</h1>
        <button type="button" onClick={openSidePanel}>
          Open side panel
        </button>
      </header>
      <main>
        <RecentList db={db} limit={5} />
      </main>
    </>
  );
}
