import { useState } from 'preact/hooks';
import { unrecognisedOps } from '@/lib/db/queries';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { driftReport } from '@/lib/platforms/drift';
import { reportEndpoint } from '@/lib/platforms/pages';
import { useLive } from './hooks';
import { PLATFORM_LABEL } from './labels';

/** This extension's version, from its manifest (outside an extension page: "unknown"). */
function manifestVersion(): string {
  try {
    const rt = (globalThis as { chrome?: { runtime?: { getManifest?: () => { version?: unknown } } } }).chrome?.runtime;
    const v = rt?.getManifest?.().version;
    return typeof v === 'string' ? v : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Writes to a portal API that no capture rule recognised (issues #3, #9): the portal may have
 * changed. Shown so a seller can report it: "Copy report" puts a JSON report on the clipboard
 * (path templates, operation names, counts, times and the shapes of the answers; no values), from
 * which a maintainer adds a rule.
 */
export function UnrecognisedNotice({
  db,
  version = manifestVersion(),
  now = Date.now,
}: {
  db: SyncHistoryDB;
  version?: string;
  now?: () => number;
}) {
  const live = useLive(() => unrecognisedOps(db), [db]);
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>(undefined);
  if (live.state !== 'ready' || live.value.length === 0) return null;
  const total = live.value.reduce((n, r) => n + r.count, 0);
  const copy = (): void => {
    const report = driftReport(live.value, version, now(), reportEndpoint);
    navigator.clipboard.writeText(report).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <details class="unrecognised">
      <summary>
        {total} unrecognised operation{total === 1 ? '' : 's'}: the portal may have changed
      </summary>
      <p class="muted">
        These portal requests looked like saves but Sync History does not know their shape, so their results were not recorded. Please copy
        the report and send it to us: it holds the addresses' patterns, operation names, counts and the layout of the answers, never your
        listings, ids or login.
      </p>
      <p>
        <button type="button" onClick={copy}>
          Copy report
        </button>{' '}
        <span role="status">
          {copied === 'yes' ? 'Report copied.' : copied === 'failed' ? 'Could not copy: the browser refused the clipboard.' : ''}
        </span>
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
