import { safeLink } from '@/lib/records/links';
import type { SyncRecord } from '@/lib/records/record';

/**
 * The Product ID as a link to the listing, only when the stored link is https on the
 * platform's own host (re-checked here: the database may hold an imported file).
 */
export function ListingLink({ record }: { record: Pick<SyncRecord, 'platform' | 'productId' | 'listingUrl'> }) {
  const label = record.productId ?? 'listing';
  const href = safeLink(record.platform, record.listingUrl);
  if (!href) return record.productId ? <span class="id">{record.productId}</span> : null;
  return (
    <a class="id" href={href} target="_blank" rel="noopener noreferrer" title={`Open ${label} on the platform`}>
      {label}
    </a>
  );
}
