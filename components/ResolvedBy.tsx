import type { SyncHistoryDB } from '@/lib/db/schema';
import { clock, exact, iso } from '@/lib/format/time';
import { isOpenFailure } from '@/lib/records/listing';
import type { SyncRecord } from '@/lib/records/record';
import { useLive } from './hooks';

/**
 * What happened next on a failed record's listing (issue #11): "Fixed 16:36" with a link to
 * the record that fixed it, "Failed again" with a link to the later failure, or "Still
 * failing". Nothing for a record that did not fail.
 */
export function ResolvedBy({ db, record, onOpen }: { db: SyncHistoryDB; record: SyncRecord; onOpen: (r: SyncRecord) => void }) {
  const nextId = record.fixedBy ?? record.supersededBy;
  const next = useLive(() => (nextId ? db.records.get(nextId) : Promise.resolve(undefined)), [db, nextId]);
  if (record.status !== 'failed') return null;
  if (isOpenFailure(record)) {
    return (
      <p class="resolution open">
        <strong>Still failing:</strong> no later save of this listing has succeeded yet.
      </p>
    );
  }
  const target = next.state === 'ready' ? next.value : undefined;
  const open = target ? (
    <button type="button" class="link-button" onClick={() => onOpen(target)}>
      {record.fixedBy ? 'Open the save that fixed it' : 'Open the later failure'}
    </button>
  ) : next.state === 'ready' ? (
    <span class="muted"> (that record is no longer in the history)</span>
  ) : null;
  if (record.fixedBy) {
    const at = record.fixedAt ?? target?.syncedAt;
    return (
      <p class="resolution fixed">
        <span aria-hidden="true">✓ </span>
        <strong>
          Fixed{' '}
          {at !== undefined && (
            <time dateTime={iso(at)} title={exact(at)}>
              {clock(at)}
            </time>
          )}
        </strong>
        : a later save of this listing succeeded. {open}
      </p>
    );
  }
  return (
    <p class="resolution superseded">
      <strong>Failed again later:</strong> the latest attempt on this listing is the one that counts. {open}
    </p>
  );
}
