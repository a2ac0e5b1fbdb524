import { unrecognisedOps } from '@/lib/db/queries';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { useLive } from './hooks';
import { PLATFORM_LABEL } from './labels';

/**
 * Writes to a portal API that no capture rule recognised (issue #3): the portal may have
 * changed. Shown so a seller can report it; a maintainer adds a rule from a fixture.
 */
export function UnrecognisedNotice({ db }: { db: SyncHistoryDB }) {
  const live = useLive(() => unrecognisedOps(db), [db]);
  if (live.state !== 'ready' || live.value.length === 0) return null;
  const total = live.value.reduce((n, r) => n + r.count, 0);
  return (
    <details class="unrecognised">
      <summary>
        {total} unrecognised operation{total === 1 ? '' : 's'}: the portal may have changed
      </summary>
      <p class="muted">
        These portal requests looked like saves but Sync History does not know their shape, so their results were not recorded. Please
        report the list below (it holds no listing data).
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Platform</th>
            <th scope="col">Operation</th>
            <th scope="col">Seen</th>
          </tr>
        </thead>
        <tbody>
          {live.value.map((r) => (
            <tr key={r.key}>
              <td>{PLATFORM_LABEL[r.platform]}</td>
              <td>
                <code>
                  {r.method} {r.endpoint}
                  {r.operation ? ` (${r.operation})` : ''}
                </code>
              </td>
              <td>{r.count}×</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
