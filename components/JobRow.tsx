import { jobSummary } from '@/lib/db/jobs';
import type { SyncHistoryDB } from '@/lib/db/schema';
import type { Platform, SyncRecord } from '@/lib/records/record';
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

export const jobName = (platform: Platform, jobId: string): string =>
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
