import { shortId } from '@/lib/format/ids';
import type { RowRecord } from '@/lib/messaging';
import { PLATFORM_LABEL, STATUS_LABEL } from './labels';
import { changeSummary, ID_LABEL, makroFsn } from './portalLabels';
import { StatusBadge } from './StatusBadge';
import { Time } from './Time';

/**
 * Height of a list row in px: rows are fixed-height so the list can be virtualised.
 * Two lines of 13 px text and a little padding: 11 rows fit a 380×760 side panel.
 */
export const ROW_HEIGHT = 50;

/** What a row is called: the product title, else its SKU, else its (shortened) id. */
export function productName(r: RowRecord): string {
  if (r.title?.trim()) return r.title.trim();
  if (r.sku) return r.sku;
  if (r.productId) return `${ID_LABEL[r.platform].productId} ${shortId(r.productId)}`;
  if (r.draftId) return `${ID_LABEL[r.platform].draftId} ${shortId(r.draftId)}`;
  return `${PLATFORM_LABEL[r.platform]} ${r.kind === 'import' ? 'import item' : 'publish'}`;
}

/** Line two of a success: what was set, else the id the name does not already show. */
function successLine(r: RowRecord): string {
  const changed = changeSummary(r);
  if (changed) return changed;
  const labels = ID_LABEL[r.platform];
  if (r.title && r.sku) return `${labels.sku} ${r.sku}`;
  if (r.productId && (r.title || r.sku)) return `${labels.productId} ${shortId(r.productId)}`;
  return r.kind === 'import' ? 'Imported' : 'Saved';
}

/**
 * One record in a list, in two lines: status, the product and the time; then the platform
 * and the reason it failed (or what a success changed). Ids are in the detail. The row's one
 * control is the product name (a single Tab stop; the list moves between rows with the arrows).
 */
export function RecordRow<R extends RowRecord>({
  record,
  now,
  onOpen,
  withDay = true,
}: {
  /** A stored record, or one the background sent without its index fields (the popup). */
  record: R;
  now: number;
  onOpen?: ((r: R) => void) | undefined;
  /** Show the day in the time (false under a day header). */
  withDay?: boolean | undefined;
}) {
  const first = record.errors[0];
  const name = productName(record);
  const line2 = first ? first.message : record.status === 'pending' ? 'Waiting for the result' : successLine(record);
  const title = record.title?.trim();
  // A wide panel has room for the id the name does not show, at the end of line two (CSS container query).
  const labels = ID_LABEL[record.platform];
  // A Makro listing is known by its FSN (the product page shows it), not the 25-character listing id.
  const fsn = record.platform === 'makro' ? makroFsn(record.productId) : undefined;
  const wideId: [string, string] | undefined =
    title && record.sku
      ? [labels.sku, record.sku]
      : fsn
        ? ['FSN', fsn]
        : record.productId && (title || record.sku)
          ? [labels.productId, record.productId]
          : undefined;
  const label = `${STATUS_LABEL[record.status]}, ${PLATFORM_LABEL[record.platform]} ${record.kind}${record.sku ? `, SKU ${record.sku}` : ''}${title ? `: ${title}` : ''}`;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the row's keyboard path is its name button and the list's arrow keys; the click is a larger target for the mouse
    <article
      class={`row row-${record.status}`}
      aria-label={label}
      onClick={(e) => {
        if (onOpen && !(e.target as HTMLElement).closest('a, button, time')) onOpen(record);
      }}
    >
      <div class="row-head">
        <StatusBadge status={record.status} />
        {onOpen ? (
          <button type="button" class="row-open name" title={name} onClick={() => onOpen(record)}>
            <span class="visually-hidden">Details: </span>
            {name}
          </button>
        ) : (
          <span class="row-open name" title={name}>
            {name}
          </span>
        )}
        <Time ms={record.syncedAt} now={now} withDay={withDay} />
      </div>
      <p class={`line2 ${first ? 'reason' : ''}`}>
        <span class="line2-text" title={line2}>
          <span class="platform">
            {PLATFORM_LABEL[record.platform]}
            {record.kind === 'import' ? ' import' : ''}
          </span>{' '}
          · {line2}
          {record.errors.length > 1 && <span class="more"> (+{record.errors.length - 1} more)</span>}
        </span>
        {wideId && (
          <span class="row-id" title={wideId[1]}>
            {wideId[0]} {shortId(wideId[1], 18)}
          </span>
        )}
      </p>
    </article>
  );
}
