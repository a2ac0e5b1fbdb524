import { useEffect, useRef } from 'preact/hooks';
import { jobRecords } from '@/lib/db/queries';
import type { SyncHistoryDB } from '@/lib/db/schema';
import { relative } from '@/lib/format/relative';
import { exact, iso } from '@/lib/format/time';
import { guidanceFor } from '@/lib/guidance';
import { fixUrl, statusUrl } from '@/lib/platforms/pages';
import { safeLink } from '@/lib/records/links';
import type { IdField, SyncRecord } from '@/lib/records/record';
import { CopyButton } from './CopyButton';
import { useLive } from './hooks';
import { ListingLink } from './ListingLink';
import { PLATFORM_LABEL } from './labels';
import { fieldLabel, ID_LABEL, makroFsn, reasonNamesField } from './portalLabels';
import { productName } from './RecordRow';
import { ResolvedBy } from './ResolvedBy';
import { StalePending } from './StalePending';
import { StatusBadge } from './StatusBadge';
import { isStalePending } from './stale';
import { useNow } from './useNow';
import './detail.css';

/** Id fields in the order the detail lists them (labels per portal: portalLabels.ts). */
const ID_ORDER: IdField[] = ['productId', 'sku', 'draftId', 'jobId', 'categoryId', 'storeId'];

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Everything about one record, for fixing it. Live: a settling job updates it in place. */
export function RecordDetail({
  db,
  id,
  onBack,
  onOpen,
}: {
  db: SyncHistoryDB;
  id: string;
  onBack: () => void;
  onOpen: (r: SyncRecord) => void;
}) {
  const now = useNow();
  const heading = useRef<HTMLHeadingElement>(null);
  const live = useLive(() => db.records.get(id), [db, id]);
  const rec = live.state === 'ready' ? live.value : undefined;
  const job = useLive(() => (rec?.jobId ? jobRecords(db, rec.jobId) : Promise.resolve([] as SyncRecord[])), [db, rec?.jobId]);
  const found = rec !== undefined;
  // Focus moves to the record's heading once it is shown (and again when another record opens).
  useEffect(() => heading.current?.focus(), [id, found]);

  if (live.state === 'loading')
    return (
      <p class="state" role="status">
        Loading record…
      </p>
    );
  if (live.state === 'error')
    return (
      <p class="state error" role="alert">
        Could not read this record: {live.error.message}
      </p>
    );
  if (!rec) {
    return (
      <div class="detail">
        <button type="button" onClick={onBack}>
          ← Back to history
        </button>
        <p class="state">This record is no longer in the history (it was cleared or pruned).</p>
      </div>
    );
  }
  const listing = safeLink(rec.platform, rec.listingUrl);
  const fix = safeLink(rec.platform, fixUrl(rec));
  const status = safeLink(rec.platform, statusUrl(rec));
  const others = job.state === 'ready' ? job.value.filter((r) => r.id !== rec.id) : [];
  const labels = ID_LABEL[rec.platform];
  const idRows: [string, string, IdField?][] = [];
  for (const f of ID_ORDER) {
    const v = rec[f];
    if (typeof v !== 'string' || !v) continue;
    idRows.push([labels[f], v, f]);
    const fsn = f === 'productId' && rec.platform === 'makro' ? makroFsn(v) : undefined;
    if (fsn) idRows.push(['FSN', fsn]);
  }
  idRows.push(['Record ID', rec.id]);
  const op = `${PLATFORM_LABEL[rec.platform]} ${rec.kind === 'import' ? 'import item' : 'publish'}`;
  return (
    <div class="detail">
      <button type="button" onClick={onBack} aria-keyshortcuts="Escape">
        ← Back to history
      </button>
      <h2 ref={heading} tabIndex={-1}>
        {productName(rec)} <span class="op">· {op}</span>
      </h2>
      <p class="detail-status">
        <StatusBadge status={rec.status} /> <time dateTime={iso(rec.syncedAt)}>{exact(rec.syncedAt)}</time>{' '}
        <span class="muted">({relative(rec.syncedAt, now)})</span>
      </p>
      {isStalePending(rec, now) && <StalePending record={rec} />}
      <ResolvedBy db={db} record={rec} onOpen={onOpen} />

      {rec.errors.length > 0 && (
        <section aria-labelledby="errors-h">
          <h3 id="errors-h">{rec.errors.length === 1 ? 'Why it failed' : `Why it failed (${rec.errors.length} reasons)`}</h3>
          <ol class="errors">
            {rec.errors.map((e, i) => {
              const advice = guidanceFor(rec.platform, e);
              return (
                <li key={i}>
                  <p class="reason">{e.message}</p>
                  {(e.code || e.field) && (
                    <p class="muted">
                      {e.field &&
                        (fieldLabel(e.field) !== e.field ? (
                          <>
                            Field {fieldLabel(e.field)} (<code>{e.field}</code>)
                          </>
                        ) : (
                          <>
                            Field <code>{e.field}</code>
                          </>
                        ))}
                      {e.code && e.field && ' · '}
                      {e.code && (
                        <>
                          Code <code>{e.code}</code>
                        </>
                      )}
                    </p>
                  )}
                  {advice && (
                    <p class="advice">
                      <strong>What to do:</strong> {advice}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      )}

      {(listing || fix || status) && (
        <section aria-labelledby="links-h">
          <h3 id="links-h">Links</h3>
          <ul class="links">
            {fix && rec.status === 'failed' && (
              <li>
                <a href={fix} target="_blank" rel="noopener noreferrer">
                  Fix it in the {PLATFORM_LABEL[rec.platform]} portal and try again
                </a>
              </li>
            )}
            {listing && (
              <li>
                <a href={listing} target="_blank" rel="noopener noreferrer">
                  Open the listing
                </a>
              </li>
            )}
            {fix && rec.status !== 'failed' && (
              <li>
                <a href={fix} target="_blank" rel="noopener noreferrer">
                  Edit it in the {PLATFORM_LABEL[rec.platform]} portal
                </a>
              </li>
            )}
            {status && rec.status === 'pending' && (
              <li>
                <a href={status} target="_blank" rel="noopener noreferrer">
                  Open the import status page
                </a>
              </li>
            )}
          </ul>
        </section>
      )}

      <section aria-labelledby="changes-h">
        <h3 id="changes-h">What was sent</h3>
        {rec.changes.length === 0 ? (
          <p class="muted">No fields recorded for this operation.</p>
        ) : (
          <table class="changes">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {rec.changes.map((c, i) => {
                const named = reasonNamesField(rec, c.field);
                return (
                  <tr key={i} class={named ? 'named' : undefined}>
                    <th scope="row" title={c.field}>
                      {fieldLabel(c.field)}
                      {named && <span class="flag"> ⚠ in the reason</span>}
                    </th>
                    <td>
                      <code>{show(c.value)}</code>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="ids-h">
        <h3 id="ids-h">Ids</h3>
        <dl class="id-table">
          {idRows.map(([label, v, field]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                <code>{field === 'productId' ? <ListingLink record={rec} /> : v}</code> <CopyButton value={v} label={label} />
              </dd>
            </div>
          ))}
        </dl>
      </section>

      {rec.history.length > 1 && (
        <section aria-labelledby="history-h">
          <h3 id="history-h">Status changes</h3>
          <ol class="history">
            {rec.history.map((h, i) => (
              <li key={i}>
                <StatusBadge status={h.status} /> <time dateTime={new Date(h.at).toISOString()}>{exact(h.at)}</time>
              </li>
            ))}
          </ol>
        </section>
      )}

      {rec.jobId && (
        <section aria-labelledby="job-h">
          <h3 id="job-h">Other items of this job ({others.length})</h3>
          {others.length > 0 && (
            <ul class="job-items">
              {others.map((r) => (
                <li key={r.id}>
                  <StatusBadge status={r.status} />{' '}
                  <button type="button" class="link-button" onClick={() => onOpen(r)}>
                    {r.sku ?? r.productId ?? r.id}
                  </button>
                  {r.errors[0] && <span class="reason"> {r.errors[0].message}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
