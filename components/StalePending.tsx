import { statusUrl } from '@/lib/platforms/pages';
import { safeLink } from '@/lib/records/links';
import type { SyncRecord } from '@/lib/records/record';
import { PLATFORM_LABEL } from './labels';

export function StalePending({ record }: { record: SyncRecord }) {
  const link = safeLink(record.platform, statusUrl(record));
  return (
    <p class="stale" role="note">
      No result seen yet: open the {PLATFORM_LABEL[record.platform]} import status page to refresh
      {link ? (
        <>
          {' '}
          (
          <a href={link} target="_blank" rel="noopener noreferrer">
            open it
          </a>
          ).
        </>
      ) : (
        '.'
      )}{' '}
      Sync History updates this record when the portal shows the result.
    </p>
  );
}
