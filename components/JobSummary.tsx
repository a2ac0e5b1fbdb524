import { useEffect, useMemo, useRef } from 'preact/hooks';
import { failedSkus, jobItems } from '@/lib/db/jobs';
import type { SyncHistoryDB } from '@/lib/db/schema';
import type { Platform, SyncRecord } from '@/lib/records/record';
import { csvHeader, csvLine } from '@/lib/transfer/exportFile';
import { download } from './download';
import { useLive } from './hooks';
import { jobName } from './JobRow';
import { StatusBadge } from './StatusBadge';

const nf = new Intl.NumberFormat('en-ZA');

/**
 * A job's detail: "7 of 25 failed", then every item, failures first (still failing before
 * fixed), then pending, then saved; "Copy failed SKUs" and "Export this job" (CSV).
 */
export function JobSummary({
  db,
  jobId,
  platform,
  onOpen,
  onBack,
}: {
  db: SyncHistoryDB;
  jobId: string;
  platform: Platform;
  onOpen: (r: SyncRecord) => void;
  onBack?: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus moves to the job's heading when it opens, as a record's does (a keyboard seller who
  // pressed Enter on a job row lands here, not on the page's body).
  useEffect(() => heading.current?.focus(), [jobId, platform]);
  const live = useLive(() => jobItems(db, jobId, platform), [db, jobId, platform]);
  const items = live.state === 'ready' ? live.value : [];
  const failed = useMemo(() => items.filter((r) => r.status === 'failed').length, [items]);
  const skus = useMemo(() => failedSkus(items), [items]);
  return (
    <section class="job" aria-labelledby="job-summary-h">
      {onBack && (
        <button type="button" onClick={onBack}>
          ← Back to history
        </button>
      )}
      <h2 id="job-summary-h" ref={heading} tabIndex={-1}>
        {jobName(platform, jobId)}
      </h2>
      {live.state === 'loading' && <p role="status">Loading the job…</p>}
      {live.state === 'error' && (
        <p class="state error" role="alert">
          Could not read this job: {live.error.message}
        </p>
      )}
      {live.state === 'ready' && (
        <>
          <p class="job-line">
            {failed > 0 ? `${nf.format(failed)} of ${nf.format(items.length)} failed` : `${nf.format(items.length)} items, none failed`}
          </p>
          <div class="job-tools">
            <button
              type="button"
              disabled={skus === ''}
              onClick={() => void navigator.clipboard.writeText(skus)}
              aria-label={`Copy failed SKUs (${failed})`}
            >
              Copy failed SKUs
            </button>
            <button
              type="button"
              onClick={() =>
                download(
                  [csvHeader(), ...items.map(csvLine)],
                  'text/csv;charset=utf-8',
                  `sync-history-job-${jobId.replace(/[^\w-]/g, '_')}.csv`,
                )
              }
            >
              Export this job (CSV)
            </button>
          </div>
          <ol class="job-items">
            {items.map((r) => (
              <li key={r.id}>
                <StatusBadge status={r.status} />{' '}
                <button type="button" class="link-button" onClick={() => onOpen(r)}>
                  {r.sku ?? r.productId ?? r.title ?? r.id}
                </button>
                {r.fixedBy && <span class="muted"> (fixed since)</span>}
                {r.errors[0] && <span class="reason"> {r.errors[0].message}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
