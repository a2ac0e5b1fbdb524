import type { SyncRecord } from '@/lib/records/record';
import { PLATFORM_LABEL } from './labels';
import { ListingLink } from './ListingLink';
import { StatusBadge } from './StatusBadge';
import { Time } from './Time';

/** One record in a list: status, platform, time, key ids, the first error reason. */
export function RecordRow({ record, now, onOpen }: { record: SyncRecord; now: number; onOpen?: (r: SyncRecord) => void }) {
  const first = record.errors[0];
  return (
    <article class={`row row-${record.status}`} aria-label={`${PLATFORM_LABEL[record.platform]} ${record.kind} ${record.status}`}>
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
      {record.title && <p class="title">{record.title}</p>}
      {first && (
        <p class="reason">
          {first.message}
          {record.errors.length > 1 && <span class="more"> (+{record.errors.length - 1} more)</span>}
        </p>
      )}
      {onOpen && (
        <button type="button" class="link-button" onClick={() => onOpen(record)}>
          Details<span class="visually-hidden"> of record {record.id}</span>
        </button>
      )}
    </article>
  );
}
