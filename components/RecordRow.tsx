import type { SyncRecord } from '@/lib/records/record';
import { ListingLink } from './ListingLink';
import { PLATFORM_LABEL, STATUS_LABEL } from './labels';
import { StatusBadge } from './StatusBadge';
import { Time } from './Time';

/** Height of a list row in px: rows are fixed-height so the list can be virtualised. */
export const ROW_HEIGHT = 86;

/** One record in a list: status, platform, time, key ids, the first error reason (or the title). */
export function RecordRow({ record, now, onOpen }: { record: SyncRecord; now: number; onOpen?: ((r: SyncRecord) => void) | undefined }) {
  const first = record.errors[0];
  const summary = first ? first.message : (record.title ?? (record.status === 'pending' ? 'Waiting for the result' : 'Saved'));
  const name = `${STATUS_LABEL[record.status]}, ${PLATFORM_LABEL[record.platform]} ${record.kind}${record.sku ? `, SKU ${record.sku}` : ''}`;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the row's keyboard path is its Open button and the list's arrow keys; the click is a larger target for the mouse
    <article
      class={`row row-${record.status}`}
      aria-label={name}
      onClick={(e) => {
        if (onOpen && !(e.target as HTMLElement).closest('a, button, time')) onOpen(record);
      }}
    >
      <div class="row-head">
        <StatusBadge status={record.status} />
        <span class="platform">{PLATFORM_LABEL[record.platform]}</span>
        <span class="kind">{record.kind === 'import' ? 'Import' : 'Publish'}</span>
        <Time ms={record.syncedAt} now={now} />
      </div>
      <dl class="ids">
        {record.storeId && (
          <>
            <dt>Store</dt>
            <dd>{record.storeId}</dd>
          </>
        )}
        {(record.productId || record.listingUrl) && (
          <>
            <dt>Product</dt>
            <dd>
              <ListingLink record={record} />
            </dd>
          </>
        )}
        {record.sku && (
          <>
            <dt>SKU</dt>
            <dd>{record.sku}</dd>
          </>
        )}
      </dl>
      {onOpen ? (
        <button type="button" class={`row-open ${first ? 'reason' : 'title'}`} onClick={() => onOpen(record)}>
          <span class="visually-hidden">Details: </span>
          {summary}
          {record.errors.length > 1 && <span class="more"> (+{record.errors.length - 1} more)</span>}
        </button>
      ) : (
        <p class={`row-open ${first ? 'reason' : 'title'}`}>{summary}</p>
      )}
    </article>
  );
}
