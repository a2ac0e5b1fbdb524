/**
 * The local calendar day of a time, `yyyy-MM-dd`: the key of the per-day stats rows
 * (lib/db/stats.ts). Its own module, free of date-fns, because the background writes those
 * rows and pays for every byte it loads (issue #12). lib/format/time.ts re-exports it.
 *
 * The same string as date-fns `format(ms, 'yyyy-MM-dd')`: the local zone's year, month and
 * day (DST and odd offsets are the Date's business), a year before 1 AD as its era year
 * (1 BC is `0001`), and a RangeError for a time that is not a valid Date.
 */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  const y = d.getFullYear();
  if (Number.isNaN(y)) throw new RangeError('Invalid time value');
  return `${pad(y > 0 ? y : 1 - y, 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * The start of the local day a time falls in (ms), as date-fns `startOfDay(ms).getTime()`: the
 * popup's "today", asked of the background, which loads no date-fns for it (issue #12).
 */
export function startOfLocalDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}
