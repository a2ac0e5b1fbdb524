import type { StatusCounts } from '@/lib/db/queries';
import { ANY, OPEN } from '@/lib/records/facets';
import { PLATFORMS, STATUSES } from '@/lib/records/record';
import { activeChips, DEFAULT_FILTER, type FilterState, rangeProblem } from './filterState';
import { PLATFORM_LABEL, STATUS_ICON, STATUS_LABEL } from './labels';

const nf = new Intl.NumberFormat('en-ZA');

/** What the search reads, said where the seller types (placeholder) and to screen readers (description). */
export const SEARCH_HINT =
  'Finds a Store ID, Product or Offer ID, FSN, SKU, Draft, Record or job id, words of a product name or an error, or the listing of a pasted product URL.';

/** The filter bar: search, platform, status (with counts), time range; the filters that are on, as chips. */
export function Filters({
  value,
  onChange,
  counts,
}: {
  value: FilterState;
  onChange: (f: FilterState) => void;
  counts?: StatusCounts | undefined;
}) {
  const set = (patch: Partial<FilterState>) => onChange({ ...value, ...patch });
  const total = counts ? counts.success + counts.failed + counts.pending : undefined;
  const problem = rangeProblem(value);
  const chips = activeChips(value, { platform: (p) => PLATFORM_LABEL[p], status: (s) => (s === OPEN ? 'Still failing' : STATUS_LABEL[s]) });
  return (
    <form class="filters" role="search" aria-label="Filter the history" onSubmit={(e) => e.preventDefault()}>
      <label class="search">
        <span class="visually-hidden">Search</span>
        <input
          type="search"
          placeholder="Search ids, product names, errors, or paste a URL"
          title={SEARCH_HINT}
          aria-describedby="search-hint"
          value={value.q}
          onInput={(e) => set({ q: (e.currentTarget as HTMLInputElement).value })}
          autoComplete="off"
          spellcheck={false}
        />
        <span id="search-hint" class="visually-hidden">
          {SEARCH_HINT}
        </span>
      </label>
      <div class="filter-row">
        <label>
          <span class="visually-hidden">Platform</span>
          <select
            value={value.platform}
            onChange={(e) => set({ platform: (e.currentTarget as HTMLSelectElement).value as FilterState['platform'] })}
          >
            <option value={ANY}>All platforms</option>
            {PLATFORMS.map((p) => (
              <option value={p} key={p}>
                {PLATFORM_LABEL[p]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span class="visually-hidden">Time range</span>
          <select
            value={value.range}
            onChange={(e) => set({ range: (e.currentTarget as HTMLSelectElement).value as FilterState['range'] })}
          >
            <option value="today">Today</option>
            <option value="week">This week</option>
            <option value="month">This month</option>
            <option value="all">All time</option>
            <option value="custom">Custom…</option>
          </select>
        </label>
      </div>
      {value.range === 'custom' && (
        <div class="filter-row">
          <label>
            From{' '}
            <input
              type="date"
              value={value.from ?? ''}
              max={value.to}
              onInput={(e) => set({ from: (e.currentTarget as HTMLInputElement).value || undefined })}
            />
          </label>
          <label>
            To{' '}
            <input
              type="date"
              value={value.to ?? ''}
              min={value.from}
              onInput={(e) => set({ to: (e.currentTarget as HTMLInputElement).value || undefined })}
            />
          </label>
        </div>
      )}
      {problem && (
        <p class="filter-problem" role="alert">
          {problem}
        </p>
      )}
      <fieldset class="status-filter">
        <legend class="visually-hidden">Status</legend>
        <label class={value.status === ANY ? 'on' : ''}>
          <input type="radio" name="status" value={ANY} checked={value.status === ANY} onChange={() => set({ status: ANY })} />
          All{total !== undefined && <span class="count"> {nf.format(total)}</span>}
        </label>
        {STATUSES.map((s) => (
          <label key={s} class={`status-${s} ${value.status === s ? 'on' : ''}`}>
            <input type="radio" name="status" value={s} checked={value.status === s} onChange={() => set({ status: s })} />
            <span aria-hidden="true">{STATUS_ICON[s]}</span> {STATUS_LABEL[s]}
            {counts && <span class="count"> {nf.format(counts[s])}</span>}
          </label>
        ))}
        <label class={`status-open ${value.status === OPEN ? 'on' : ''}`}>
          <input type="radio" name="status" value={OPEN} checked={value.status === OPEN} onChange={() => set({ status: OPEN })} />
          Still failing{counts?.open !== undefined && <span class="count"> {nf.format(counts.open)}</span>}
        </label>
      </fieldset>
      {chips.length > 0 && (
        <div class="chips">
          <ul aria-label="Filters on">
            {chips.map((c) => (
              <li key={c.key}>
                <button type="button" class="chip" aria-label={`Remove filter: ${c.label}`} onClick={() => onChange(c.without)}>
                  {c.label} <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" class="link-button" onClick={() => onChange(DEFAULT_FILTER)}>
            Clear all
          </button>
        </div>
      )}
    </form>
  );
}
