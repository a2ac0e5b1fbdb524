import type { ListFilter } from '@/lib/db/queries';
import { type RangeName, rangeBounds } from '@/lib/format/time';
import { ANY, type ListStatus, OPEN } from '@/lib/records/facets';
import { PLATFORMS, type Platform, STATUSES } from '@/lib/records/record';

/** What the filter bar shows; remembered between openings (storage.local `filters`). */
export interface FilterState {
  q: string;
  platform: Platform | typeof ANY;
  /** `open`: Still failing (failures nothing later fixed). */
  status: ListStatus | typeof ANY;
  range: RangeName;
  /** Custom range, `yyyy-MM-dd` local dates. */
  from?: string | undefined;
  to?: string | undefined;
}

export const DEFAULT_FILTER: FilterState = { q: '', platform: ANY, status: ANY, range: 'all' };

const RANGES: RangeName[] = ['today', 'week', 'month', 'all', 'custom'];
/** A real calendar date `yyyy-MM-dd` (2026-02-30 is not). */
const isDate = (x: unknown): x is string =>
  typeof x === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(x) &&
  !Number.isNaN(Date.parse(`${x}T00:00:00Z`)) &&
  new Date(`${x}T00:00:00Z`).toISOString().startsWith(x);

/** A stored filter, checked field by field (an old or edited value falls back to the default). */
export function readFilter(x: unknown): FilterState {
  const o = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  const f: FilterState = {
    q: typeof o.q === 'string' ? o.q.slice(0, 200) : '',
    platform: (PLATFORMS as readonly unknown[]).includes(o.platform) ? (o.platform as Platform) : ANY,
    status: ([...STATUSES, OPEN] as readonly unknown[]).includes(o.status) ? (o.status as ListStatus) : ANY,
    range: RANGES.includes(o.range as RangeName) ? (o.range as RangeName) : 'all',
  };
  if (isDate(o.from)) f.from = o.from;
  if (isDate(o.to)) f.to = o.to;
  return f;
}

export function toListFilter(f: FilterState, now: number): ListFilter {
  const [from, to] = rangeBounds(f.range, now, { from: f.from, to: f.to });
  return { q: f.q, platform: f.platform, status: f.status, from, to };
}

export const isFiltered = (f: FilterState): boolean => f.q.trim() !== '' || f.platform !== ANY || f.status !== ANY || f.range !== 'all';

/** Why a filter can match nothing whatever is recorded (a custom range that ends before it starts), or undefined. */
export function rangeProblem(f: FilterState): string | undefined {
  if (f.range === 'custom' && f.from && f.to && f.from > f.to) return '‘From’ is after ‘To’: pick a From date on or before the To date.';
  return undefined;
}

const RANGE_LABEL: Record<RangeName, string> = {
  today: 'Today',
  week: 'This week',
  month: 'This month',
  all: 'All time',
  custom: 'Custom',
};

/** One active filter as a chip: what it says, and the state without it. */
export interface Chip {
  key: 'q' | 'platform' | 'status' | 'range';
  label: string;
  without: FilterState;
}

/** The filters that are on (not the default), each removable on its own. */
export function activeChips(f: FilterState, names: { platform: (p: Platform) => string; status: (s: ListStatus) => string }): Chip[] {
  const chips: Chip[] = [];
  if (f.q.trim()) chips.push({ key: 'q', label: `Search “${f.q.trim()}”`, without: { ...f, q: '' } });
  if (f.platform !== ANY) chips.push({ key: 'platform', label: names.platform(f.platform), without: { ...f, platform: ANY } });
  if (f.status !== ANY) chips.push({ key: 'status', label: names.status(f.status), without: { ...f, status: ANY } });
  if (f.range !== 'all') {
    const custom = f.range === 'custom' ? `${f.from ?? '…'} – ${f.to ?? '…'}` : RANGE_LABEL[f.range];
    const { from: _f, to: _t, ...rest } = f;
    chips.push({ key: 'range', label: custom, without: { ...rest, range: 'all' } });
  }
  return chips;
}
