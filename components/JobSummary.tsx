import { useMemo } from 'preact/hooks';
import { failedSkus, jobItems, jobSummary } from '@/lib/db/jobs';
import type { SyncHistoryDB } from '@/lib/db/schema';
import type { Platform, SyncRecord } from '@/lib/records/record';
import { csvHeader, csvLine } from '@/lib/transfer/exportFile';
import { download } from './download';
import { useLive } from './hooks';
import { PLATFORM_LABEL } from './labels';
import { RecordRow } from './RecordRow';
import { StatusBadge } from './StatusBadge';
import { Time } from './Time';

const nf = new Intl.NumberFormat('en-ZA');

/** "25 items · 7 failed · 2 pending" (only the parts that are not zero, besides the total). */
export function jobLine(s: { total: number; counts: Record<'success' | 'failed' | 'pending', number> }): string {
  const parts = [`${nf.format(s.total)} ${s.total === 1 ? 'item' : 'items'}`];
  if (s.counts.failed > 0) parts.push(`${nf.format(s.counts.failed)} failed`);
  if (s.counts.pending > 0) parts.push(`${nf.format(s.counts.pending)} pending`);
  if (s.counts.failed === 0 && s.counts.pending === 0) parts.push('all saved');
  return parts.join(' · ');
}

const jobName = (platform: Platform, jobId: string): string =>
  `${PLATFORM_LABEL[platform]} ${platform === 'shopify' ? 'bulk operation' : 'batch'} ${jobId.length > 14 ? `${jobId.slice(0, 12)}…` : jobId}`;

/**
 * One list row standing for a whole job (issue #11): name, counts, and a button that opens it.
 * A job of one item (an async single-product save, a loadsheet) is that item's own row: it
 * names the product or the file and opens the record, not a list of one.
 */
export function JobRow({
  db,
  jobId,
  platform,
  newest,
  loaded,
  now,
  onOpen,
  onOpenRecord,
}: {
  db: SyncHistoryDB;
  jobId: string;
  platform: Platform;
  newest: SyncRecord;
  /** How many of the job's items the list has loaded (the guess while the count is read). */
  loaded: number;
  now: number;
  onOpen: (jobId: string, platform: Platform) => void;
  onOpenRecord: (r: SyncRecord) => void;
}) {
  const summary = useLive(() => jobSummary(db, jobId), [db, jobId, newest.syncedAt]);
  const single = summary.state === 'ready' ? summary.value.total <= 1 : loaded <= 1;
  if (single) return <RecordRow record={newest} now={now} onOpen={onOpenRecord} withDay={false} />;
  const line = summary.state === 'ready' ? jobLine(summary.value) : 'Counting…';
  const status = summary.state === 'ready' && summary.value.counts.failed > 0 ? 'failed' : newest.status;
  return (
    <article class={`row row-job row-${status}`} aria-label={`${jobName(platform, jobId)}: ${line}`}>
      <div class="row-head">
        <StatusBadge status={status} />
        <span class="platform job-name">{jobName(platform, jobId)}</span>
        <Time ms={newest.syncedAt} now={now} withDay={false} />
      </div>
      <button type="button" class="row-open" onClick={() => onOpen(jobId, platform)}>
        <span class="visually-hidden">Open job: </span>
        {line}
      </button>
    </article>
  );
}

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
      <h2 id="job-summary-h">{jobName(platform, jobId)}</h2>
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
